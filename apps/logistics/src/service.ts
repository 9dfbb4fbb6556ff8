import { defineService } from '@fruitables/kit';
import { logisticsTables, outbox } from '@fruitables/schema-logistics';
import { createApp } from './app.ts';
import { logisticsProducer } from './domain/events.ts';
import { deliveryPolicyFrom, logisticsEnvShape } from './env.ts';
import { createOrderEventsConsumer } from './order-events.ts';
import { startBookingExpirySweep, startLateShipmentSweep, startTrackingPollSweep } from './sweeps.ts';
import { createLiveFeed } from './tracking/live-feed.ts';
import { createTrackerClient } from './tracking/tracker-client.ts';

/** logistics as the runner starts it: its settings, its tables, and how its parts are built. */
export const logisticsService = defineService({
  name: 'logistics',
  env: logisticsEnvShape,
  config: deliveryPolicyFrom,
  tables: logisticsTables,
  producer: { stream: logisticsProducer.stream, outbox },
  verifiesTokens: true,
  async build({ env, config: policy, db, logger, clock, auth, http, ...platform }) {
    const { redis, registry, lifecycle, keys, readiness, busMetrics: metrics, consumerName } = platform;
    const liveFeed = createLiveFeed({ db, logger, intervalMs: env.LOGISTICS_LIVE_FEED_MS });
    const tracker = createTrackerClient({ url: env.LOGISTICS_TRACKER_URL, apiKey: env.LOGISTICS_TRACKER_API_KEY });
    const poll = {
      tracker,
      schedule: { intervalMs: env.LOGISTICS_TRACKING_POLL_MS, maxBackoffMs: env.LOGISTICS_TRACKING_MAX_BACKOFF_MS },
      batchSize: 50,
      concurrency: 8,
      logger,
      webhookUrl: env.LOGISTICS_TRACKER_WEBHOOK_URL,
    };
    return {
      app: createApp({
        db,
        redis,
        clock,
        logger,
        registry,
        lifecycle,
        keys,
        readiness,
        policy,
        liveFeed,
        shopUrl: env.LOGISTICS_SHOP_URL,
        ...auth,
        ...http,
      }),
      consumers: {
        'orders-events consumer': createOrderEventsConsumer({
          redis: platform.redisConnection,
          db,
          logger,
          metrics,
          consumerName,
        }),
      },
      sweeps: {
        'booking expiry sweep': () =>
          startBookingExpirySweep({ db, clock }, { intervalMs: env.LOGISTICS_EXPIRY_SWEEP_MS, logger }),
        'tracking poll sweep': () =>
          startTrackingPollSweep({ db, clock }, poll, { intervalMs: env.LOGISTICS_TRACKING_SWEEP_MS, logger }),
        'late shipment sweep': () => startLateShipmentSweep({ db, clock }, { intervalMs: 60_000, logger }),
        // Stopped with the sweeps, so open streams end before the pool closes.
        'live tracking feed': () => liveFeed,
      },
    };
  },
});
