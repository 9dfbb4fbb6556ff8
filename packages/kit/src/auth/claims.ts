import { z } from 'zod';

/*
 * THE ACCESS TOKEN CONTRACT. identity issues tokens to exactly this shape; every service
 * verifies them with `verifyAccessToken` / `authenticate`. Change it here first, in both places.
 *
 * Access token: a JWT (JWS compact serialization) signed by identity.
 *   Header:  alg  "ES256" (the only algorithm accepted: `none`, HS*, RS* are refused, which
 *                 closes the "HS256 with the public key as the secret" confusion attack)
 *            kid  id of the identity key that signed it; looked up in identity's JWKS
 *            typ  "at+jwt" (RFC 9068), so an ID token or other JWT cannot pass as an access token
 *   Claims:  iss      configured issuer, default "fruitables-identity"
 *            aud      configured audience, default "fruitables", for people's tokens; a service
 *                     token's aud is the one service it may call (e.g. "catalog")
 *            sub      the account id (UUID), or "service:<name>" for a service's own token
 *            iat, nbf issue time and not-before (epoch seconds; identity sets both to now)
 *            exp      iat + 15 minutes
 *            jti      a UUID, unique per token; the handle for revoking one token
 *            roles    non-empty subset of 'shopper' | 'farmer' | 'admin' | 'service';
 *                     'service' appears exactly when sub is "service:<name>", and then alone
 *            farmIds  ids of the farms a farmer manages; [] for everyone else
 *            scope    service tokens only: space-separated scopes granted at the audience,
 *                     each "<audience>:<permission>" (RFC 8693 §4.2 / RFC 9068 §2.2.3), e.g.
 *                     "catalog:holds"; checked by `requireServiceScope` / `guardInternalRoutes`
 *            emailVerified  (optional, added later) true once the account proved its email by
 *                     mail or a provider; absent on service tokens and older tokens, which
 *                     count as unverified. Orders refuses checkout without it.
 *   Verifiers allow 5 seconds of clock skew on exp and nbf, and refuse a token whose iat is
 *   more than 15 minutes old whatever its exp says.
 *
 * Keys: identity publishes its public keys as a JWKS. Services refetch it on an unknown kid at
 * most every 30 s, and every 10 min regardless; so identity publishes a new key at least 30 s
 * before signing with it, and keeps a retired key published until its last token expired.
 *
 * Refresh tokens are opaque random strings, never JWTs: they fail JWT parsing outright, so a
 * leaked refresh token can never be replayed as an access token.
 *
 * Revocation (see revocation.ts) is a Redis denylist read on every authenticated request:
 *   auth:revoked-jti:<jti>     exists              → that token is revoked (logout)
 *   auth:revoked-before:<sub>  epoch seconds (int) → tokens of sub with iat < value are revoked
 *                                                    (logout everywhere, disabled account, role change)
 */

export const ROLES = ['shopper', 'farmer', 'admin', 'service'] as const;
export type Role = (typeof ROLES)[number];

export const DEFAULT_ISSUER = 'fruitables-identity';
export const DEFAULT_AUDIENCE = 'fruitables';
export const ACCESS_TOKEN_TYPE = 'at+jwt';
export const ACCESS_TOKEN_ALGORITHM = 'ES256';
export const ACCESS_TOKEN_LIFETIME_SECONDS = 15 * 60;
export const CLOCK_TOLERANCE_SECONDS = 5;

const SERVICE_SUBJECT = /^service:[a-z][a-z0-9-]{0,62}$/;

/** A scope is `<audience>:<permission>`: lower-case words, so it is safe in a header and a log line. */
const SCOPE = /^[a-z][a-z0-9-]{0,62}:[a-z][a-z0-9:-]{0,62}$/;

/** True when `value` is a well-formed scope such as `catalog:holds`. */
export function isServiceScope(value: string): boolean {
  return SCOPE.test(value);
}

/** The audience a scope belongs to: `catalog:holds` → `catalog`. */
export function scopeAudience(scope: string): string {
  return scope.slice(0, scope.indexOf(':'));
}

/** The `sub` of a service's own token. */
export function serviceSubject(name: string): string {
  const subject = `service:${name}`;
  if (!SERVICE_SUBJECT.test(subject)) throw new RangeError(`not a valid service name: ${name}`);
  return subject;
}

/** Who is calling, as every handler sees it on `c.var.principal`. */
export interface Principal {
  /** Account id (UUID), or `service:<name>` for another service. */
  subject: string;
  roles: Role[];
  /** Farms this principal manages; empty unless a farmer. */
  farmIds: string[];
  /** The token's `aud`, always as a list: "fruitables" for people, the callee service for a service token. */
  audiences: string[];
  /** Scopes granted to a service token (`catalog:holds`); empty for people. */
  scopes: string[];
  /** Whether the account proved its email; false for services and for tokens without the claim. */
  emailVerified: boolean;
  /** The token's `jti`: what logout revokes. */
  tokenId: string;
  issuedAt: Date;
  expiresAt: Date;
}

const epochSeconds = z.number().int().nonnegative();

/** The claims identity puts in every access token (registered claims included). */
export const accessTokenClaimsSchema = z
  .object({
    iss: z.string(),
    aud: z.union([z.string(), z.array(z.string())]),
    sub: z.union([z.uuid(), z.string().regex(SERVICE_SUBJECT)]),
    iat: epochSeconds,
    nbf: epochSeconds,
    exp: epochSeconds,
    jti: z.uuid(),
    roles: z.array(z.enum(ROLES)).min(1),
    farmIds: z.array(z.uuid()),
    scope: z
      .string()
      .max(1024)
      .refine((scope) => scope.split(' ').every(isServiceScope), 'scopes are space-separated <audience>:<permission>')
      .optional(),
    emailVerified: z.boolean().optional(),
  })
  .refine((claims) => claims.sub.startsWith('service:') === claims.roles.includes('service'), {
    message: 'the service role and a service:<name> subject go together',
    path: ['roles'],
  })
  .refine((claims) => !claims.roles.includes('service') || claims.roles.length === 1, {
    message: 'a service token carries no user roles',
    path: ['roles'],
  })
  .refine((claims) => claims.scope === undefined || claims.roles.includes('service'), {
    message: 'only a service token carries scopes',
    path: ['scope'],
  });

export type AccessTokenClaims = z.infer<typeof accessTokenClaimsSchema>;

/** Validated claims → the principal handlers use. Returns undefined when the claims break the contract. */
export function principalFromClaims(payload: unknown): Principal | undefined {
  const parsed = accessTokenClaimsSchema.safeParse(payload);
  if (!parsed.success) return undefined;
  const claims = parsed.data;
  return {
    subject: claims.sub,
    roles: [...new Set(claims.roles)],
    farmIds: [...new Set(claims.farmIds)],
    audiences: typeof claims.aud === 'string' ? [claims.aud] : [...new Set(claims.aud)],
    scopes: claims.scope ? [...new Set(claims.scope.split(' '))] : [],
    emailVerified: claims.emailVerified === true,
    tokenId: claims.jti,
    issuedAt: new Date(claims.iat * 1000),
    expiresAt: new Date(claims.exp * 1000),
  };
}
