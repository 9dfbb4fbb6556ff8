import type { Logger } from 'pino';
import type { DomainContext } from './domain/context.ts';
import { reconcileOnce } from './domain/reconcile.ts';

export interface Sweep {
  stop(): Promise<void>;
}

/**
 * A pass every `intervalMs`, each waiting for the previous one (a timer chain, not
 * setInterval); a failing pass is logged and the next one tries again.
 */
export function startSweep(
  name: string,
  pass: () => Promise<unknown>,
  options: { intervalMs: number; logger: Logger },
): Sweep {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const once = async () => {
    try {
      await pass();
    } catch (error) {
      options.logger.error({ err: error, sweep: name }, 'sweep pass failed');
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = once().finally(schedule);
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

/**
 * The reconciler: every `intervalMs`, resolves confirms left in flight, resends pending
 * refunds and processes webhooks left unprocessed (`reconcileOnce`). Each pass waits for the
 * previous one (a timer chain, not setInterval); replicas may all run it, since claims use
 * SKIP LOCKED and every effect is idempotent.
 */
export function startReconcileSweep(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'logger' | 'pg' | 'reconcile' | 'ledger' | 'cipher' | 'checkpoint'>,
  options: { intervalMs: number; logger: Logger },
): Sweep {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const pass = async () => {
    try {
      const handled = await reconcileOnce(ctx);
      if (handled > 0) options.logger.info({ sweep: 'reconcile', handled }, 'sweep pass handled items');
    } catch (error) {
      options.logger.error({ err: error, sweep: 'reconcile' }, 'sweep pass failed');
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
