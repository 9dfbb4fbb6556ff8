import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { catcherInboxUrl, mailCatcherCommand } from '@fruitables/mail/catcher';
import { spawnDetached, stopProcess } from './processes.ts';
import { isAlive, waitFor } from './shell.ts';
import type { StackState } from './state.ts';

/*
 * The stack's mail catcher (MailDev): every mail the services send locally lands in its web
 * inbox instead of anyone's mailbox. Its messages are kept under the stack folder, so `up`
 * keeps them across restarts and the e2e platform throws them away with everything else.
 */

/** Starts the catcher on the recorded ports unless it already runs; returns the inbox URL. */
export async function startMailCatcher(dir: string, state: StackState): Promise<string> {
  const { mail } = state.ports;
  if (!mail) throw new Error('no mail catcher ports recorded');
  const inboxUrl = catcherInboxUrl(mail);
  const running = state.pids.mailCatcher;
  if (running === undefined || !isAlive(running)) {
    const mailDirectory = join(dir, 'mail');
    mkdirSync(mailDirectory, { recursive: true });
    state.pids.mailCatcher = spawnDetached(mailCatcherCommand(mail, mailDirectory), {
      cwd: dir,
      env: {},
      logFile: join(dir, 'logs', 'mail-catcher.log'),
    });
  }
  await waitFor('the mail catcher to answer', async () => {
    try {
      return (await fetch(`${inboxUrl}/api/healthz`)).ok;
    } catch {
      return false;
    }
  });
  return inboxUrl;
}

export async function stopMailCatcher(state: StackState): Promise<void> {
  if (state.pids.mailCatcher !== undefined) await stopProcess(state.pids.mailCatcher, 5_000);
  delete state.pids.mailCatcher;
}
