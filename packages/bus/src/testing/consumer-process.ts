/**
 * A consumer in a process of its own, so a test can SIGKILL it at an arbitrary instruction:
 * mid-transaction, between commit and XACK, mid-read. Each application of an event leaves
 * one row in `effects`; the test counts them.
 */
import { createDrizzle, createPostgres } from '@fruitables/db';
import pino from 'pino';
import { Registry } from 'prom-client';
import { z } from 'zod';
import { createConsumer } from '../consumer.ts';
import { createBusMetrics } from '../metrics.ts';
import { fixtureCatalogue } from './fixture-catalogue.ts';
import * as fixtureSchema from './fixture-schema.ts';

const env = z
  .object({
    DATABASE_URL: z.string().min(1),
    REDIS_URL: z.string().min(1),
    STREAM: z.string().min(1),
    GROUP: z.string().min(1),
    CONSUMER_NAME: z.string().min(1),
    CLAIM_IDLE_MS: z.coerce.number().int().positive(),
  })
  .parse(process.env);

const CONCURRENCY = 4;
const sql = createPostgres(env.DATABASE_URL, { applicationName: env.CONSUMER_NAME, max: CONCURRENCY + 1 });
const consumer = createConsumer({
  redis: { url: env.REDIS_URL },
  streams: [env.STREAM],
  group: env.GROUP,
  consumerName: env.CONSUMER_NAME,
  catalogue: fixtureCatalogue,
  handlers: {
    FixtureHappened: async (event, tx) => {
      await tx.insert(fixtureSchema.effects).values({ eventId: event.id, consumer: env.CONSUMER_NAME });
    },
  },
  db: createDrizzle(sql, fixtureSchema),
  inbox: fixtureSchema.inbox,
  logger: pino({ level: 'warn' }, pino.destination(2)),
  metrics: createBusMetrics(new Registry()),
  blockMs: 200,
  batchSize: 50,
  // Several entries in flight at the moment of the kill is the harder case for exactly-once.
  concurrency: CONCURRENCY,
  claimIdleMs: env.CLAIM_IDLE_MS,
  claimIntervalMs: 200,
});

await consumer.start();
process.on('SIGTERM', () => {
  void consumer
    .stop()
    .then(() => sql.end({ timeout: 5 }))
    .then(() => process.exit(0));
});
