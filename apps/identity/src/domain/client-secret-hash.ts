import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/*
 * Service client secrets are 256 random bits, so no slow hash is needed to resist guessing:
 * a keyed hash (HMAC-SHA-256 under a random per-client key) is enough, and costs microseconds.
 * A slow hash here (argon2, 64 MiB) let anyone make identity burn memory on the public token
 * endpoint at will. Stored form: `hmac-sha256$<key, base64url>$<mac, base64url>`.
 */

const PREFIX = 'hmac-sha256';
export const CLIENT_SECRET_HASH = /^hmac-sha256\$[A-Za-z0-9_-]{43}\$[A-Za-z0-9_-]{43}$/;

/** A new client secret: 256 random bits, base64url (43 characters). */
export function newClientSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored form of `secret`, under a fresh random key. */
export function hashClientSecret(secret: string): string {
  const key = randomBytes(32);
  return `${PREFIX}$${key.toString('base64url')}$${createHmac('sha256', key).update(secret).digest('base64url')}`;
}

/** A verifier for one stored hash; comparing in constant time, so the MAC leaks nothing byte by byte. */
export function clientSecretVerifier(storedHash: string): (secret: string) => boolean {
  if (!CLIENT_SECRET_HASH.test(storedHash)) throw new RangeError('not an hmac-sha256 client secret hash');
  const [, key = '', mac = ''] = storedHash.split('$');
  const keyBytes = Buffer.from(key, 'base64url');
  const expected = Buffer.from(mac, 'base64url');
  return (secret) => timingSafeEqual(createHmac('sha256', keyBytes).update(secret).digest(), expected);
}
