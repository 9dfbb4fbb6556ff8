import type { Logger } from 'pino';
import type { DomainContext } from './domain/context.ts';
import { expireHolds } from './domain/settle-hold.ts';

export interface ExpirySweep {
  stop(): Promise<void>;
}

/**
 * Expires overdue holds every `intervalMs`. Each pass waits for the previous one (a timer
 * chain, not setInterval), so a slow database never stacks sweeps; a full batch sweeps again
 * at once so a backlog after downtime drains quickly. Replicas may all run it: SKIP LOCKED
 * gives each a different set of holds.
 */
export function startExpirySweep(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'stock'>,
  options: { intervalMs: number; logger: Logger; batchSize?: number },
): ExpirySweep {
  const batchSize = options.batchSize ?? 100;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const pass = async (): Promise<void> => {
    try {
      let expired = batchSize;
      while (!stopped && expired === batchSize) {
        expired = await expireHolds(ctx, batchSize);
        if (expired > 0) options.logger.info({ expired }, 'expired overdue holds');
      }
    } catch (error) {
      options.logger.error({ err: error }, 'hold expiry sweep failed');
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
