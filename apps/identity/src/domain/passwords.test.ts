import { describe, expect, it } from 'vitest';
import { createPasswordHasher, meetsParams } from './passwords.ts';

const params = { memoryCost: 8192, timeCost: 1 };

describe('password hashing', () => {
  it('hashes with argon2id at exactly the configured cost', async () => {
    const hash = await createPasswordHasher(params).hash('sweet-persimmon-42');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=8192,t=1,p=1\$/);
  });

  it('asks for a rehash only when the stored hash is weaker or another algorithm', async () => {
    expect(meetsParams('$argon2id$v=19$m=8192,t=1,p=1$salt$hash', params)).toBe(true);
    expect(meetsParams('$argon2id$v=19$m=65536,t=3,p=1$salt$hash', params)).toBe(true);
    expect(meetsParams('$argon2id$v=19$m=4096,t=1,p=1$salt$hash', params)).toBe(false);
    expect(meetsParams('$argon2id$v=19$m=8192,t=0,p=1$salt$hash', params)).toBe(false);
    expect(meetsParams('$argon2i$v=19$m=65536,t=3,p=1$salt$hash', params)).toBe(false);
    expect(meetsParams('$2b$10$abcdefghijklmnopqrstuv', params)).toBe(false);
  });

  it('fails without a stored hash, after doing the same work as a real check', async () => {
    const hasher = createPasswordHasher(params);
    await hasher.verify('warm-up', null);
    const stored = await hasher.hash('sweet-persimmon-42');
    // Medians of alternating attempts, so one stall on a busy machine cannot decide it.
    const timed = async (check: () => Promise<unknown>) => {
      const started = performance.now();
      expect(await check()).toEqual({ ok: false, needsRehash: false });
      return performance.now() - started;
    };
    const real: number[] = [];
    const dummy: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      real.push(await timed(() => hasher.verify('guess', stored)));
      dummy.push(await timed(() => hasher.verify('guess', undefined)));
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    expect(median(dummy)).toBeGreaterThan(median(real) * 0.3);
  });

  it('treats a corrupt stored hash as a wrong password', async () => {
    expect(await createPasswordHasher(params).verify('x', 'not-a-hash')).toEqual({ ok: false, needsRehash: false });
  });
});
