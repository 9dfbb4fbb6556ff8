import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from './executor.ts';

/**
 * The two-key advisory lock for `key` within a named `space` (`'catalog.batch_farm'`):
 * `hashtext(space), hashtext(key)`. Naming spaces keeps one subsystem's locks from colliding
 * with another's; `key` may be a value or a column, so the same lock can be tested row by row.
 */
export function advisoryLockKey(space: string, key: unknown): SQL {
  return sql`hashtext(${space}), hashtext(${key}::text)`;
}

/**
 * Waits for the lock and holds it until the transaction ends (commit or rollback, including
 * the session dying), so there is no unlock to forget. Call it inside a transaction.
 */
export async function lockForTransaction<TSchema extends Record<string, unknown>>(
  tx: Executor<TSchema>,
  space: string,
  key: unknown,
): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${advisoryLockKey(space, key)})`);
}

/** Takes the lock until the transaction ends if nobody holds it; false, without waiting, if somebody does. */
export async function tryLockForTransaction<TSchema extends Record<string, unknown>>(
  tx: Executor<TSchema>,
  space: string,
  key: unknown,
): Promise<boolean> {
  const [row] = await tx.execute<{ locked: boolean }>(
    sql`select pg_try_advisory_xact_lock(${advisoryLockKey(space, key)}) as locked`,
  );
  return row?.locked === true;
}
