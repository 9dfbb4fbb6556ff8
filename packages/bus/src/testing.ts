import { fileURLToPath } from 'node:url';
import type { MigrationContext } from '@fruitables/db';

export { type FixtureCatalogue, fixtureCatalogue } from './testing/fixture-catalogue.ts';
export { effects, inbox, outbox } from './testing/fixture-schema.ts';

/**
 * The bus's test-only schema (outbox, inbox, effects), migrated into the test template by
 * `./fruitables test` so each test file's private database already has it.
 */
export const busFixtureContext: MigrationContext = {
  name: 'bus_fixture',
  migrationsFolder: fileURLToPath(new URL('../fixture/drizzle', import.meta.url)),
};

/** The test command's private Redis. */
export function testRedisUrl(): string {
  const url = process.env.FRUITABLES_TEST_REDIS_URL;
  if (!url) throw new Error('FRUITABLES_TEST_REDIS_URL is not set: run tests through `./fruitables test`');
  return url;
}

/** A key prefix no other test (or test run) shares, so streams and groups never collide. */
export function uniqueStreamPrefix(label: string): string {
  return `test:${label}:${crypto.randomUUID().slice(0, 8)}`;
}
export { createServiceTestbed, type ServiceTestbed, type ServiceTestbedOptions } from './testing/service-testbed.ts';
