import { defineService } from '@fruitables/kit';
import { catalogTables, outbox } from '@fruitables/schema-catalog';
import { createApp } from './app.ts';
import { createBatchJobs } from './batches/batch-job.ts';
import { catalogProducer } from './domain/events.ts';
import { catalogEnvShape, photoStorageFrom } from './env.ts';
import { createFarmEventsConsumer } from './farm-events.ts';
import { createPhotoStore } from './photos/create-photo-store.ts';
import { startAgeOutSweep, startHoldExpirySweep } from './sweeps.ts';

/** catalog as the runner starts it: its settings, its tables, and how its parts are built. */
export const catalogService = defineService({
  name: 'catalog',
  env: catalogEnvShape,
  config: photoStorageFrom,
  tables: catalogTables,
  producer: { stream: catalogProducer.stream, outbox },
  verifiesTokens: true,
  async build({ env, config: photoStorage, db, logger, clock, auth, http, ...platform }) {
    const stock = {
      defaultMaxAgeDays: env.CATALOG_DEFAULT_MAX_AGE_DAYS,
      holdTtlSeconds: env.CATALOG_HOLD_TTL_SECONDS,
    };
    // Imports a stopped process left running wrote nothing (their transaction died with it): say so.
    const batchJobs = createBatchJobs({ db, logger, clock });
    await batchJobs.failInterrupted();
    const { redis, registry, lifecycle, keys, readiness, busMetrics: metrics, consumerName } = platform;
    const photos = createPhotoStore(photoStorage);
    const sweeps = { db, clock, stock };
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
        stock,
        batchJobs,
        photos,
        ...auth,
        ...http,
      }),
      consumers: {
        'farm-events consumer': createFarmEventsConsumer({
          redis: platform.redisConnection,
          db,
          logger,
          metrics,
          consumerName,
        }),
      },
      sweeps: {
        'hold expiry sweep': () => startHoldExpirySweep(sweeps, { intervalMs: env.CATALOG_EXPIRY_SWEEP_MS, logger }),
        'stock age-out sweep': () => startAgeOutSweep(sweeps, { intervalMs: env.CATALOG_AGE_OUT_SWEEP_MS, logger }),
      },
      jobs: { 'batch imports': batchJobs },
    };
  },
});
