import type { OrdersDomain } from './build.ts';

/**
 * Drives just-started runs (a refund, a substitution) now, so the answer already shows their
 * outcome; whatever does not finish here (payments slow, a crash) the sweeper finishes.
 */
export async function driveRuns(ctx: Pick<OrdersDomain, 'engine'>, runIds: readonly (string | undefined)[]) {
  for (const runId of runIds) {
    if (runId) await ctx.engine.runNow(runId);
  }
}
