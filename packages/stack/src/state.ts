import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What `up` started, so `down` (and a second `up`) can find it again. */
export interface StackState {
  ports: {
    postgres: number;
    redis: number;
    edge: number;
    services: Record<string, number>;
    /** Each service's METRICS_PORT (`/metrics` is never on the service's own port). */
    metrics: Record<string, number>;
    /** The mail catcher's SMTP and web inbox ports (absent in a state file from before it). */
    mail?: { smtp: number; web: number };
    /** Each stand-in's port, by stand-in name (absent in a state file from before stand-ins). */
    standIns?: Record<string, number>;
  };
  pids: {
    services: Record<string, number>;
    standIns?: Record<string, number>;
    edge?: number;
    mailCatcher?: number;
  };
  /**
   * Variables put over a service's own environment, by service name: what a platform for
   * tests changes (a short payment window). Kept here so a restart keeps them.
   */
  serviceEnv?: Record<string, Record<string, string>>;
}

const file = (dir: string) => join(dir, 'state.json');

export function readState(dir: string): StackState | null {
  return existsSync(file(dir)) ? (JSON.parse(readFileSync(file(dir), 'utf8')) as StackState) : null;
}

export function writeState(dir: string, state: StackState): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(file(dir), `${JSON.stringify(state, null, 2)}\n`);
}
