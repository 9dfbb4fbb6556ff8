import { generateKeyPairSync } from 'node:crypto';
import { EnvError } from '@fruitables/kit';
import { describe, expect, it } from 'vitest';
import { checkKeySettings, type KeySettings } from './env-keys.ts';

function signingJwk(kid: string) {
  const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  return { kid, x: String(jwk.x), y: String(jwk.y), d: String(jwk.d) };
}

const settings = (overrides: Partial<KeySettings> = {}): KeySettings => ({
  IDENTITY_SIGNING_KEYS: [signingJwk('a'), signingJwk('b')],
  IDENTITY_ENCRYPTION_KEYS: { k1: new Uint8Array(32), k2: new Uint8Array(32) },
  IDENTITY_ENCRYPTION_KEY_ID: 'k2',
  ...overrides,
});

function problemsOf(env: KeySettings): string[] {
  try {
    checkKeySettings(env);
    return [];
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
}

describe('key settings', () => {
  it('accept working signing keys and an active encryption key that exists', () => {
    expect(problemsOf(settings())).toEqual([]);
  });

  it('refuse an active encryption key id that names no configured key', () => {
    expect(problemsOf(settings({ IDENTITY_ENCRYPTION_KEY_ID: 'k3' }))).toEqual([
      'IDENTITY_ENCRYPTION_KEY_ID: "k3" is not one of the keys in IDENTITY_ENCRYPTION_KEYS',
    ]);
  });

  it('refuse signing keys that do not import or whose halves do not match, without echoing them', () => {
    const good = signingJwk('good');
    const other = signingJwk('other');
    const broken = { kid: 'broken', x: 'x', y: 'y', d: 'd' };
    const mismatched = { ...good, kid: 'mismatched', d: other.d };
    const problems = problemsOf(settings({ IDENTITY_SIGNING_KEYS: [good, broken, mismatched] }));
    expect(problems).toEqual([
      'IDENTITY_SIGNING_KEYS: key "broken" is not a usable EC P-256 private key',
      'IDENTITY_SIGNING_KEYS: key "mismatched" is not a usable EC P-256 private key',
    ]);
    expect(problems.join(' ')).not.toContain(other.d);
  });

  it('refuse a signing key id used twice', () => {
    expect(problemsOf(settings({ IDENTITY_SIGNING_KEYS: [signingJwk('a'), signingJwk('a')] }))).toEqual([
      'IDENTITY_SIGNING_KEYS: key id "a" appears twice',
    ]);
  });
});
