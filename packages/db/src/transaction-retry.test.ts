import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDrizzle, createPostgres, type Postgres } from './connect.ts';
import { isTransientConflict } from './errors.ts';
import { createTestDatabase, type TestDatabase } from './testing.ts';

describe('transactions PostgreSQL aborts for a deadlock run again', () => {
  let database: TestDatabase;
  let pool: Postgres;
  let db: ReturnType<typeof createDrizzle>;

  beforeAll(async () => {
    database = await createTestDatabase('db transaction retry');
    pool = createPostgres(database.ownerUrl, { max: 4, applicationName: 'db-transaction-retry-test' });
    db = createDrizzle(pool, {});
    await db.execute(sql`create table retry_counters (id int primary key, value int not null)`);
    await db.execute(sql`insert into retry_counters values (1, 0), (2, 0)`);
  });

  afterAll(async () => {
    await pool.end({ timeout: 5 });
    await database.drop();
  });

  it('two transactions locking two rows in opposite orders both commit, and each ran its changes once', async () => {
    const attempts = { forward: 0, backward: 0 };
    let bothHoldTheirFirstRow: () => void = () => {};
    const firstLocksHeld = new Promise<void>((resolve) => {
      let held = 0;
      bothHoldTheirFirstRow = () => {
        held++;
        if (held === 2) resolve();
      };
    });
    const bump = (first: number, second: number, name: keyof typeof attempts) =>
      db.transaction(async (tx) => {
        attempts[name]++;
        await tx.execute(sql`update retry_counters set value = value + 1 where id = ${first}`);
        if (attempts[name] === 1) {
          bothHoldTheirFirstRow();
          await firstLocksHeld;
        }
        await tx.execute(sql`update retry_counters set value = value + 1 where id = ${second}`);
      });

    await Promise.all([bump(1, 2, 'forward'), bump(2, 1, 'backward')]);

    // PostgreSQL made one of them the deadlock victim; that one ran a second time.
    expect(attempts.forward + attempts.backward).toBe(3);
    const rows = await db.execute<{ id: number; value: number }>(sql`select id, value from retry_counters order by id`);
    expect(rows.map((row) => row.value)).toEqual([2, 2]);
  });

  it('gives other errors back at once', async () => {
    let attempts = 0;
    await expect(
      db.transaction(async (tx) => {
        attempts++;
        await tx.execute(sql`select 1 / 0`);
      }),
    ).rejects.toThrow();
    expect(attempts).toBe(1);
    expect(isTransientConflict({ code: '40P01' })).toBe(true);
    expect(isTransientConflict({ cause: { code: '40001' } })).toBe(true);
    expect(isTransientConflict({ code: '23505' })).toBe(false);
  });
});
