import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnDetached, stopProcess } from './processes.ts';
import type { StandIn } from './services.ts';
import { FatalWait, isAlive, waitFor } from './shell.ts';
import type { StackState } from './state.ts';

/*
 * The stand-ins services declare (services.ts): each its own Bun process on the port the
 * state records, started before any service so a service's first call to "Toss" finds it
 * answering, and stopped after the services, which may still call it while they drain.
 */

/** Where the stack's stand-in answers; throws when the state has none by that name. */
export function standInUrl(state: StackState, name: string): string {
  const port = state.ports.standIns?.[name];
  if (port === undefined) {
    throw new Error(`no stand-in named ${name} is recorded: declare it in a service's package.json and run up again`);
  }
  return `http://127.0.0.1:${port}`;
}

/** A stand-in's log file name (without `.log`), distinct from any service's. */
export const standInLogName = (standIn: Pick<StandIn, 'name'>): string => `${standIn.name}-stand-in`;

function tail(file: string, lines: number): string {
  return existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '(no log)';
}

/**
 * Starts every stand-in not already running (a second `up` keeps the first one's) and
 * waits until each answers `GET /healthz` with 200. Records the PIDs in `state`; the
 * caller writes it.
 */
export async function startStandIns(
  dir: string,
  state: StackState,
  standIns: StandIn[],
  timeoutMs = 30_000,
): Promise<void> {
  state.pids.standIns ??= {};
  const pids = state.pids.standIns;
  mkdirSync(join(dir, 'logs'), { recursive: true });
  for (const standIn of standIns) {
    const running = pids[standIn.name];
    if (running !== undefined && isAlive(running)) continue;
    const port = state.ports.standIns?.[standIn.name];
    if (port === undefined) throw new Error(`no port recorded for the stand-in ${standIn.name}`);
    // The service that declared it, for a provider that calls back (Toss's webhooks).
    const servicePort = state.ports.services[standIn.service];
    pids[standIn.name] = spawnDetached(['bun', standIn.entry], {
      cwd: standIn.dir,
      env: {
        PORT: String(port),
        ...(servicePort === undefined ? {} : { SERVICE_URL: `http://127.0.0.1:${servicePort}` }),
      },
      logFile: join(dir, 'logs', `${standInLogName(standIn)}.log`),
    });
  }
  await Promise.all(
    standIns.map((standIn) => {
      const logFile = join(dir, 'logs', `${standInLogName(standIn)}.log`);
      return waitFor(
        `the ${standIn.name} stand-in to answer GET /healthz (log: ${logFile})`,
        async () => {
          const pid = pids[standIn.name];
          if (pid === undefined || !isAlive(pid)) {
            throw new FatalWait(
              `the ${standIn.name} stand-in exited during start; the end of its log:\n${tail(logFile, 15)}`,
            );
          }
          return (await fetch(`${standInUrl(state, standIn.name)}/healthz`)).status === 200;
        },
        timeoutMs,
      );
    }),
  );
}

/** Stops every stand-in the state recorded; returns what happened to each, by name. */
export async function stopStandIns(state: StackState): Promise<Record<string, string>> {
  const outcomes: Record<string, string> = {};
  await Promise.all(
    Object.entries(state.pids.standIns ?? {}).map(async ([name, pid]) => {
      outcomes[name] = await stopProcess(pid, 5_000);
    }),
  );
  state.pids.standIns = {};
  return outcomes;
}
