import { extendHold } from '@fruitables/catalog/contract';
import { extendBooking } from '@fruitables/logistics/contract';
import { defineWorkflow } from '@fruitables/workflow';
import { cancelUnpaidOrder } from '../cancel-unpaid.ts';
import type { OrdersTables, WorkflowContext } from '../context.ts';
import { lockOrder } from '../order-rows.ts';
import type { ExtendInput, FollowUps } from './follow-ups.ts';
import { refusing } from './refusals.ts';

const RETRY = { maxAttempts: 10, backoff: (attempt: number) => Math.min(500 * 2 ** attempt, 60_000) };

/**
 * A virtual account waits for its deposit: the order's stock hold and its bookings are kept
 * until the due date (plus the usual margin). Extending never shortens, so there is nothing
 * to undo. If catalog or logistics refuse (the hold or booking lapsed before we asked), the
 * order cannot be delivered as placed: it is cancelled now, and a deposit that still comes is
 * refunded in full (PaymentCompleted on a cancelled order).
 */
export function createExtendWorkflow(ctx: WorkflowContext, followUps: FollowUps) {
  const { catalog, logistics } = ctx.remotes;
  return defineWorkflow<ExtendInput, { stock: boolean; bookings: boolean }, OrdersTables>({
    kind: 'extend',
    steps: [
      {
        name: 'stock',
        timeoutMs: 8_000,
        retry: RETRY,
        async run(step, input) {
          if (!input.holdId) return false;
          const holdId = input.holdId;
          await refusing(() =>
            catalog.call(extendHold, { params: { holdId }, body: { expiresAt: input.until } }, { signal: step.signal }),
          );
          return true;
        },
      },
      {
        name: 'bookings',
        timeoutMs: 8_000,
        retry: RETRY,
        async run(step, input) {
          for (const bookingId of input.bookingIds) {
            await refusing(() =>
              logistics.call(
                extendBooking,
                { params: { bookingId }, body: { expiresAt: input.until } },
                { signal: step.signal },
              ),
            );
          }
          return true;
        },
      },
    ],
    async onCompensated(tx, run) {
      ctx.logger.warn({ orderId: run.input.orderId, error: run.error }, 'could not keep stock or date for a deposit');
      const order = await lockOrder(tx, run.input.orderId);
      if (order) await cancelUnpaidOrder(tx, { followUps }, order, 'payment_expired', ctx.clock.now());
    },
    async onFailed(tx, run) {
      const order = await lockOrder(tx, run.input.orderId);
      if (order) await cancelUnpaidOrder(tx, { followUps }, order, 'payment_expired', ctx.clock.now());
    },
  });
}
