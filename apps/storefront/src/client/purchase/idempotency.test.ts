import { describe, expect, it } from 'vitest';
import { fingerprintOf, forgetAttempt, idempotencyKeyFor } from './idempotency.ts';

/** sessionStorage's interface over a Map: the module only needs get/set/remove. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

let counter = 0;
const nextKey = () => `key-${++counter}`;

describe("checkout's Idempotency-Key", () => {
  it('is the same for a double click or a retry of the same order', () => {
    const storage = memoryStorage();
    const body = fingerprintOf({ items: [{ offerId: 'a', quantity: 1 }] });
    const first = idempotencyKeyFor(storage, body, nextKey);
    expect(idempotencyKeyFor(storage, body, nextKey)).toBe(first);
  });

  it('is new for a changed order, and after the last attempt ended', () => {
    const storage = memoryStorage();
    const first = idempotencyKeyFor(storage, fingerprintOf({ date: '2026-12-10' }), nextKey);
    const changed = idempotencyKeyFor(storage, fingerprintOf({ date: '2026-12-11' }), nextKey);
    expect(changed).not.toBe(first);
    forgetAttempt(storage);
    expect(idempotencyKeyFor(storage, fingerprintOf({ date: '2026-12-11' }), nextKey)).not.toBe(changed);
  });

  it('survives a reload (it lives in sessionStorage) and ignores a damaged entry', () => {
    const storage = memoryStorage();
    const key = idempotencyKeyFor(storage, 'same', nextKey);
    expect(idempotencyKeyFor(storage, 'same', () => 'other')).toBe(key);
    storage.setItem('fruitables.checkout-attempt.v1', '{not json');
    expect(idempotencyKeyFor(storage, 'same', () => 'fresh')).toBe('fresh');
  });
});
