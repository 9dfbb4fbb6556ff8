import { revokeSubjectBefore, revokeToken } from '@fruitables/kit/tokens';
import { refreshTokenFamilies, refreshTokens } from '@fruitables/schema-identity';
import { and, eq, gt } from 'drizzle-orm';
import { ACCESS_TOKEN_LIFETIME_SECONDS } from './access-tokens.ts';
import type { DomainContext, IdentityDb } from './context.ts';

/*
 * Every access token identity hands a person is recorded next to its refresh token (`jti` and
 * expiry), so ending sessions can denylist exactly the tokens that exist. A per-subject
 * "issued before" cut-off alone cannot do it: `iat` has one-second resolution, so a cut-off that
 * spares nothing issued earlier in the revoking second also kills everything issued later in it
 * (a re-login right after logout-everywhere, a farmer refreshing right after being verified).
 * Here each live token is denylisted by `jti`, and the cut-off is only a backstop for earlier
 * seconds, rounded down so a token issued after the revocation works at once.
 */

export interface LiveAccessToken {
  tokenId: string;
  expiresAt: Date;
}

/** What must be denylisted when an account's tokens are cut off; gathered in a transaction, applied after it. */
export interface AccountRevocation {
  accountId: string;
  /** When the tokens were gathered: tokens from an earlier second than this are all dead. */
  at: Date;
  tokens: LiveAccessToken[];
}

/** The access tokens of one session that have not expired yet. */
export async function liveTokensOfFamily(db: IdentityDb, familyId: string, now: Date): Promise<LiveAccessToken[]> {
  return db
    .select({ tokenId: refreshTokens.accessTokenId, expiresAt: refreshTokens.accessExpiresAt })
    .from(refreshTokens)
    .where(and(eq(refreshTokens.familyId, familyId), gt(refreshTokens.accessExpiresAt, now)));
}

/**
 * Gathers every unexpired access token of an account. Run it inside the transaction that made
 * the change, after the statement that locks the account or its sessions: a login or refresh
 * racing with it then either committed first (and its token is gathered here) or waits and sees
 * the change.
 */
export async function gatherAccountRevocation(
  ctx: Pick<DomainContext, 'clock'> & { db: IdentityDb },
  accountId: string,
): Promise<AccountRevocation> {
  const at = ctx.clock.now();
  const tokens = await ctx.db
    .select({ tokenId: refreshTokens.accessTokenId, expiresAt: refreshTokens.accessExpiresAt })
    .from(refreshTokens)
    .innerJoin(refreshTokenFamilies, eq(refreshTokenFamilies.id, refreshTokens.familyId))
    .where(and(eq(refreshTokenFamilies.accountId, accountId), gt(refreshTokens.accessExpiresAt, at)));
  return { accountId, at, tokens };
}

/** Puts each token on the denylist for the rest of its life; every service's auth middleware checks it. */
export async function denylistTokens(
  ctx: Pick<DomainContext, 'clock' | 'redis'>,
  tokens: readonly LiveAccessToken[],
): Promise<void> {
  const now = ctx.clock.now().getTime();
  await Promise.all(
    tokens.map((token) => revokeToken(ctx.redis, token.tokenId, Math.max(0, token.expiresAt.getTime() - now) / 1000)),
  );
}

/**
 * Applies a revocation: every gathered token by `jti`, and the subject's cut-off at the start
 * of the second it was gathered in. Rounding down is safe because the tokens of that second are
 * already listed by `jti`; rounding up would kill tokens issued after the revocation.
 */
export async function applyAccountRevocation(
  ctx: Pick<DomainContext, 'clock' | 'redis'>,
  revocation: AccountRevocation,
): Promise<void> {
  await denylistTokens(ctx, revocation.tokens);
  await revokeSubjectBefore(
    ctx.redis,
    revocation.accountId,
    Math.floor(revocation.at.getTime() / 1000),
    ACCESS_TOKEN_LIFETIME_SECONDS,
  );
}
