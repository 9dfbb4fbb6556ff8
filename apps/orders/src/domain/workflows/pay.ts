import { confirmHold } from '@fruitables/catalog/contract';
import { confirmBooking } from '@fruitables/logistics/contract';
import { defineWorkflow } from '@fruitables/workflow';
import type { OrdersTables, WorkflowContext } from '../context.ts';
import { type ConfirmedLots, markPaid, type PayInput, refundUnconfirmablePayment } from '../pay-settlement.ts';
import type { FollowUps } from './follow-ups.ts';
import { refusing } from './refusals.ts';

const RETRY = { maxAttempts: 10, backoff: (attempt: number) => Math.min(500 * 2 ** attempt, 60_000) };

/**
 * PaymentCompleted: confirm the stock hold at catalog (the lots sold come back and go onto the
 * lines), confirm each booking at logistics (which creates the shipment), then the order is
 * paid. Confirms cannot be undone; a refusal (the hold expired first) cancels the order and
 * refunds the payment in full instead.
 */
export function createPayWorkflow(ctx: WorkflowContext, followUps: FollowUps) {
  const { catalog, logistics } = ctx.remotes;
  return defineWorkflow<PayInput, { stock: ConfirmedLots | null; bookings: string[] }, OrdersTables>({
    kind: 'pay',
    steps: [
      {
        name: 'stock',
        timeoutMs: 8_000,
        retry: RETRY,
        async run(step, input) {
          if (!input.holdId) return null;
          const holdId = input.holdId;
          const hold = await refusing(() => catalog.call(confirmHold, { params: { holdId } }, { signal: step.signal }));
          return hold.lines;
        },
      },
      {
        name: 'bookings',
        timeoutMs: 8_000,
        retry: RETRY,
        async run(step, input) {
          for (const bookingId of input.bookingIds) {
            await refusing(() => logistics.call(confirmBooking, { params: { bookingId } }, { signal: step.signal }));
          }
          return input.bookingIds;
        },
      },
    ],
    onCompleted: (tx, run) => markPaid(tx, run.input, run.results.stock ?? undefined, ctx.clock.now()),
    onCompensated: (tx, run) => refundUnconfirmablePayment(tx, { followUps }, run.input, ctx.clock.now()),
    onFailed: (tx, run) => refundUnconfirmablePayment(tx, { followUps }, run.input, ctx.clock.now()),
  });
}
