import type { Clock } from '@fruitables/core';
import type { Role } from '@fruitables/kit/tokens';
import { SignJWT } from 'jose';
import { SIGNING_ALGORITHM, type SigningKeys } from './signing-keys.ts';

/** 15 minutes: the kit's verifiers also bound a token's age by this, so it is not a tunable. */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 15 * 60;

export interface AccessTokenClaims {
  /** Account id, or `service:<name>`. */
  subject: string;
  roles: Role[];
  farmIds: string[];
  /** A service token's callee; people's tokens get the configured audience. */
  audience?: string;
  /** A service token's granted scopes, space-separated. */
  scope?: string;
  /** Whether the account proved its email; absent on service tokens. */
  emailVerified?: boolean;
}

export interface IssuedAccessToken {
  token: string;
  tokenId: string;
  issuedAt: Date;
  expiresAt: Date;
}

export interface AccessTokenIssuer {
  issue(claims: AccessTokenClaims): Promise<IssuedAccessToken>;
}

export interface AccessTokenIssuerOptions {
  keys: SigningKeys;
  issuer: string;
  audience: string;
  clock: Clock;
}

/** Signs access tokens to the contract in `@fruitables/kit`'s auth claims (ES256, kid, typ at+jwt). */
export function createAccessTokenIssuer(options: AccessTokenIssuerOptions): AccessTokenIssuer {
  return {
    async issue(claims) {
      const issuedAtSeconds = Math.floor(options.clock.now().getTime() / 1000);
      const expiresAtSeconds = issuedAtSeconds + ACCESS_TOKEN_LIFETIME_SECONDS;
      const tokenId = crypto.randomUUID();
      const token = await new SignJWT({
        roles: claims.roles,
        farmIds: claims.farmIds,
        ...(claims.scope === undefined ? {} : { scope: claims.scope }),
        ...(claims.emailVerified === undefined ? {} : { emailVerified: claims.emailVerified }),
      })
        .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: options.keys.active.kid, typ: 'at+jwt' })
        .setIssuer(options.issuer)
        .setAudience(claims.audience ?? options.audience)
        .setSubject(claims.subject)
        .setIssuedAt(issuedAtSeconds)
        .setNotBefore(issuedAtSeconds)
        .setExpirationTime(expiresAtSeconds)
        .setJti(tokenId)
        .sign(options.keys.active.key);
      return {
        token,
        tokenId,
        issuedAt: new Date(issuedAtSeconds * 1000),
        expiresAt: new Date(expiresAtSeconds * 1000),
      };
    },
  };
}
