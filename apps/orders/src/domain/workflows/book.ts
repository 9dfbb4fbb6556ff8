import { confirmBooking, createBooking } from '@fruitables/logistics/contract';
import { defineWorkflow } from '@fruitables/workflow';
import type { OrdersTables, WorkflowContext } from '../context.ts';
import { type BookInput, cancelUnbookable, markBooked } from '../gift-addresses.ts';
import type { FollowUps } from './follow-ups.ts';
import { refusing } from './refusals.ts';

const RETRY = { maxAttempts: 10, backoff: (attempt: number) => Math.min(500 * 2 ** attempt, 60_000) };

/**
 * A gift recipient gave their address through the link: book their date at logistics under
 * `<fulfilment>:book`, confirm it (the order is paid, so logistics makes the shipment), then the
 * booking goes onto the fulfilment and FulfilmentContentsChanged gives logistics its boxes and
 * lots, exactly as after a substitution. A refusal (the date filled meanwhile) cancels and
 * refunds that recipient alone.
 */
export function createBookWorkflow(ctx: WorkflowContext, followUps: FollowUps) {
  const { logistics } = ctx.remotes;
  return defineWorkflow<BookInput, { booking: { bookingId: string; dispatchDate: string } }, OrdersTables>({
    kind: 'book',
    steps: [
      {
        name: 'booking',
        timeoutMs: 8_000,
        retry: RETRY,
        async run(step, input) {
          const booking = await refusing(() =>
            logistics.call(
              createBooking,
              {
                idempotencyKey: `${input.fulfilmentId}:book`,
                body: {
                  orderId: input.orderId,
                  fulfilmentId: input.fulfilmentId,
                  shopperId: input.shopperId,
                  farmId: input.farmId,
                  deliveryDate: input.deliveryDate,
                  boxes: input.boxes,
                  recipient: input.recipient,
                },
              },
              { signal: step.signal },
            ),
          );
          await refusing(() =>
            logistics.call(confirmBooking, { params: { bookingId: booking.id } }, { signal: step.signal }),
          );
          return { bookingId: booking.id, dispatchDate: booking.dispatchDate };
        },
      },
    ],
    onCompleted: (tx, run) => markBooked(tx, run.input, run.results.booking, ctx.clock.now()),
    onCompensated: (tx, run) => cancelUnbookable(tx, { followUps }, run.input, ctx.clock.now()),
    onFailed: (tx, run) => cancelUnbookable(tx, { followUps }, run.input, ctx.clock.now()),
  });
}
