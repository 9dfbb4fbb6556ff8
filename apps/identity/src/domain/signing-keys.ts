import { type CryptoKey, importJWK, type JWK } from 'jose';

export const SIGNING_ALGORITHM = 'ES256';

/** The keys identity signs with and the public half every service verifies with. */
export interface SigningKeys {
  /** The first configured key: every new token is signed with it. */
  active: { kid: string; key: CryptoKey };
  /** Public parts of every configured key, so tokens signed by the previous key keep verifying. */
  publicJwks: { keys: JWK[] };
}

function isPrivateP256(jwk: JWK): jwk is JWK & { kid: string; x: string; y: string; d: string } {
  return (
    jwk.kty === 'EC' &&
    jwk.crv === 'P-256' &&
    typeof jwk.kid === 'string' &&
    jwk.kid.length > 0 &&
    typeof jwk.x === 'string' &&
    typeof jwk.y === 'string' &&
    typeof jwk.d === 'string'
  );
}

/**
 * Loads the configured private JWKs. Rotation is two deploys: add the new key second (it is
 * published but not used), wait for every verifier's JWKS cache to pick it up, then move it
 * first; drop the old key once the last token it signed has expired (15 minutes).
 */
export async function loadSigningKeys(jwks: readonly JWK[]): Promise<SigningKeys> {
  const [first] = jwks;
  if (!first) throw new RangeError('at least one signing key is required');
  const seen = new Set<string>();
  const publicKeys: JWK[] = [];
  let active: SigningKeys['active'] | undefined;
  for (const jwk of jwks) {
    if (!isPrivateP256(jwk)) throw new RangeError('every signing key must be a private EC P-256 JWK with a kid');
    if (seen.has(jwk.kid)) throw new RangeError(`signing key id ${jwk.kid} appears twice`);
    seen.add(jwk.kid);
    // Only the public coordinates leave this module; `d` stays in the imported, non-extractable key.
    publicKeys.push({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, kid: jwk.kid, alg: SIGNING_ALGORITHM, use: 'sig' });
    if (jwk === first) {
      const key = await importJWK({ ...jwk, ext: false }, SIGNING_ALGORITHM);
      if (key instanceof Uint8Array) throw new RangeError('signing key imported as a secret');
      active = { kid: jwk.kid, key };
    }
  }
  if (!active) throw new RangeError('no active signing key');
  return { active, publicJwks: { keys: publicKeys } };
}
