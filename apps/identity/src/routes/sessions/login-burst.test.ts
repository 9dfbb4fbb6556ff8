import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argon2LimitsFor } from '../../domain/argon2-capacity.ts';
import type { Argon2Implementation } from '../../domain/passwords.ts';
import { call, signUp } from '../../testing/client.ts';
import { createHarness, type IdentityHarness, uniqueEmail, uniqueIp } from '../../testing/harness.ts';

// Real argon2id at 32 MiB per computation (half production's), so the memory is visible in RSS.
const ARGON2 = { memoryCost: 32 * 1024, timeCost: 1 };
const MIB = 1024 * 1024;
// A pod of 256 MiB whose process needs 160 MiB besides argon2: room for three 32 MiB buffers.
const LIMITS = argon2LimitsFor({
  memoryLimitMib: 256,
  baselineMib: 160,
  memoryCostKib: ARGON2.memoryCost,
  maxQueued: 40,
});

/** Bun.password, counting how many computations are running at once. */
function watchedArgon2() {
  let running = 0;
  let mostAtOnce = 0;
  const watch = async <T>(work: Promise<T>): Promise<T> => {
    running += 1;
    mostAtOnce = Math.max(mostAtOnce, running);
    try {
      return await work;
    } finally {
      running -= 1;
    }
  };
  const argon2: Argon2Implementation = {
    hash: (password, options) => watch(Bun.password.hash(password, options)),
    verify: (password, hash, algorithm) => watch(Bun.password.verify(password, hash, algorithm)),
  };
  return { argon2, mostAtOnce: () => mostAtOnce };
}

let h: IdentityHarness;
const watched = watchedArgon2();
beforeAll(async () => {
  h = await createHarness('login-burst', {
    argon2: ARGON2,
    passwordOptions: { limits: LIMITS, argon2: watched.argon2 },
  });
});
afterAll(async () => {
  await h.close();
});

describe('a burst of 200 concurrent logins', () => {
  it('sizes the cap from the memory limit: floor((256 − 160) MiB / 32 MiB) = 3', () => {
    expect(LIMITS.maxConcurrent).toBe(3);
  });

  it('answers every one, never runs more argon2 at once than the cap, and stays within the memory budget', async () => {
    const accounts = await Promise.all([signUp(h), signUp(h), signUp(h)]);
    Bun.gc(true);
    const rssBefore = process.memoryUsage.rss();
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
    }, 2);

    const started = performance.now();
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        const account = accounts[i % 10];
        const body = account ? account : { email: uniqueEmail('nobody'), password: 'sweet-persimmon-42' };
        // Each from its own address, so the per-address throttle is not what answers.
        return call(h, 'POST', '/v1/sessions', { body, ip: uniqueIp() });
      }),
    );
    clearInterval(sampler);
    const elapsed = performance.now() - started;

    const statuses = responses.map((response) => response.status);
    const busy = responses.filter((response) => response.status === 429);
    // Every request answered: signed in, wrong credentials, or told to come back, never a 5xx.
    expect(statuses.every((status) => [200, 401, 429].includes(status))).toBe(true);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(1);
    // The bounded queue: 3 running + 40 waiting at most, so most of a 200 burst is turned away at once.
    expect(busy.length).toBeGreaterThanOrEqual(200 - LIMITS.maxConcurrent - LIMITS.maxQueued - 10);
    for (const response of busy) expect(response.headers.get('retry-after')).toBe('1');
    expect(busy[0]?.problem.code).toBe('busy');

    expect(watched.mostAtOnce()).toBeLessThanOrEqual(LIMITS.maxConcurrent);
    // RSS grew by no more than the argon2 buffers the cap allows, plus slack for requests in flight.
    const grownMib = (rssPeak - rssBefore) / MIB;
    expect(grownMib).toBeLessThan(LIMITS.maxConcurrent * 32 + 64);
    console.info(
      `login burst: ${statuses.filter((s) => s === 200).length} ok, ${statuses.filter((s) => s === 401).length} wrong, ${busy.length} busy in ${Math.round(elapsed)} ms; RSS +${grownMib.toFixed(0)} MiB, ${watched.mostAtOnce()} argon2 at once`,
    );
  }, 60_000);
});
