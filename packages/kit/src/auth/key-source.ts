import { DomainError } from '@fruitables/core';
import {
  type CryptoKey,
  createLocalJWKSet,
  type FlattenedJWSInput,
  type JSONWebKeySet,
  type JWK,
  type JWSHeaderParameters,
} from 'jose';
import { JWKSNoMatchingKey } from 'jose/errors';
import { ACCESS_TOKEN_ALGORITHM } from './claims.ts';

/** Where verification keys come from. `getKey` has jose's key-resolver shape: pass it to `jwtVerify`. */
export interface KeySource {
  getKey(header: JWSHeaderParameters, token: FlattenedJWSInput): Promise<CryptoKey>;
}

/**
 * identity's keys could not be loaded, so no token can be judged either way. A 503, not a
 * 401: the caller's token may well be valid, and telling them to sign in again would not help.
 */
export class KeysUnavailable extends DomainError {
  constructor(options?: { cause?: unknown }) {
    super('unavailable', 'auth_keys_unavailable', 'Sign-in cannot be checked right now; try again in a moment.');
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/**
 * Only public EC P-256 signing keys are kept. A JWKS that also lists RSA or symmetric keys,
 * or (by an identity bug) private ones, must not widen what a token can be verified with.
 */
export function usableVerificationKeys(jwks: JSONWebKeySet): JSONWebKeySet {
  const keys = jwks.keys.filter(
    (jwk: JWK) =>
      jwk.kty === 'EC' &&
      jwk.crv === 'P-256' &&
      jwk.d === undefined &&
      typeof jwk.kid === 'string' &&
      (jwk.alg === undefined || jwk.alg === ACCESS_TOKEN_ALGORITHM) &&
      (jwk.use === undefined || jwk.use === 'sig'),
  );
  return { keys };
}

/** Every access token must name its key; without a kid, rotation would make the choice ambiguous. */
export function requireKeyId(header: JWSHeaderParameters): string {
  if (typeof header.kid !== 'string' || header.kid.length === 0) {
    throw new JWKSNoMatchingKey('the token does not name its signing key (kid)');
  }
  return header.kid;
}

/**
 * Keys known up front, with no HTTP: identity verifies tokens with its own public keys this
 * way, and tests use it with `createTestSigner().jwks`.
 */
export function createStaticKeySource(jwks: JSONWebKeySet): KeySource {
  const resolve = createLocalJWKSet(usableVerificationKeys(jwks));
  return {
    getKey: (header, token) => {
      requireKeyId(header);
      return resolve(header, token);
    },
  };
}
