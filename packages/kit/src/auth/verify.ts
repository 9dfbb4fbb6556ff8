import { type Clock, Unauthorized } from '@fruitables/core';
import { jwtVerify } from 'jose';
import { JOSEError, JWTExpired } from 'jose/errors';
import {
  ACCESS_TOKEN_ALGORITHM,
  ACCESS_TOKEN_LIFETIME_SECONDS,
  ACCESS_TOKEN_TYPE,
  CLOCK_TOLERANCE_SECONDS,
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  type Principal,
  principalFromClaims,
} from './claims.ts';
import type { KeySource } from './key-source.ts';

/** The stable `code`s of a 401 from authentication. */
export type TokenProblemCode = 'token_missing' | 'token_invalid' | 'token_expired' | 'token_revoked';

/** A 401 whose `code` says what was wrong with the token. */
export class TokenRejected extends Unauthorized {
  constructor(
    readonly tokenProblem: TokenProblemCode,
    message: string,
  ) {
    super(message, tokenProblem);
  }
}

export function tokenMissing(): TokenRejected {
  return new TokenRejected('token_missing', 'Sign in: this request needs an access token (Authorization: Bearer).');
}
export function tokenInvalid(): TokenRejected {
  return new TokenRejected('token_invalid', 'The access token is not valid; sign in again.');
}
export function tokenExpired(): TokenRejected {
  return new TokenRejected('token_expired', 'The access token has expired; refresh it or sign in again.');
}
export function tokenRevoked(): TokenRejected {
  return new TokenRejected('token_revoked', 'The access token was revoked; sign in again.');
}

export interface VerifyAccessTokenOptions {
  keys: KeySource;
  issuer?: string;
  /** The audiences accepted (any one of them); default "fruitables", the audience of people's tokens. */
  audience?: string | string[];
  clockToleranceSeconds?: number;
  clock?: Clock;
}

// Real tokens are a few hundred bytes; refusing huge input early bounds the parsing work.
const MAX_TOKEN_LENGTH = 4096;

/**
 * Checks an access token against the contract in claims.ts and returns who it speaks for.
 * Throws `TokenRejected` (a 401) for any token that is not exactly right; the distinction the
 * caller gets is only expired versus invalid, so the reason a forgery failed is not disclosed.
 * Does not consult the denylist: `authenticate` does, as it holds the Redis client.
 */
export async function verifyAccessToken(token: string, options: VerifyAccessTokenOptions): Promise<Principal> {
  if (token.length === 0) throw tokenMissing();
  if (token.length > MAX_TOKEN_LENGTH) throw tokenInvalid();
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, options.keys.getKey, {
      // Pinning the algorithm is what refuses `alg: none`, HS256 keyed with our public key, and RS256.
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      typ: ACCESS_TOKEN_TYPE,
      issuer: options.issuer ?? DEFAULT_ISSUER,
      audience: options.audience ?? DEFAULT_AUDIENCE,
      clockTolerance: options.clockToleranceSeconds ?? CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['sub', 'iat', 'nbf', 'exp', 'jti'],
      // Bounds a token's life by its iat too, so a token minted with a far `exp` (or a future iat) still fails.
      maxTokenAge: ACCESS_TOKEN_LIFETIME_SECONDS,
      ...(options.clock ? { currentDate: options.clock.now() } : {}),
    }));
  } catch (error) {
    if (error instanceof JWTExpired) throw tokenExpired();
    if (error instanceof JOSEError) throw tokenInvalid();
    // Anything else (identity's keys unreachable) is not the token's fault: let it surface as is.
    throw error;
  }
  const principal = principalFromClaims(payload);
  if (!principal) throw tokenInvalid();
  return principal;
}
