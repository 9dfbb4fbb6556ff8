import postgres from 'postgres';
import { serviceRoleName } from './migrate.ts';
import { quoteIdent, withDatabase, withUser } from './urls.ts';

/**
 * Where the test command's own PostgreSQL is: `./fruitables test` sets these after it has
 * started an isolated server and migrated the template database.
 */
function testServer(): { adminUrl: string; template: string } {
  const adminUrl = process.env.FRUITABLES_TEST_DATABASE_URL;
  if (!adminUrl) {
    throw new Error('FRUITABLES_TEST_DATABASE_URL is not set: run tests through `./fruitables test`');
  }
  return { adminUrl, template: process.env.FRUITABLES_TEST_TEMPLATE ?? 'fruitables_template' };
}

export interface TestDatabase {
  name: string;
  /** The database as its owner (can do anything, e.g. a test's direct SQL checks). */
  ownerUrl: string;
  /** The database as a service role: what the service itself would connect as. */
  urlFor(context: string): string;
  drop(): Promise<void>;
}

/**
 * A fresh database cloned from the migrated template, private to one test file, so tests
 * never see each other's rows and never depend on order or on demo data.
 */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const { adminUrl, template } = testServer();
  const safeLabel = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 30);
  const name = `t_${safeLabel}_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${quoteIdent(name)} template ${quoteIdent(template)}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const ownerUrl = withDatabase(adminUrl, name);
  return {
    name,
    ownerUrl,
    urlFor: (context) => withUser(ownerUrl, serviceRoleName(context)),
    async drop() {
      const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await cleanup.unsafe(`drop database if exists ${quoteIdent(name)} with (force)`);
      } finally {
        await cleanup.end({ timeout: 5 });
      }
    },
  };
}
export { type LatencyProxy, type LatencyProxyOptions, startLatencyProxy } from './testing/latency-proxy.ts';
