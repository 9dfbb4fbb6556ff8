import { startSweep } from '@fruitables/kit';
import type { Logger } from 'pino';
import { expireBookings } from './domain/bookings/settle-booking.ts';
import type { DomainContext } from './domain/context.ts';
import { announceLateShipments } from './domain/shipments/apply-tracking.ts';
import { pollTrackingOnce, type TrackingPollOptions } from './tracking/poll-tracking.ts';

type SweepContext = Pick<DomainContext, 'db' | 'clock'>;

/** Expires overdue bookings and gives their places back, 100 per transaction. */
export const startBookingExpirySweep = (ctx: SweepContext, options: { intervalMs: number; logger: Logger }) =>
  startSweep({ name: 'booking expiry', batchSize: 100, run: () => expireBookings(ctx, 100), ...options });

/** Polls the courier for shipments on their way (backoff on failures), a batch per pass. */
export const startTrackingPollSweep = (
  ctx: SweepContext,
  poll: TrackingPollOptions,
  options: { intervalMs: number; logger: Logger },
) =>
  startSweep({ name: 'tracking poll', batchSize: poll.batchSize, run: () => pollTrackingOnce(ctx, poll), ...options });

/** Announces shipments past their promise (ShipmentLate, once each). */
export const startLateShipmentSweep = (ctx: SweepContext, options: { intervalMs: number; logger: Logger }) =>
  startSweep({ name: 'late shipments', batchSize: 100, run: () => announceLateShipments(ctx, 100), ...options });
