/**
 * The checkout's Idempotency-Key. A fresh key per order attempt, kept in this tab's
 * sessionStorage until orders accepts it: a double click, a retry after a timeout or a reload
 * sends the same key, so orders answers with the order it already made instead of a second
 * one. A changed order (another date, a different cart) is a new attempt with a new key —
 * reusing the old one would be refused as `idempotency_key_reused`.
 */
const KEY = 'fruitables.checkout-attempt.v1';

interface Attempt {
  key: string;
  fingerprint: string;
}

function readAttempt(storage: Storage): Attempt | null {
  try {
    const value = JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<Attempt> | null;
    return typeof value?.key === 'string' && typeof value.fingerprint === 'string'
      ? { key: value.key, fingerprint: value.fingerprint }
      : null;
  } catch {
    return null;
  }
}

/** What makes two attempts the same order: the request body, as sent. */
export const fingerprintOf = (body: unknown): string => JSON.stringify(body);

export function idempotencyKeyFor(
  storage: Storage,
  fingerprint: string,
  newKey: () => string = () => crypto.randomUUID(),
): string {
  const saved = readAttempt(storage);
  if (saved && saved.fingerprint === fingerprint) return saved.key;
  const key = newKey();
  storage.setItem(KEY, JSON.stringify({ key, fingerprint }));
  return key;
}

/** The attempt ended for good (an order was made, or orders refused the request as it is). */
export function forgetAttempt(storage: Storage): void {
  storage.removeItem(KEY);
}
