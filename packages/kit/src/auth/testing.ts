import { type Clock, newId, systemClock } from '@fruitables/core';
import {
  type CryptoKey,
  exportJWK,
  generateKeyPair,
  type JSONWebKeySet,
  type JWTHeaderParameters,
  SignJWT,
} from 'jose';
import {
  ACCESS_TOKEN_ALGORITHM,
  ACCESS_TOKEN_LIFETIME_SECONDS,
  ACCESS_TOKEN_TYPE,
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  serviceSubject,
} from './claims.ts';
import { createStaticKeySource, type KeySource } from './key-source.ts';

/**
 * Claims to put in a test token on top of a valid shopper token. Deliberately loose, so tests
 * can also mint broken tokens; a key set to `undefined` is left out of the token.
 */
export type ClaimOverrides = Record<string, unknown>;

export interface TestSignerOptions {
  kid?: string;
  issuer?: string;
  audience?: string;
  /** Where "now" comes from for iat/nbf/exp. */
  clock?: Clock;
  /**
   * Sign with this existing key instead of a fresh pair: identity's tests mint tokens with
   * identity's own active key, so the tokens verify exactly as identity's would.
   */
  key?: { kid: string; privateKey: CryptoKey; jwks: JSONWebKeySet };
}

export interface TestSigner {
  kid: string;
  /** The public key set, as identity would publish it. */
  jwks: JSONWebKeySet;
  /** A key source over `jwks`: pass it as `keys` to `authenticate` in a service's tests. */
  keys: KeySource;
  privateKey: CryptoKey;
  /** A signed access token: a valid shopper token unless the overrides say otherwise. */
  sign(claims?: ClaimOverrides, header?: Partial<JWTHeaderParameters>): Promise<string>;
  shopper(claims?: ClaimOverrides): Promise<string>;
  farmer(farmIds: string[], claims?: ClaimOverrides): Promise<string>;
  admin(claims?: ClaimOverrides): Promise<string>;
  /** A service's own token; pass `aud`/`scope` in `claims` for audience- or scope-bound tokens. */
  service(name: string, claims?: ClaimOverrides): Promise<string>;
}

/**
 * Mints access tokens exactly as identity does, with a fresh ES256 key pair, so any service's
 * tests can exercise real verification: `const signer = await createTestSigner();
 * app.request(path, { headers: bearer(await signer.farmer([farmId])) })`.
 */
export async function createTestSigner(options: TestSignerOptions = {}): Promise<TestSigner> {
  const clock = options.clock ?? systemClock;
  const { kid, privateKey, jwks } = options.key ?? (await freshKey(options.kid ?? `test-${newId()}`));

  async function sign(claims: ClaimOverrides = {}, header: Partial<JWTHeaderParameters> = {}): Promise<string> {
    const now = Math.floor(clock.now().getTime() / 1000);
    const merged: ClaimOverrides = {
      iss: options.issuer ?? DEFAULT_ISSUER,
      aud: options.audience ?? DEFAULT_AUDIENCE,
      sub: newId(),
      iat: now,
      nbf: now,
      exp: now + ACCESS_TOKEN_LIFETIME_SECONDS,
      jti: crypto.randomUUID(),
      roles: ['shopper'],
      farmIds: [],
      ...claims,
    };
    const payload = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
    return new SignJWT(payload)
      .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid, typ: ACCESS_TOKEN_TYPE, ...header })
      .sign(privateKey);
  }

  return {
    kid,
    jwks,
    keys: createStaticKeySource(jwks),
    privateKey,
    sign,
    shopper: (claims) => sign({ roles: ['shopper'], ...claims }),
    farmer: (farmIds, claims) => sign({ roles: ['farmer'], farmIds, ...claims }),
    admin: (claims) => sign({ roles: ['admin'], ...claims }),
    service: (name, claims) => sign({ sub: serviceSubject(name), roles: ['service'], ...claims }),
  };
}

async function freshKey(kid: string): Promise<{ kid: string; privateKey: CryptoKey; jwks: JSONWebKeySet }> {
  const { publicKey, privateKey } = await generateKeyPair(ACCESS_TOKEN_ALGORITHM, { extractable: true });
  const jwks: JSONWebKeySet = {
    keys: [{ ...(await exportJWK(publicKey)), kid, alg: ACCESS_TOKEN_ALGORITHM, use: 'sig' }],
  };
  return { kid, privateKey, jwks };
}

/** Request headers carrying the token, for `app.request(path, { headers: bearer(token) })`. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
