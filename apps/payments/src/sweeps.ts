import { startSweep } from '@fruitables/kit';
import type { Logger } from 'pino';
import type { DomainContext } from './domain/context.ts';
import { reconcileOnce } from './domain/reconcile.ts';
import { checkYesterdayOnce, runWeeklySettlementOnce } from './domain/scheduled-settlement.ts';

/**
 * The reconciler: every `intervalMs`, resolves confirms left in flight, resends pending
 * refunds and processes webhooks left unprocessed (`reconcileOnce`). Replicas may all run it,
 * since claims use SKIP LOCKED and every effect is idempotent.
 */
export const startReconcileSweep = (
  ctx: Pick<DomainContext, 'db' | 'clock' | 'logger' | 'pg' | 'reconcile' | 'ledger' | 'cipher' | 'checkpoint'>,
  options: { intervalMs: number; logger: Logger },
) => startSweep({ name: 'reconcile', run: () => reconcileOnce(ctx), ...options });

type ScheduleContext = Parameters<typeof runWeeklySettlementOnce>[0];

/** The weekly settlement run; a week already claimed is a no-op, so every replica may try. */
export const startWeeklySettlementSweep = (ctx: ScheduleContext, options: { intervalMs: number; logger: Logger }) =>
  startSweep({
    name: 'weekly settlement',
    run: async () => (await runWeeklySettlementOnce(ctx)).payouts,
    ...options,
  });

/** Yesterday's check against the PG's settlement list, once a day; differences are counted by `onDifferences`. */
export const startPgSettlementCheckSweep = (
  ctx: ScheduleContext,
  onDifferences: (count: number) => void,
  options: { intervalMs: number; logger: Logger },
) =>
  startSweep({
    name: 'daily PG settlement check',
    run: async () => ((await checkYesterdayOnce(ctx, onDifferences)) ? 1 : 0),
    ...options,
  });
