import { defineService } from '@fruitables/kit';
import { logisticsTables, outbox } from '@fruitables/schema-logistics';
import { createApp } from './app.ts';
import { logisticsProducer } from './domain/events.ts';
import { deliveryPolicyFrom, logisticsEnvShape } from './env.ts';
import { createOrderEventsConsumer } from './order-events.ts';
import { startBookingExpirySweep } from './sweeps.ts';

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
      },
    };
  },
});
