/** The SQLSTATE of a PostgreSQL error thrown by postgres.js (directly or wrapped by drizzle), if any. */
export function pgErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export const isUniqueViolation = (error: unknown): boolean => pgErrorCode(error) === '23505';
export const isCheckViolation = (error: unknown): boolean => pgErrorCode(error) === '23514';

/**
 * A transaction PostgreSQL aborted only because of what ran beside it: a deadlock (40P01) or a
 * serialization failure (40001). Run again from the start, the same transaction succeeds.
 */
export const isTransientConflict = (error: unknown): boolean => {
  const code = pgErrorCode(error);
  return code === '40P01' || code === '40001';
};
