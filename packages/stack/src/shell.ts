export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Throw (with the command's stderr) when it exits non-zero. */
  check?: boolean;
  /** Show the command's output live instead of capturing it. */
  inherit?: boolean;
}

export const isRoot = process.getuid?.() === 0;

/** Runs a command and waits for it; the only place the stack shells out. */
export async function run(command: string[], options: RunOptions = {}): Promise<RunResult> {
  const child = Bun.spawn(command, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdin: 'ignore',
    stdout: options.inherit ? 'inherit' : 'pipe',
    stderr: options.inherit ? 'inherit' : 'pipe',
  });
  const [stdout, stderr, code] = await Promise.all([
    options.inherit ? '' : new Response(child.stdout as ReadableStream).text(),
    options.inherit ? '' : new Response(child.stderr as ReadableStream).text(),
    child.exited,
  ]);
  if (options.check && code !== 0) {
    throw new Error(`command failed (${code}): ${command.join(' ')}\n${stderr.trim() || stdout.trim()}`);
  }
  return { code, stdout, stderr };
}

/** Runs a command as the unprivileged `postgres` user when we are root (initdb and postgres refuse root). */
export function asPostgresUser(command: string[]): string[] {
  return isRoot ? ['runuser', '-u', 'postgres', '--', ...command] : command;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/**
 * Polls until `check` returns true or the deadline passes; says what it waited for when it
 * gives up. A check that throws a `FatalWait` stops the wait at once (the thing died).
 */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ready = await check().catch((error: unknown) => {
      if (error instanceof FatalWait) throw error;
      return false;
    });
    if (ready) return;
    await sleep(200);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Thrown from a `waitFor` check to give up immediately. */
export class FatalWait extends Error {}
