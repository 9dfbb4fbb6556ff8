import { createHash, randomBytes } from 'node:crypto';
import { Conflict, newId } from '@fruitables/core';
import { accountFarms, accounts, refreshTokenFamilies, refreshTokens } from '@fruitables/schema-identity';
import { and, eq, gt, isNull } from 'drizzle-orm';
import {
  type AccountRevocation,
  denylistTokens,
  gatherAccountRevocation,
  liveTokensOfFamily,
} from './access-token-revocation.ts';
import type { DomainContext, IdentityDb } from './context.ts';
import { accountDisabled, invalidRefreshToken } from './errors.ts';
import { secondFactorRequired } from './mfa-errors.ts';
import { sessionRoles } from './mfa-session-roles.ts';

export const REFRESH_TOKEN_LIFETIME_MS = 7 * 24 * 60 * 60_000;

/**
 * How long after a refresh token was used a second use counts as a concurrent duplicate (two
 * tabs, a client retry) rather than a copy. The duplicate gets 409 and no tokens, and the
 * session lives on, so the winner's fresh tokens keep working. A thief replaying within this
 * window gains nothing; replaying later triggers reuse detection as before.
 */
export const REFRESH_DUPLICATE_GRACE_MS = 5_000;

/** What a successful login or refresh hands the client. */
export interface SessionTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

type SessionContext = Pick<DomainContext, 'db' | 'clock' | 'tokens' | 'redis' | 'logger' | 'sessionPolicy'>;

/** 30 days: a stolen refresh token, refreshed every day, still dies with its session. */
export const DEFAULT_SESSION_ABSOLUTE_LIFETIME_MS = 30 * 24 * 60 * 60_000;

interface SessionAccount {
  id: string;
  roles: ('shopper' | 'farmer' | 'admin')[];
  emailVerifiedAt: Date | null;
}

/** Refresh tokens are looked up by this digest; a stolen database yields no usable token. */
export const hashRefreshToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

/** The claims an account's access token carries, read fresh so role and farm changes apply at the next refresh. */
async function accountClaims(db: IdentityDb, account: SessionAccount) {
  const farms = await db
    .select({ farmId: accountFarms.farmId })
    .from(accountFarms)
    .where(eq(accountFarms.accountId, account.id))
    .orderBy(accountFarms.linkedAt);
  return {
    subject: account.id,
    roles: account.roles,
    farmIds: farms.map((farm) => farm.farmId),
    emailVerified: account.emailVerifiedAt !== null,
  };
}

/** Issues an access token and a refresh token in `familyId`, recording the pair. */
async function issuePair(
  ctx: SessionContext,
  db: IdentityDb,
  family: { id: string; createdAt: Date },
  account: SessionAccount,
): Promise<SessionTokens> {
  const access = await ctx.tokens.issue(await accountClaims(db, account));
  const refreshToken = randomBytes(32).toString('base64url');
  const issuedAt = ctx.clock.now();
  // Sliding 7 days, but never past the session's absolute end.
  const refreshTokenExpiresAt = new Date(
    Math.min(
      issuedAt.getTime() + REFRESH_TOKEN_LIFETIME_MS,
      family.createdAt.getTime() + ctx.sessionPolicy.absoluteLifetimeMs,
    ),
  );
  await db.insert(refreshTokens).values({
    id: newId(),
    familyId: family.id,
    tokenHash: hashRefreshToken(refreshToken),
    issuedAt,
    expiresAt: refreshTokenExpiresAt,
    accessTokenId: access.tokenId,
    accessExpiresAt: access.expiresAt,
  });
  return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, refreshTokenExpiresAt };
}

/**
 * Locks the account row against a concurrent disable or role change until the caller's
 * transaction ends (FOR SHARE: logins and refreshes of one account do not wait for each other)
 * and reads its current roles. A disable that committed meanwhile is seen here.
 */
async function lockActiveAccount(tx: IdentityDb, accountId: string) {
  const [account] = await tx
    .select({
      id: accounts.id,
      roles: accounts.roles,
      status: accounts.status,
      emailVerifiedAt: accounts.emailVerifiedAt,
    })
    .from(accounts)
    .where(eq(accounts.id, accountId))
    .for('share');
  return account?.status === 'active' ? account : undefined;
}

/**
 * A new session (refresh token family) for an account that just proved who it is. The proof
 * (argon2, a provider round trip) takes a while; the account is checked again here, under a
 * lock, so a disable that landed meanwhile refuses the login instead of racing it: either the
 * disable waits for this transaction and then revokes the new session, or this sees the disable.
 */
export async function startSession(
  ctx: SessionContext,
  account: { id: string },
  proof: { secondFactorAt?: Date } = {},
): Promise<SessionTokens> {
  return ctx.db.transaction(async (tx) => {
    const current = await lockActiveAccount(tx, account.id);
    if (!current) throw accountDisabled();
    const secondFactorAt = proof.secondFactorAt ?? null;
    const roles = sessionRoles(current.roles, secondFactorAt);
    if (!roles) throw secondFactorRequired();
    const family = { id: newId(), createdAt: ctx.clock.now() };
    await tx.insert(refreshTokenFamilies).values({ ...family, accountId: current.id, secondFactorAt });
    return issuePair(ctx, tx, family, { ...current, roles });
  });
}

/**
 * Ends a session: marks the family revoked and denylists the access tokens it issued that are
 * still alive. Redis is written inside the transaction, so a Redis failure rolls the whole
 * revocation back (and the caller retries) rather than leaving live tokens of a "revoked" family.
 * The family row is locked first, so a refresh racing with this either finishes before (and
 * its new access token is seen and denied here) or sees the family revoked.
 */
async function revokeFamily(ctx: SessionContext, tx: IdentityDb, familyId: string, reason: string): Promise<void> {
  const now = ctx.clock.now();
  await tx
    .update(refreshTokenFamilies)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(refreshTokenFamilies.id, familyId), isNull(refreshTokenFamilies.revokedAt)));
  await denylistTokens(ctx, await liveTokensOfFamily(tx, familyId, now));
}

type RotationOutcome =
  | { kind: 'rotated'; tokens: SessionTokens }
  | { kind: 'invalid' }
  | { kind: 'duplicate' }
  | { kind: 'reused'; familyId: string; accountId: string | undefined };

/**
 * Trades a refresh token for a new pair. The claim is one conditional UPDATE (`used_at is
 * null`): of two requests racing with the same token, PostgreSQL lets exactly one set it,
 * and the other finds it used. Within REFRESH_DUPLICATE_GRACE_MS that is a concurrent
 * duplicate (409). Later, a used token coming back means it was copied: the whole family is
 * revoked (the thief's and the owner's tokens alike) and the event is logged.
 */
export async function rotateRefreshToken(ctx: SessionContext, presented: string): Promise<SessionTokens> {
  const tokenHash = hashRefreshToken(presented);
  const outcome = await ctx.db.transaction(async (tx): Promise<RotationOutcome> => {
    const now = ctx.clock.now();
    const [claimed] = await tx
      .update(refreshTokens)
      .set({ usedAt: now })
      .where(
        and(eq(refreshTokens.tokenHash, tokenHash), isNull(refreshTokens.usedAt), gt(refreshTokens.expiresAt, now)),
      )
      .returning({ familyId: refreshTokens.familyId });
    if (!claimed) {
      const [known] = await tx
        .select({
          familyId: refreshTokens.familyId,
          usedAt: refreshTokens.usedAt,
          accountId: refreshTokenFamilies.accountId,
          familyRevokedAt: refreshTokenFamilies.revokedAt,
        })
        .from(refreshTokens)
        .innerJoin(refreshTokenFamilies, eq(refreshTokenFamilies.id, refreshTokens.familyId))
        .where(eq(refreshTokens.tokenHash, tokenHash));
      if (!known?.usedAt) return { kind: 'invalid' };
      const sinceUse = now.getTime() - known.usedAt.getTime();
      if (!known.familyRevokedAt && sinceUse <= REFRESH_DUPLICATE_GRACE_MS) return { kind: 'duplicate' };
      await revokeFamily(ctx, tx, known.familyId, 'reuse');
      return { kind: 'reused', familyId: known.familyId, accountId: known.accountId };
    }
    const [owner] = await tx
      .select({ accountId: refreshTokenFamilies.accountId })
      .from(refreshTokenFamilies)
      .where(eq(refreshTokenFamilies.id, claimed.familyId));
    if (!owner) return { kind: 'invalid' };
    // Account before family, the order a disable takes them in, so the two cannot deadlock.
    const account = await lockActiveAccount(tx, owner.accountId);
    if (!account) return { kind: 'invalid' };
    // Lock the family (a concurrent logout waits for this refresh, then sees its new token).
    const [family] = await tx
      .select({
        revokedAt: refreshTokenFamilies.revokedAt,
        createdAt: refreshTokenFamilies.createdAt,
        secondFactorAt: refreshTokenFamilies.secondFactorAt,
      })
      .from(refreshTokenFamilies)
      .where(eq(refreshTokenFamilies.id, claimed.familyId))
      .for('update');
    if (!family || family.revokedAt) return { kind: 'invalid' };
    if (now.getTime() - family.createdAt.getTime() >= ctx.sessionPolicy.absoluteLifetimeMs) {
      // The sliding window alone would let a session live forever; past its absolute end, sign in again.
      await revokeFamily(ctx, tx, claimed.familyId, 'absolute_lifetime');
      return { kind: 'invalid' };
    }
    // An account made admin after this session began does not gain the role without a second factor.
    const roles = sessionRoles(account.roles, family.secondFactorAt);
    if (!roles) return { kind: 'invalid' };
    const tokens = await issuePair(
      ctx,
      tx,
      { id: claimed.familyId, createdAt: family.createdAt },
      { ...account, roles },
    );
    return { kind: 'rotated', tokens };
  });
  if (outcome.kind === 'rotated') return outcome.tokens;
  if (outcome.kind === 'duplicate') {
    throw new Conflict(
      'This refresh token was used a moment ago by another request; use the tokens that request received.',
      'refresh_token_just_used',
    );
  }
  if (outcome.kind === 'reused') {
    ctx.logger.warn(
      { securityEvent: 'refresh_token_reuse', familyId: outcome.familyId, accountId: outcome.accountId },
      'refresh token reuse',
    );
  }
  throw invalidRefreshToken();
}

/** Logout: revokes the session the refresh token belongs to. Unknown tokens are ignored, so logout is idempotent. */
export async function endSession(ctx: SessionContext, presented: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [known] = await tx
      .select({ familyId: refreshTokens.familyId })
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, hashRefreshToken(presented)));
    if (known) await revokeFamily(ctx, tx, known.familyId, 'logout');
  });
}

/**
 * Ends every session of an account in `db` (pass the caller's transaction) and gathers its live
 * access tokens. Apply the result with `applyAccountRevocation` once the transaction commits:
 * denylisting tokens of a change that then rolls back would log people out for nothing.
 */
export async function endAllSessions(
  ctx: Pick<DomainContext, 'clock'> & { db: IdentityDb },
  accountId: string,
  reason: string,
): Promise<AccountRevocation> {
  // Locks the families first: a refresh holding one finishes, and its new token is gathered below.
  await ctx.db
    .update(refreshTokenFamilies)
    .set({ revokedAt: ctx.clock.now(), revokedReason: reason })
    .where(and(eq(refreshTokenFamilies.accountId, accountId), isNull(refreshTokenFamilies.revokedAt)));
  return gatherAccountRevocation(ctx, accountId);
}
