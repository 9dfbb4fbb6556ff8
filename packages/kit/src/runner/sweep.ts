import type { Logger } from 'pino';

export interface Sweep {
  stop(): Promise<void>;
}

export interface SweepOptions {
  name: string;
  intervalMs: number;
  logger: Logger;
  /** One unit of work; returns how many items it handled. */
  run: () => Promise<number>;
  /** A pass that handled this many goes again at once (a backlog after downtime drains quickly). */
  batchSize?: number;
}

/**
 * Runs `run` every `intervalMs`. Each pass waits for the previous one (a timer chain, not
 * setInterval), so a slow database never stacks passes; a failing pass is logged and the next
 * one tries again. Replicas may all run the same sweep: the work itself must lock what it
 * changes (SKIP LOCKED, row locks). A service's `sweeps` hand the runner what this returns.
 */
export function startSweep(options: SweepOptions): Sweep {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const pass = async (): Promise<void> => {
    try {
      while (!stopped) {
        const handled = await options.run();
        if (handled > 0) options.logger.info({ sweep: options.name, handled }, 'sweep pass handled items');
        if (options.batchSize === undefined || handled < options.batchSize) return;
      }
    } catch (error) {
      options.logger.error({ err: error, sweep: options.name }, 'sweep pass failed');
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass().finally(schedule);
    }, options.intervalMs);
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
