import { Writable } from 'node:stream';
import { createConsumer, type RedisConnection } from '@fruitables/bus';
import { effects, fixtureCatalogue, inbox, outbox, testRedisUrl } from '@fruitables/bus/testing';
import type { TestDatabase } from '@fruitables/db/testing';
import type { ServicePlatform } from './types.ts';

/** The bus fixture's tables (bus_fixture schema, migrated into every test database). */
export const fixtureTables = { effects, inbox, outbox };

/** The environment a runner test's service boots with: its own database as the fixture role, any free ports. */
export function runnerTestEnv(database: TestDatabase, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PORT: '0',
    METRICS_PORT: '0',
    DATABASE_URL: database.urlFor('bus_fixture'),
    REDIS_URL: testRedisUrl(),
    LOG_LEVEL: 'info',
    SHUTDOWN_TIMEOUT_MS: '2000',
    ...extra,
  };
}

/** JSON log lines written to a stream, for a test to read what the runner did and in which order. */
export function captureLines(): { destination: Writable; lines(): Record<string, unknown>[] } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return {
    destination,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

type FixturePlatform = Pick<
  ServicePlatform<unknown, unknown, typeof fixtureTables, unknown>,
  'db' | 'logger' | 'busMetrics' | 'consumerName'
> & { redisConnection: RedisConnection };

/** A real consumer group on `stream` that records every FixtureHappened in `effects`, taking `delayMs` per event. */
export function createFixtureConsumer(
  platform: FixturePlatform,
  options: { stream: string; group: string; delayMs?: number },
) {
  return createConsumer<typeof fixtureCatalogue, typeof fixtureTables>({
    redis: platform.redisConnection,
    streams: [options.stream],
    group: options.group,
    consumerName: platform.consumerName,
    catalogue: fixtureCatalogue,
    db: platform.db,
    inbox,
    logger: platform.logger,
    metrics: platform.busMetrics,
    blockMs: 200,
    batchSize: 10,
    handlers: {
      FixtureHappened: async (event, tx) => {
        if (options.delayMs) await Bun.sleep(options.delayMs);
        await tx.insert(effects).values({ eventId: event.id, consumer: options.group });
      },
    },
  });
}
