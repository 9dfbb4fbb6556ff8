import type { Logger } from 'pino';
import type { DomainContext } from '../domain/context.ts';
import { applyPollResult, claimDuePolls, deferPoll, type PollSchedule } from '../domain/shipments/apply-tracking.ts';
import type { ShipmentRow } from '../domain/shipments/record-status.ts';
import { type Tracker, TrackerUnavailable } from './tracker-client.ts';

export interface TrackingPollOptions {
  tracker: Tracker;
  schedule: PollSchedule;
  /** Shipments claimed per pass, and tracker calls in flight at once. */
  batchSize: number;
  concurrency: number;
  logger: Logger;
  /** Where the tracker should call us back (`/api/logistics/v1/webhooks/tracker`); none: polling only. */
  webhookUrl?: string | undefined;
}

/**
 * One polling pass: claims the shipments whose poll is due, asks the tracker for each
 * (a few at a time), and applies what it answers. A failure only pushes that shipment's next
 * poll back (exponential backoff); its events are read again, whole, when the tracker is back,
 * so no status is lost to an outage. Returns how many shipments were polled.
 */
export async function pollTrackingOnce(
  ctx: Pick<DomainContext, 'db' | 'clock'>,
  options: TrackingPollOptions,
): Promise<number> {
  const due = await claimDuePolls(ctx, options.batchSize, Math.max(options.schedule.maxBackoffMs, 60_000));
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < due.length; index = next++) {
      const shipment = due[index];
      if (shipment) await pollOne(ctx, options, shipment);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, due.length) }, worker));
  return due.length;
}

async function pollOne(ctx: Pick<DomainContext, 'db' | 'clock'>, options: TrackingPollOptions, shipment: ShipmentRow) {
  const { carrierId, trackingNumber } = shipment;
  if (carrierId === null || trackingNumber === null) return;
  try {
    if (options.webhookUrl && shipment.status === 'at_pickup' && shipment.pollFailures === 0) {
      // Best effort: polling goes on either way; a registered webhook only makes news sooner.
      const expiresAt = new Date(ctx.clock.now().getTime() + 14 * 24 * 60 * 60 * 1000);
      await options.tracker
        .registerWebhook(carrierId, trackingNumber, options.webhookUrl, expiresAt)
        .catch((error: unknown) =>
          options.logger.warn({ err: error, shipmentId: shipment.id }, 'webhook registration failed'),
        );
    }
    const events = await options.tracker.track(carrierId, trackingNumber);
    await applyPollResult(ctx, shipment.id, events ?? [], options.schedule);
  } catch (error) {
    if (!(error instanceof TrackerUnavailable))
      options.logger.error({ err: error, shipmentId: shipment.id }, 'tracking poll failed');
    await deferPoll(ctx, shipment, options.schedule);
  }
}
