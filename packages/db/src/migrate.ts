import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { quoteIdent } from './urls.ts';

/** One bounded context: its Postgres schema (= service name) and its drizzle-kit migrations. */
export interface MigrationContext {
  name: string;
  migrationsFolder: string;
  /** Extensions the context needs; created by the owner because a service role may not. */
  extensions?: string[];
}

export interface MigrateOptions {
  /** A URL for a role that may create roles, schemas and extensions (the database owner). */
  ownerUrl: string;
  contexts: MigrationContext[];
  /** Login password per service role; absent means the role logs in by the server's auth rules (local trust). */
  rolePasswords?: Record<string, string | undefined>;
  log?: (message: string, fields: Record<string, unknown>) => void;
}

// One fixed key for the whole platform: two migrate runs (two pods, two terminals) queue up
// behind each other instead of racing on CREATE ROLE or on drizzle's journal table.
const MIGRATE_LOCK_KEY = 727_100_001;

export const serviceRoleName = (context: string): string => `fruitables_${context}`;

/**
 * Brings every context's schema up to date, serialized by a session advisory lock.
 *
 * The owner runs the DDL (drizzle-kit's migrations, unedited); each context then gets a
 * login role with USAGE on its own schema and DML on its tables, nothing else. A service
 * connecting as its role can neither touch another context's tables nor alter its own
 * schema: isolation is enforced by PostgreSQL, not by convention.
 */
export async function migrateContexts(options: MigrateOptions): Promise<void> {
  const log = options.log ?? (() => {});
  // max: 1 keeps the advisory lock and drizzle's transactions on one session.
  const sql = postgres(options.ownerUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${MIGRATE_LOCK_KEY})`;
    for (const context of options.contexts) {
      const role = serviceRoleName(context.name);
      await ensureRole(sql, role, options.rolePasswords?.[context.name]);
      for (const extension of context.extensions ?? []) {
        await sql.unsafe(`create extension if not exists ${quoteIdent(extension)}`);
      }
      // The runner owns schema creation; drizzle-kit emits no CREATE SCHEMA as long as the
      // pgSchema object itself is not exported from the schema entry (see README).
      await sql.unsafe(`create schema if not exists ${quoteIdent(context.name)}`);
      // The journal lives outside the context's schema so a service role never sees it.
      await migrate(drizzle(sql), {
        migrationsFolder: context.migrationsFolder,
        migrationsSchema: MIGRATIONS_SCHEMA,
        migrationsTable: context.name,
      });
      await grantServiceRole(sql, context.name, role);
      log('context migrated', { context: context.name, role });
    }
  } finally {
    await sql`select pg_advisory_unlock(${MIGRATE_LOCK_KEY})`.catch(() => {});
    await sql.end({ timeout: 5 });
  }
}

const MIGRATIONS_SCHEMA = 'fruitables_migrations';

async function grantServiceRole(sql: postgres.Sql, schema: string, role: string): Promise<void> {
  const s = quoteIdent(schema);
  const r = quoteIdent(role);
  await sql.unsafe(`grant usage on schema ${s} to ${r}`);
  await sql.unsafe(`grant select, insert, update, delete on all tables in schema ${s} to ${r}`);
  await sql.unsafe(`grant usage, select, update on all sequences in schema ${s} to ${r}`);
  await sql.unsafe(`grant execute on all functions in schema ${s} to ${r}`);
}

async function ensureRole(sql: postgres.Sql, role: string, password: string | undefined): Promise<void> {
  const [existing] = await sql`select 1 as found from pg_roles where rolname = ${role}`;
  const ident = quoteIdent(role);
  if (!existing) await sql.unsafe(`create role ${ident} login`);
  if (password !== undefined) {
    // ALTER ROLE cannot take bind parameters; escape the literal ourselves.
    await sql.unsafe(`alter role ${ident} password '${password.replaceAll("'", "''")}'`);
  }
  const [database] = await sql<{ name: string }[]>`select current_database() as name`;
  if (database) await sql.unsafe(`grant connect on database ${quoteIdent(database.name)} to ${ident}`);
}
