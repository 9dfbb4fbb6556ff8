import { returnConfirmedBoxes } from '@fruitables/catalog/contract';
import { defineWorkflow } from '@fruitables/workflow';
import type { OrdersTables, WorkflowContext } from '../context.ts';
import type { RestockInput } from './follow-ups.ts';
import { refusalCode } from './refusals.ts';

// Boxes back on sale must happen eventually, however long catalog is away: many patient attempts.
const PATIENT = { maxAttempts: 20, backoff: (attempt: number) => Math.min(1_000 * 2 ** attempt, 300_000) };

/**
 * Gives back to catalog the sold boxes of a paid order that will not be sent (a cancel before
 * packing, an accepted cancel request, a shortage): one return per hold, under a key derived
 * from the cancel (`restock:<requestKey>:<holdId>`), so a retry or a second run for the same
 * cancel returns them once. A refusal is logged, not retried: catalog judged the return itself.
 */
export function createRestockWorkflow(ctx: WorkflowContext) {
  const { catalog } = ctx.remotes;
  return defineWorkflow<RestockInput, { returned: string[] }, OrdersTables>({
    kind: 'restock',
    steps: [
      {
        name: 'returned',
        timeoutMs: 8_000,
        retry: PATIENT,
        async run(step, input) {
          const returned: string[] = [];
          for (const hold of input.holds) {
            try {
              const answer = await catalog.call(
                returnConfirmedBoxes,
                {
                  params: { holdId: hold.holdId },
                  idempotencyKey: `restock:${input.requestKey}:${hold.holdId}`,
                  body: { reason: input.reason, lines: hold.lines },
                },
                { signal: step.signal },
              );
              returned.push(answer.id);
            } catch (error) {
              const code = refusalCode(error);
              if (code === undefined) throw error;
              ctx.logger.warn({ orderId: input.orderId, holdId: hold.holdId, code }, 'catalog refused a box return');
            }
          }
          return returned;
        },
      },
    ],
    onFailed: async (_tx, run) => {
      ctx.logger.error(
        { orderId: run.input.orderId, error: run.error },
        'restock gave up; the boxes stay counted as sold at catalog',
      );
    },
  });
}
