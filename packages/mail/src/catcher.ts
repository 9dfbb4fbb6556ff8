import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The local mail catcher: MailDev, a real SMTP server that keeps every message and shows it
 * in a web inbox (with a REST API under /api). `./fruitables up`, the e2e platform and the
 * mail tests run it, so mail is sent over real SMTP everywhere and read back like a person would.
 * It runs under Bun like everything else (checked: MailDev 3 needs nothing node-only).
 */

export interface MailCatcherPorts {
  smtp: number;
  web: number;
}

/**
 * MailDev's CLI script, found the way Node finds a package: `node_modules/maildev` in this
 * file's folder or the nearest parent that has one. Not `import.meta.resolve`: vitest's module
 * runner, where the e2e global setup starts the platform, does not support it, and maildev
 * exports no `package.json` or `require` entry to resolve instead.
 */
function maildevBin(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const bin = join(dir, 'node_modules', 'maildev', 'dist', 'bin', 'maildev.js');
    if (existsSync(bin)) return bin;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('maildev is not installed (a dependency of @fruitables/mail): run bun install');
    dir = parent;
  }
}

/** The argv that starts MailDev on loopback only; the stack spawns it detached, tests directly. */
export function mailCatcherCommand(ports: MailCatcherPorts, mailDirectory?: string): string[] {
  return [
    process.execPath,
    maildevBin(),
    '--smtp',
    String(ports.smtp),
    '--ip',
    '127.0.0.1',
    '--web',
    String(ports.web),
    '--web-ip',
    '127.0.0.1',
    '--silent',
    ...(mailDirectory ? ['--mail-directory', mailDirectory] : []),
  ];
}

export const catcherSmtpUrl = (ports: MailCatcherPorts): string => `smtp://127.0.0.1:${ports.smtp}`;
export const catcherInboxUrl = (ports: MailCatcherPorts): string => `http://127.0.0.1:${ports.web}`;

/** A message as MailDev's REST API lists it (only what we read). */
export interface CaughtMail {
  id: string;
  subject: string;
  text: string;
  html: string;
  to: { address: string }[];
  time: string;
}

/** Reads a catcher's inbox over its REST API. */
export interface MailInbox {
  url: string;
  list(): Promise<CaughtMail[]>;
  /** Every message to `to`, oldest first. */
  messagesTo(to: string): Promise<CaughtMail[]>;
  /** Waits for a message to `to` that `match` accepts (the newest such), or throws after `timeoutMs`. */
  waitFor(to: string, match?: (mail: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
}

export function mailInbox(url: string): MailInbox {
  const list = async (): Promise<CaughtMail[]> => {
    const response = await fetch(`${url}/api/email`);
    if (!response.ok) throw new Error(`mail catcher answered ${response.status}`);
    return (await response.json()) as CaughtMail[];
  };
  const messagesTo = async (to: string) => {
    const wanted = to.toLowerCase();
    return (await list()).filter((mail) => mail.to.some((recipient) => recipient.address.toLowerCase() === wanted));
  };
  return {
    url,
    list,
    messagesTo,
    async waitFor(to, match = () => true, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = (await messagesTo(to)).filter(match).at(-1);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
        await Bun.sleep(50);
      }
    },
  };
}

/** A catcher started by a test: stop it in afterAll. */
export interface RunningMailCatcher {
  smtpUrl: string;
  inbox: MailInbox;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: () => new Response() });
  const { port } = probe;
  await probe.stop(true);
  if (port === undefined) throw new Error('no free port');
  return port;
}

/** Starts MailDev on two free ports and waits until its API answers. */
export async function startMailCatcher(): Promise<RunningMailCatcher> {
  const ports = { smtp: await freePort(), web: await freePort() };
  const child = Bun.spawn(mailCatcherCommand(ports), { stdin: 'ignore', stdout: 'ignore', stderr: 'inherit' });
  const inbox = mailInbox(catcherInboxUrl(ports));
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const response = await fetch(`${inbox.url}/api/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`mail catcher exited with ${child.exitCode}`);
    if (Date.now() > deadline) {
      child.kill();
      throw new Error('mail catcher did not start within 20 s');
    }
    await Bun.sleep(100);
  }
  return {
    smtpUrl: catcherSmtpUrl(ports),
    inbox,
    async stop() {
      child.kill('SIGTERM');
      await child.exited;
    },
  };
}
