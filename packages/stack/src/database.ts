import { quoteIdent, withDatabase } from '@fruitables/db';
import postgres from 'postgres';

/** Creates the named database when it is missing (optionally dropping it first). */
export async function ensureDatabase(
  adminUrl: string,
  name: string,
  options: { recreate?: boolean } = {},
): Promise<string> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    if (options.recreate) await sql.unsafe(`drop database if exists ${quoteIdent(name)} with (force)`);
    const [existing] = await sql`select 1 as found from pg_database where datname = ${name}`;
    if (!existing) await sql.unsafe(`create database ${quoteIdent(name)}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
  return withDatabase(adminUrl, name);
}
