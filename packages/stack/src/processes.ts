import { openSync } from 'node:fs';
import { isAlive, sleep } from './shell.ts';

/**
 * Starts a long-running program in its own session with output appended to a log file, so
 * it outlives the terminal that started it (`up --detach`) and Ctrl-C reaches only `up`,
 * which then stops everything in order.
 */
export function spawnDetached(
  command: string[],
  options: { cwd: string; env: Record<string, string>; logFile: string },
): number {
  const log = openSync(options.logFile, 'a');
  const child = Bun.spawn(command, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdin: 'ignore',
    stdout: log,
    stderr: log,
    detached: true,
  });
  child.unref();
  return child.pid;
}

/** SIGTERM, then wait for the graceful shutdown; SIGKILL only if it overstays the deadline. */
export async function stopProcess(pid: number, graceMs: number): Promise<'stopped' | 'killed' | 'not running'> {
  if (!isAlive(pid)) return 'not running';
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return 'stopped';
    await sleep(100);
  }
  process.kill(pid, 'SIGKILL');
  return 'killed';
}
