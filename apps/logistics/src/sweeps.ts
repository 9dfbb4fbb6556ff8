import type { Logger } from 'pino';
import { expireBookings } from './domain/bookings/settle-booking.ts';
import type { DomainContext } from './domain/context.ts';
import { announceLateShipments } from './domain/shipments/apply-tracking.ts';
import { pollTrackingOnce, type TrackingPollOptions } from './tracking/poll-tracking.ts';

export interface Sweep {
  stop(): Promise<void>;
}

interface SweepOptions {
  name: string;
  intervalMs: number;
  logger: Logger;
  /** One unit of work; returns how many items it handled. */
  run: () => Promise<number>;
  /** A pass that handled this many goes again at once (a backlog after downtime drains quickly). */
  batchSize?: number;
}

/**
 * Runs `run` every `intervalMs`. Each pass waits for the previous one (a timer chain, not
 * setInterval), so a slow database never stacks passes. Replicas may all run the same
 * sweep: the work itself locks what it changes (SKIP LOCKED, offer row locks).
 */
export function startSweep(options: SweepOptions): Sweep {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const pass = async (): Promise<void> => {
    try {
      while (!stopped) {
        const handled = await options.run();
        if (handled > 0) options.logger.info({ sweep: options.name, handled }, 'sweep pass handled items');
        if (options.batchSize === undefined || handled < options.batchSize) return;
      }
    } catch (error) {
      options.logger.error({ err: error, sweep: options.name }, 'sweep pass failed');
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
