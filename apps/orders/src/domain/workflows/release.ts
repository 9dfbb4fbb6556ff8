import { releaseHold } from '@fruitables/catalog/contract';
import { releaseBooking } from '@fruitables/logistics/contract';
import { defineWorkflow } from '@fruitables/workflow';
import type { OrdersTables, WorkflowContext } from '../context.ts';
import type { ReleaseInput } from './follow-ups.ts';
import { refusalCode } from './refusals.ts';

// Giving stock and dates back must happen eventually: many patient attempts.
const PATIENT = { maxAttempts: 20, backoff: (attempt: number) => Math.min(1_000 * 2 ** attempt, 300_000) };

/** Releases what a cancelled order still holds: its stock hold at catalog and its bookings at logistics. */
export function createReleaseWorkflow(ctx: WorkflowContext) {
  const { catalog, logistics } = ctx.remotes;
  return defineWorkflow<ReleaseInput, { stock: boolean; bookings: boolean }, OrdersTables>({
    kind: 'release',
    steps: [
      {
        name: 'stock',
        timeoutMs: 8_000,
        retry: PATIENT,
        async run(step, input) {
          if (!input.holdId) return false;
          try {
            await catalog.call(releaseHold, { params: { holdId: input.holdId } }, { signal: step.signal });
          } catch (error) {
            // Confirmed (paid after all) or unknown: nothing left for us to give back.
            if (!['hold_confirmed', 'hold_not_found'].includes(refusalCode(error) ?? '')) throw error;
          }
          return true;
        },
      },
      {
        name: 'bookings',
        timeoutMs: 8_000,
        retry: PATIENT,
        async run(step, input) {
          for (const bookingId of input.bookingIds) {
            try {
              await logistics.call(releaseBooking, { params: { bookingId } }, { signal: step.signal });
            } catch (error) {
              if (!['booking_confirmed', 'booking_not_found'].includes(refusalCode(error) ?? '')) throw error;
            }
          }
          return true;
        },
      },
    ],
    onFailed: async (_tx, run) => {
      ctx.logger.error(
        { orderId: run.input.orderId, error: run.error },
        'release gave up; catalog and logistics expire holds by TTL',
      );
    },
  });
}
