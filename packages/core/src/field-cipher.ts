import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Seals personal data (phone and bank account numbers, door codes) before it reaches the
 * database, with AES-256-GCM.
 *
 * Envelope: `v1.<keyId>.<iv>.<ciphertext+tag>` (base64url). The key id travels with the
 * ciphertext, so a new key can be made active while rows sealed with older keys still open;
 * re-sealing old rows is a background job, not a flag day.
 *
 * Every seal is bound to a context string (for example `addresses.phone:<addressId>`) as
 * associated data: a ciphertext copied into another row or column fails to open instead of
 * revealing someone else's number there.
 */
export interface FieldCipher {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
  /** The key id an envelope was sealed with (for rotation reports). */
  keyIdOf(sealed: string): string | undefined;
}

export interface FieldCipherOptions {
  /** keyId → 32-byte key. */
  keys: ReadonlyMap<string, Uint8Array>;
  activeKeyId: string;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SealedValueUnreadable extends Error {
  constructor(reason: string) {
    super(`sealed value cannot be opened: ${reason}`);
    this.name = 'SealedValueUnreadable';
  }
}

export function createFieldCipher(options: FieldCipherOptions): FieldCipher {
  for (const [keyId, key] of options.keys) {
    if (!KEY_ID.test(keyId)) throw new RangeError(`encryption key id must match ${KEY_ID}: ${keyId}`);
    if (key.byteLength !== 32) throw new RangeError(`encryption key ${keyId} must be 32 bytes, got ${key.byteLength}`);
  }
  const activeKey = options.keys.get(options.activeKeyId);
  if (!activeKey) throw new RangeError(`the active encryption key ${options.activeKeyId} is not among the keys`);

  return {
    seal(plaintext, context) {
      // A fresh random 96-bit IV per value; GCM's limit of 2^32 random IVs per key is far away.
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', activeKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return ['v1', options.activeKeyId, iv.toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed, context) {
      const [version, keyId, ivText, bodyText, ...rest] = sealed.split('.');
      if (version !== 'v1' || !keyId || !ivText || !bodyText || rest.length > 0) {
        throw new SealedValueUnreadable('not a v1 envelope');
      }
      const key = options.keys.get(keyId);
      if (!key) throw new SealedValueUnreadable(`unknown key id ${keyId}`);
      const iv = Buffer.from(ivText, 'base64url');
      const body = Buffer.from(bodyText, 'base64url');
      if (iv.byteLength !== IV_BYTES || body.byteLength < TAG_BYTES) throw new SealedValueUnreadable('truncated');
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(body.subarray(body.byteLength - TAG_BYTES));
      try {
        return Buffer.concat([
          decipher.update(body.subarray(0, body.byteLength - TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new SealedValueUnreadable('authentication failed');
      }
    },
    keyIdOf(sealed) {
      const [version, keyId] = sealed.split('.');
      return version === 'v1' ? keyId : undefined;
    },
  };
}
