import { createStaticKeySource, verifyAccessToken } from '@fruitables/kit/tokens';
import { describe, expect, it } from 'vitest';
import { createTestClock, newSigningJwk } from '../testing/harness.ts';
import { createAccessTokenIssuer } from './access-tokens.ts';
import { loadSigningKeys } from './signing-keys.ts';

describe('signing keys', () => {
  it('signs with the first key and publishes all of them', async () => {
    const keys = await loadSigningKeys([await newSigningJwk('new'), await newSigningJwk('old')]);
    expect(keys.active.kid).toBe('new');
    expect(keys.publicJwks.keys.map((key) => key.kid)).toEqual(['new', 'old']);
    expect(keys.publicJwks.keys.every((key) => key.d === undefined)).toBe(true);
  });

  it('keeps tokens signed by the previous key valid after rotation', async () => {
    const clock = createTestClock();
    const previous = await newSigningJwk('2026-10');
    const next = await newSigningJwk('2026-11');
    const before = await loadSigningKeys([previous, next]);
    const after = await loadSigningKeys([next, previous]);
    const issued = await createAccessTokenIssuer({
      keys: before,
      issuer: 'fruitables-identity',
      audience: 'fruitables',
      clock,
    }).issue({
      subject: '0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b',
      roles: ['shopper'],
      farmIds: [],
    });
    const principal = await verifyAccessToken(issued.token, { keys: createStaticKeySource(after.publicJwks), clock });
    expect(principal.subject).toBe('0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b');
  });

  it('refuses public keys, other curves and duplicate ids', async () => {
    const key = await newSigningJwk('a');
    const { d: _private, ...publicOnly } = key;
    await expect(loadSigningKeys([publicOnly])).rejects.toThrow(/private EC P-256/);
    await expect(loadSigningKeys([{ ...key, crv: 'P-384' }])).rejects.toThrow(/private EC P-256/);
    await expect(loadSigningKeys([key, key])).rejects.toThrow(/twice/);
    await expect(loadSigningKeys([])).rejects.toThrow(/at least one/);
  });
});
