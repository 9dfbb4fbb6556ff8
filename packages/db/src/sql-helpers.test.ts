import { sql } from 'drizzle-orm';
import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockForTransaction, tryLockForTransaction } from './advisory-locks.ts';
import { isAnyOf } from './any-of.ts';
import { createDrizzle, createPostgres, type Postgres } from './connect.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { isUniqueViolation } from './errors.ts';
import { escapeLike, likeContaining, likeStartingWith } from './like.ts';
import { createTestDatabase, type TestDatabase } from './testing.ts';

const things = pgTable('sql_helper_things', { id: uuid('id').primaryKey(), name: text('name').notNull() });

describe('generic SQL helpers, against a real PostgreSQL', () => {
  let database: TestDatabase;
  let pool: Postgres;
  let db: ReturnType<typeof createDrizzle>;

  beforeAll(async () => {
    database = await createTestDatabase('db sql helpers');
    pool = createPostgres(database.ownerUrl, { max: 4, applicationName: 'db-sql-helpers-test' });
    db = createDrizzle(pool, {});
    await db.execute(sql`create table sql_helper_things (id uuid primary key, name text not null)`);
    await db.insert(things).values([
      { id: '0193a0c4-0000-7000-8000-000000000001', name: '50% off' },
      { id: '0193a0c4-0000-7000-8000-000000000002', name: '500 off' },
      { id: '0193a0c4-0000-7000-8000-000000000003', name: 'a_b' },
      { id: '0193a0c4-0000-7000-8000-000000000004', name: 'axb' },
      { id: '0193a0c4-0000-7000-8000-000000000005', name: 'back\\slash' },
    ]);
  });

  afterAll(async () => {
    await pool.end({ timeout: 5 });
    await database.drop();
  });

  const namesLike = async (pattern: string) =>
    (await db.select({ name: things.name }).from(things).where(sql`${things.name} ilike ${pattern}`))
      .map((row) => row.name)
      .sort();

  it('matches LIKE wildcards a person typed as those very characters', async () => {
    expect(escapeLike('50%_\\')).toBe('50\\%\\_\\\\');
    expect(await namesLike(likeContaining('0%'))).toEqual(['50% off']);
    expect(await namesLike(likeContaining('_'))).toEqual(['a_b']);
    expect(await namesLike(likeContaining('\\'))).toEqual(['back\\slash']);
    expect(await namesLike(likeStartingWith('A_'))).toEqual(['a_b']);
    expect(await namesLike(likeStartingWith('50'))).toEqual(['50% off', '500 off']);
  });

  it('finds rows by a list of ids in one parameter, however long the list', async () => {
    const wanted = ['0193a0c4-0000-7000-8000-000000000002', '0193a0c4-0000-7000-8000-000000000004'];
    const many = [...wanted, ...Array.from({ length: 70_000 }, () => crypto.randomUUID())];
    const rows = await db.select({ name: things.name }).from(things).where(isAnyOf(things.id, many));
    expect(rows.map((row) => row.name).sort()).toEqual(['500 off', 'axb']);
    expect(await db.select().from(things).where(isAnyOf(things.id, []))).toEqual([]);
  });

  it('holds a transaction advisory lock until commit, per space and key', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked = () => {};
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holder = db.transaction(async (tx) => {
      await lockForTransaction(tx, 'test.things', 'farm-1');
      locked();
      await held;
    });
    await isLocked;
    expect(await db.transaction((tx) => tryLockForTransaction(tx, 'test.things', 'farm-1'))).toBe(false);
    // Another key, or the same key in another space, is another lock.
    expect(await db.transaction((tx) => tryLockForTransaction(tx, 'test.things', 'farm-2'))).toBe(true);
    expect(await db.transaction((tx) => tryLockForTransaction(tx, 'test.other', 'farm-1'))).toBe(true);
    release();
    await holder;
    expect(await db.transaction((tx) => tryLockForTransaction(tx, 'test.things', 'farm-1'))).toBe(true);
  });

  it('still recognises a unique violation through drizzle', async () => {
    const duplicate = await db
      .insert(things)
      .values({ id: '0193a0c4-0000-7000-8000-000000000001', name: 'again' })
      .catch((error: unknown) => error);
    expect(isUniqueViolation(duplicate)).toBe(true);
  });
});

describe('keyset cursors', () => {
  it('round-trip the position of the last row through a URL-safe string', () => {
    const position = { s: 'price_asc', k: 12_000, i: '0193a0c4-0000-7000-8000-000000000001' };
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it('decode what is not one of ours to undefined instead of throwing', () => {
    expect(decodeCursor('not a cursor!')).toBeUndefined();
    expect(decodeCursor(Buffer.from('{"half":').toString('base64url'))).toBeUndefined();
    expect(decodeCursor('')).toBeUndefined();
  });
});
