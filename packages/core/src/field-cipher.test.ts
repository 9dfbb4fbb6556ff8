import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher, SealedValueUnreadable } from './field-cipher.ts';

const randomAesKey = (): Uint8Array => new Uint8Array(randomBytes(32));

describe('field cipher', () => {
  const k1 = randomAesKey();
  const k2 = randomAesKey();

  it('seals to a versioned envelope naming the key, and opens it again', () => {
    const cipher = createFieldCipher({ keys: new Map([['k1', k1]]), activeKeyId: 'k1' });
    const sealed = cipher.seal('01012345678', 'accounts.mobile:a');
    expect(sealed).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('01012345678');
    expect(cipher.open(sealed, 'accounts.mobile:a')).toBe('01012345678');
  });

  it('seals the same value differently every time', () => {
    const cipher = createFieldCipher({ keys: new Map([['k1', k1]]), activeKeyId: 'k1' });
    expect(cipher.seal('same', 'ctx')).not.toBe(cipher.seal('same', 'ctx'));
  });

  it('still opens values sealed with an older key after the active key rotates', () => {
    const before = createFieldCipher({ keys: new Map([['k1', k1]]), activeKeyId: 'k1' });
    const old = before.seal('3011234567891', 'bank:1');
    const after = createFieldCipher({
      keys: new Map([
        ['k1', k1],
        ['k2', k2],
      ]),
      activeKeyId: 'k2',
    });
    expect(after.open(old, 'bank:1')).toBe('3011234567891');
    const fresh = after.seal('3011234567891', 'bank:1');
    expect(after.keyIdOf(fresh)).toBe('k2');
    expect(after.open(fresh, 'bank:1')).toBe('3011234567891');
  });

  it('refuses to open a value moved to another row or column', () => {
    const cipher = createFieldCipher({ keys: new Map([['k1', k1]]), activeKeyId: 'k1' });
    const sealed = cipher.seal('01012345678', 'addresses.phone:alice');
    expect(() => cipher.open(sealed, 'addresses.phone:mallory')).toThrow(SealedValueUnreadable);
  });

  it('refuses a tampered ciphertext and an unknown key id', () => {
    const cipher = createFieldCipher({ keys: new Map([['k1', k1]]), activeKeyId: 'k1' });
    const sealed = cipher.seal('01012345678', 'ctx');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    expect(() => cipher.open([parts[0], parts[1], parts[2], body.toString('base64url')].join('.'), 'ctx')).toThrow(
      SealedValueUnreadable,
    );
    expect(() => cipher.open(sealed.replace('v1.k1.', 'v1.k9.'), 'ctx')).toThrow(/unknown key id/);
  });

  it('refuses keys that are not 32 bytes or an active key it does not have', () => {
    expect(() => createFieldCipher({ keys: new Map([['k1', new Uint8Array(16)]]), activeKeyId: 'k1' })).toThrow(
      /32 bytes/,
    );
    expect(() => createFieldCipher({ keys: new Map([['k1', k1]]), activeKeyId: 'k2' })).toThrow(/active/);
  });
});
