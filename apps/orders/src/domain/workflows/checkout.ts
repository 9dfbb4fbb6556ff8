import { createHold, releaseHold } from '@fruitables/catalog/contract';
import { createBooking, releaseBooking } from '@fruitables/logistics/contract';
import type { StoredRecipient } from '@fruitables/schema-orders';
import { defineWorkflow, StepRefused } from '@fruitables/workflow';
import { markCheckoutFailed, markPlaced } from '../checkout-settlement.ts';
import type { OrdersTables, WorkflowContext } from '../context.ts';
import { refusalCode, refusing } from './refusals.ts';

export interface CheckoutInput {
  orderId: string;
  shopperId: string;
  /** How long catalog and logistics hold stock and dates: the payment window plus a margin. */
  ttlSeconds: number;
  recipient: StoredRecipient;
  /** A gift's fulfilment carries its own recipient; otherwise the order's `recipient` is used. */
  fulfilments: {
    fulfilmentId: string;
    farmId: string;
    deliveryDate: string;
    boxes: number;
    recipient?: StoredRecipient;
    /** The recipient gives their address later through a link: booked then (the `book` run), not now. */
    addressByLink?: boolean;
  }[];
  lines: { offerId: string; quantity: number }[];
}

export interface BookingResult {
  bookingId: string;
  dispatchDate: string;
}

export interface HoldResult {
  holdId: string;
  expiresAt: string;
  lines: { offerId: string; lotId: string; lotCode: string; quantity: number }[];
}

export type CheckoutResults = {
  bookings: Record<string, BookingResult>;
  stock: HoldResult;
};

const STEP_TIMEOUT_MS = 8_000;
// A refused step is final; transient trouble (a slow or restarting callee) is retried quickly:
// the shopper is waiting for this answer.
const FORWARD_RETRY = { maxAttempts: 4, backoff: (attempt: number) => 100 * 2 ** attempt };
const UNDO_RETRY = { maxAttempts: 12, backoff: (attempt: number) => Math.min(1_000 * 2 ** attempt, 60_000) };

/**
 * Checkout as one crash-safe workflow: book the chosen date of every farm at logistics, then
 * hold every line's stock at catalog (all lines or none, freshest lot first), then the order
 * is placed (awaiting payment, OrderPlaced) in the commit of the last step. A refusal (date
 * full, sold out) undoes what came before; keys are the run's, so every retry and every crash
 * lands on the same booking and the same hold.
 */
export function createCheckoutWorkflow(ctx: WorkflowContext) {
  const { catalog, logistics } = ctx.remotes;

  const book = (
    key: string,
    input: CheckoutInput,
    fulfilment: CheckoutInput['fulfilments'][number],
    signal: AbortSignal,
  ) =>
    logistics.call(
      createBooking,
      {
        idempotencyKey: `${key}:${fulfilment.fulfilmentId}`,
        body: {
          orderId: input.orderId,
          fulfilmentId: fulfilment.fulfilmentId,
          shopperId: input.shopperId,
          farmId: fulfilment.farmId,
          deliveryDate: fulfilment.deliveryDate,
          boxes: fulfilment.boxes,
          recipient: fulfilment.recipient ?? input.recipient,
          ttlSeconds: input.ttlSeconds,
        },
      },
      { signal },
    );

  const release = async (bookingId: string, signal: AbortSignal) => {
    try {
      await logistics.call(releaseBooking, { params: { bookingId } }, { signal });
    } catch (error) {
      // Already confirmed or gone: nothing of ours is held there any more.
      if (!['booking_confirmed', 'booking_not_found'].includes(refusalCode(error) ?? '')) throw error;
    }
  };

  const hold = (key: string, input: CheckoutInput, signal: AbortSignal) =>
    catalog.call(
      createHold,
      { idempotencyKey: key, body: { lines: input.lines, ttlSeconds: input.ttlSeconds } },
      { signal },
    );

  return defineWorkflow<CheckoutInput, CheckoutResults, OrdersTables>({
    kind: 'checkout',
    steps: [
      {
        name: 'bookings',
        timeoutMs: STEP_TIMEOUT_MS,
        retry: FORWARD_RETRY,
        compensationRetry: UNDO_RETRY,
        async run(step, input) {
          const booked: Record<string, BookingResult> = {};
          for (const fulfilment of input.fulfilments) {
            if (fulfilment.addressByLink) continue;
            try {
              const booking = await refusing(() => book(step.idempotencyKey, input, fulfilment, step.signal));
              booked[fulfilment.fulfilmentId] = { bookingId: booking.id, dispatchDate: booking.dispatchDate };
            } catch (error) {
              // One farm's date is full: give back the others' dates now (the refused step is not undone).
              if (error instanceof StepRefused) {
                for (const done of Object.values(booked)) await release(done.bookingId, step.signal);
              }
              throw error;
            }
          }
          return booked;
        },
        async compensate(step, input, result) {
          for (const fulfilment of input.fulfilments) {
            if (fulfilment.addressByLink) continue;
            let bookingId = result?.[fulfilment.fulfilmentId]?.bookingId;
            if (!bookingId) {
              // Outcome unknown (timed out): ask again under the same key to learn what was made.
              try {
                bookingId = (await book(step.stepKey, input, fulfilment, step.signal)).id;
              } catch (error) {
                if (refusalCode(error)) continue;
                throw error;
              }
            }
            await release(bookingId, step.signal);
          }
        },
      },
      {
        name: 'stock',
        timeoutMs: STEP_TIMEOUT_MS,
        retry: FORWARD_RETRY,
        compensationRetry: UNDO_RETRY,
        async run(step, input) {
          const held = await refusing(() => hold(step.idempotencyKey, input, step.signal));
          return { holdId: held.id, expiresAt: held.expiresAt, lines: held.lines };
        },
        async compensate(step, input, result) {
          let holdId = result?.holdId;
          if (!holdId) {
            try {
              holdId = (await hold(step.stepKey, input, step.signal)).id;
            } catch (error) {
              if (refusalCode(error)) return;
              throw error;
            }
          }
          try {
            await catalog.call(releaseHold, { params: { holdId } }, { signal: step.signal });
          } catch (error) {
            if (!['hold_confirmed', 'hold_not_found'].includes(refusalCode(error) ?? '')) throw error;
          }
        },
      },
    ],
    onCompleted: (tx, run) => markPlaced(tx, ctx, run.input, run.results),
    onCompensated: (tx, run) => markCheckoutFailed(tx, ctx, run.input.orderId, run.error),
    onFailed: async (tx, run) => {
      ctx.logger.error({ orderId: run.input.orderId, error: run.error }, 'checkout undo gave up; holds expire by TTL');
      await markCheckoutFailed(tx, ctx, run.input.orderId, run.error);
    },
  });
}
