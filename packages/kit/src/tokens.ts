/*
 * The access-token contract and the revocation list without the HTTP half of the kit:
 * nothing reachable from here loads Hono. Domain layers and command-line tools import this
 * entry (`@fruitables/kit/tokens`); `@fruitables/kit` re-exports it for middleware and
 * routes. service-layout.test.ts keeps this entry free of Hono.
 */
export {
  ACCESS_TOKEN_ALGORITHM,
  ACCESS_TOKEN_LIFETIME_SECONDS,
  ACCESS_TOKEN_TYPE,
  type AccessTokenClaims,
  accessTokenClaimsSchema,
  CLOCK_TOLERANCE_SECONDS,
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  isServiceScope,
  type Principal,
  ROLES,
  type Role,
  scopeAudience,
  serviceSubject,
} from './auth/claims.ts';
export { createStaticKeySource, type KeySource, KeysUnavailable } from './auth/key-source.ts';
export {
  isRevoked,
  type RevocationRedis,
  RevocationUnavailable,
  revokedBeforeKey,
  revokedTokenKey,
  revokeSubjectBefore,
  revokeToken,
} from './auth/revocation.ts';
export {
  type TokenProblemCode,
  TokenRejected,
  type VerifyAccessTokenOptions,
  verifyAccessToken,
} from './auth/verify.ts';
