import { createPrivateKey, createPublicKey } from 'node:crypto';
import { EnvError } from '@fruitables/kit';

/** The key variables as `identityEnvShape` parses them. */
export interface KeySettings {
  IDENTITY_SIGNING_KEYS: readonly { kid: string; x: string; y: string; d: string }[];
  IDENTITY_ENCRYPTION_KEYS: Record<string, Uint8Array>;
  IDENTITY_ENCRYPTION_KEY_ID: string;
}

/** Whether a private JWK is a real P-256 key whose public half is the x and y it claims. */
function isUsableSigningKey(jwk: KeySettings['IDENTITY_SIGNING_KEYS'][number]): boolean {
  try {
    const key = createPrivateKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, d: jwk.d }, format: 'jwk' });
    const derived = createPublicKey(key).export({ format: 'jwk' });
    return derived.x === jwk.x && derived.y === jwk.y;
  } catch {
    return false;
  }
}

/**
 * The key rules the per-variable schema cannot express: the active encryption key must be one
 * of the configured keys, and every signing key must import, once, with distinct ids. Checked at
 * boot next to the schema, so a bad Secret fails with the same readable "invalid environment"
 * line instead of a stack trace from the first request that seals a value or signs a token.
 * Problems name variables and key ids, never key material.
 */
export function checkKeySettings(env: KeySettings): void {
  const problems: string[] = [];
  if (!Object.hasOwn(env.IDENTITY_ENCRYPTION_KEYS, env.IDENTITY_ENCRYPTION_KEY_ID)) {
    problems.push(
      `IDENTITY_ENCRYPTION_KEY_ID: "${env.IDENTITY_ENCRYPTION_KEY_ID}" is not one of the keys in IDENTITY_ENCRYPTION_KEYS`,
    );
  }
  const seen = new Set<string>();
  for (const jwk of env.IDENTITY_SIGNING_KEYS) {
    if (seen.has(jwk.kid)) problems.push(`IDENTITY_SIGNING_KEYS: key id "${jwk.kid}" appears twice`);
    seen.add(jwk.kid);
    if (!isUsableSigningKey(jwk)) {
      problems.push(`IDENTITY_SIGNING_KEYS: key "${jwk.kid}" is not a usable EC P-256 private key`);
    }
  }
  if (problems.length > 0) throw new EnvError(problems);
}
