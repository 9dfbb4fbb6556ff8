import type { Clock } from '@fruitables/core';
import type { MiddlewareHandler } from 'hono';
import type { KitEnv } from '../types.ts';
import { withChallenge } from './challenge.ts';
import type { KeySource } from './key-source.ts';
import { isRevoked, type RevocationRedis } from './revocation.ts';
import { createVerifiedTokenCache, type VerifiedTokenCache } from './verified-token-cache.ts';
import { TokenRejected, tokenInvalid, tokenMissing, tokenRevoked, verifyAccessToken } from './verify.ts';

export interface AuthenticateOptions {
  keys: KeySource;
  /** A node-redis client; the revocation denylist is read from it on every request. */
  redis: RevocationRedis;
  issuer?: string;
  /**
   * The audiences accepted (any one of them). Default "fruitables", the audience of people's
   * tokens; the authentication in front of internal routes adds the service's own name, the
   * audience of the service tokens minted for calling it.
   */
  audience?: string | string[];
  /** Let requests without an Authorization header through (public routes that personalise). */
  optional?: boolean;
  clockToleranceSeconds?: number;
  /** How long the denylist read may take before the request is answered 503. */
  redisTimeoutMs?: number;
  clock?: Clock;
  /** Verified tokens kept between requests; one per middleware by default. */
  cache?: VerifiedTokenCache;
}

// RFC 6750 §2.1: "Bearer" (any case), one or more spaces, then a b64token.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * Authenticates the request from `Authorization: Bearer <access token>` and puts the caller on
 * `c.var.principal`. A missing, malformed, forged, expired or revoked token is a 401 problem
 * with a `WWW-Authenticate` challenge. With `optional`, a request with no header at all goes
 * through anonymously, but a header that is present must still be valid: a client sending a
 * bad token wants to know, not to be silently treated as a guest.
 *
 * Revocation is checked after the signature, so forged tokens never cost a Redis round trip,
 * and fails closed: if Redis cannot answer, the request gets 503, never a pass.
 */
export function authenticate(options: AuthenticateOptions): MiddlewareHandler<KitEnv> {
  const redisTimeoutMs = options.redisTimeoutMs ?? 500;
  const cache = options.cache ?? createVerifiedTokenCache(options.clock ? { clock: options.clock } : {});
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header === undefined) {
      if (options.optional) return next();
      throw withChallenge(c, tokenMissing());
    }
    const token = BEARER.exec(header.trim())?.[1];
    if (token === undefined) throw withChallenge(c, tokenInvalid());

    let principal = cache.get(token);
    if (!principal) {
      try {
        principal = await verifyAccessToken(token, options);
      } catch (error) {
        throw error instanceof TokenRejected ? withChallenge(c, error) : error;
      }
      cache.set(token, principal);
    }
    if (await isRevoked(options.redis, principal, redisTimeoutMs)) throw withChallenge(c, tokenRevoked());
    c.set('principal', principal);
    return next();
  };
}
