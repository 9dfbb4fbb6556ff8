import { busFixtureContext } from '@fruitables/bus/testing';
import { quoteIdent, serviceRoleName, withDatabase, withUser } from '@fruitables/db';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformContexts } from './contexts.ts';
import { runMigrations } from './run.ts';

// These tests need an EMPTY database (not a clone of the migrated template), made here on
// the test command's private server and dropped afterwards.
const adminUrl = process.env.FRUITABLES_TEST_DATABASE_URL ?? '';
const name = `t_migrate_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
const databaseUrl = withDatabase(adminUrl, name);

async function withAdmin<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

beforeAll(async () => {
  await withAdmin((sql) => sql.unsafe(`create database ${quoteIdent(name)}`));
});
afterAll(async () => {
  await withAdmin((sql) => sql.unsafe(`drop database if exists ${quoteIdent(name)} with (force)`));
});

describe('the migrate step', () => {
  it('is safe when two copies start at once, and again on a migrated database', async () => {
    await Promise.all([runMigrations(databaseUrl, {}), runMigrations(databaseUrl, {})]);
    await runMigrations(databaseUrl, {});
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    try {
      for (const context of platformContexts) {
        const journal = await sql.unsafe(
          `select count(*)::int as applied from fruitables_migrations.${quoteIdent(context.name)}`,
        );
        const files = await Bun.file(`${context.migrationsFolder}/meta/_journal.json`).json();
        expect(journal[0]?.applied).toBe((files as { entries: unknown[] }).entries.length);
      }
    } finally {
      await sql.end({ timeout: 5 });
    }
  });

  it("gives each service role its own schema's tables and nothing else", async () => {
    const [identity] = platformContexts;
    if (!identity) throw new Error('no contexts to check');
    const asIdentity = postgres(withUser(databaseUrl, serviceRoleName(identity.name)), { max: 1, onnotice: () => {} });
    try {
      const own = await asIdentity.unsafe(`select count(*)::int as n from ${quoteIdent(identity.name)}.outbox`);
      expect(own[0]?.n).toBe(0);
      // DDL in its own schema is the migrate step's job, not the service's.
      await expect(asIdentity.unsafe(`create table ${quoteIdent(identity.name)}.sneaky (id int)`)).rejects.toThrow(
        /permission denied/,
      );
      await expect(asIdentity.unsafe('create schema sneaky')).rejects.toThrow(/permission denied/);
      // Nor may it read the migrations journal.
      await expect(
        asIdentity.unsafe(`select * from fruitables_migrations.${quoteIdent(identity.name)}`),
      ).rejects.toThrow(/permission denied/);
    } finally {
      await asIdentity.end({ timeout: 5 });
    }
  });

  it("keeps each service role out of another context's schema", async () => {
    await runMigrations(databaseUrl, {}, [busFixtureContext]);
    const asIdentity = postgres(withUser(databaseUrl, serviceRoleName('identity')), { max: 1, onnotice: () => {} });
    const asFixture = postgres(withUser(databaseUrl, serviceRoleName('bus_fixture')), { max: 1, onnotice: () => {} });
    try {
      expect((await asFixture.unsafe('select count(*)::int as n from bus_fixture.outbox'))[0]?.n).toBe(0);
      await expect(asFixture.unsafe('select * from identity.accounts')).rejects.toThrow(/permission denied/);
      await expect(asIdentity.unsafe('select * from bus_fixture.outbox')).rejects.toThrow(/permission denied/);
      await expect(
        asIdentity.unsafe("insert into bus_fixture.effects (event_id, consumer) values (gen_random_uuid(), 'x')"),
      ).rejects.toThrow(/permission denied/);
    } finally {
      await asIdentity.end({ timeout: 5 });
      await asFixture.end({ timeout: 5 });
    }
  });
});
