import { Forbidden, newId } from '@fruitables/core';
import { lockForTransaction } from '@fruitables/db';
import { type AccountRole, accounts, type SocialProvider, socialIdentities } from '@fruitables/schema-identity';
import { and, eq, sql } from 'drizzle-orm';
import type { AccountRevocation } from './access-token-revocation.ts';
import { claimAccount } from './claim-account.ts';
import type { DomainContext, IdentityDb } from './context.ts';
import { normaliseEmail } from './email.ts';
import { insertAccount } from './insert-account.ts';
import type { SocialProfile } from './social-client.ts';

/**
 * How the person got in: an existing link, a new link to a verified account by verified email,
 * an unverified account with that email taken over, or a new shopper.
 */
export type SocialSignInOutcome = 'signed_in' | 'linked_by_email' | 'claimed_unverified' | 'registered';

export interface SocialAccount {
  id: string;
  roles: AccountRole[];
  outcome: SocialSignInOutcome;
  /** The sessions a take-over ended, to apply once the transaction committed. */
  revocation?: AccountRevocation;
}

const fallbackNames: Record<SocialProvider, string> = { kakao: '카카오 회원', naver: '네이버 회원' };

/*
 * An account made from a social sign-in without a verified email still needs a unique email
 * (the column is the password login's key). `.invalid` is reserved (RFC 2606): no one can own
 * the mailbox, no mail is ever delivered, and no sign-up can claim someone's real address this
 * way. Storing an unverified provider email instead would let whoever typed it at the
 * provider lock the real owner out of signing up here.
 */
const placeholderEmail = (accountId: string): string => `${accountId}@social.fruitables.invalid`;

function assertMaySignIn(account: { roles: AccountRole[]; status: string }): void {
  if (account.status !== 'active') {
    throw new Forbidden('This account is disabled. Contact support to have it enabled again.', 'account_disabled');
  }
  // An admin account's strength must not become that of a Kakao or Naver password.
  if (account.roles.includes('admin')) {
    throw new Forbidden('Administrators sign in with their email and password.', 'social_login_not_allowed');
  }
}

async function linkIdentity(tx: IdentityDb, provider: SocialProvider, profile: SocialProfile, accountId: string) {
  await tx.insert(socialIdentities).values({
    provider,
    providerUserId: profile.providerUserId,
    accountId,
    email: profile.email,
    emailVerified: profile.emailVerified,
  });
}

const accountColumns = {
  id: accounts.id,
  roles: accounts.roles,
  status: accounts.status,
  emailVerifiedAt: accounts.emailVerifiedAt,
};

/**
 * Joins a provider identity to the account holding its verified email. An account whose email
 * was never proved may belong to whoever typed that address at sign-up; the provider just proved
 * the mailbox is this person's, so the account is theirs: its password is removed and its
 * sessions end (claimAccount), then the identity is linked.
 */
async function linkByEmail(
  ctx: Pick<DomainContext, 'clock'>,
  tx: IdentityDb,
  provider: SocialProvider,
  profile: SocialProfile,
  existing: { id: string; roles: AccountRole[]; status: string; emailVerifiedAt: Date | null },
): Promise<SocialAccount> {
  assertMaySignIn(existing);
  if (existing.emailVerifiedAt) {
    await linkIdentity(tx, provider, profile, existing.id);
    return { id: existing.id, roles: existing.roles, outcome: 'linked_by_email' };
  }
  await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, existing.id)).for('update');
  const revocation = await claimAccount({ ...ctx, db: tx }, existing.id, null, 'email_claimed_by_provider');
  await linkIdentity(tx, provider, profile, existing.id);
  return { id: existing.id, roles: existing.roles, outcome: 'claimed_unverified', revocation };
}

/**
 * Finds or makes the account a provider's person signs in as, in one transaction:
 * 1. an identity already linked signs in as its account;
 * 2. else a VERIFIED email naming an existing account links to it — if that account never proved
 *    the email itself, it is taken over first (password and sessions removed, see linkByEmail);
 * 3. else a new shopper is registered (no password) and linked, announced with AccountRegistered.
 * An unverified email never links (anyone can type any address at a provider); that person
 * gets their own account. Disabled and admin accounts are refused before anything is written.
 */
export async function resolveSocialAccount(
  ctx: Pick<DomainContext, 'db' | 'clock'>,
  provider: SocialProvider,
  profile: SocialProfile,
): Promise<SocialAccount> {
  return ctx.db.transaction(async (tx) => {
    // Serialise decisions per provider identity: two first sign-ins racing (a double-clicked
    // callback) would otherwise both miss the link and register two accounts.
    await lockForTransaction(tx, 'identity.social_identity', `${provider}:${profile.providerUserId}`);
    const [linked] = await tx
      .select(accountColumns)
      .from(socialIdentities)
      .innerJoin(accounts, eq(accounts.id, socialIdentities.accountId))
      .where(and(eq(socialIdentities.provider, provider), eq(socialIdentities.providerUserId, profile.providerUserId)));
    if (linked) {
      assertMaySignIn(linked);
      return { id: linked.id, roles: linked.roles, outcome: 'signed_in' };
    }

    const verifiedEmail = profile.email && profile.emailVerified ? normaliseEmail(profile.email) : null;
    const byEmail = async (email: string) => {
      const [existing] = await tx.select(accountColumns).from(accounts).where(eq(accounts.email, email));
      return existing;
    };
    const existing = verifiedEmail ? await byEmail(verifiedEmail) : undefined;
    if (existing) return linkByEmail(ctx, tx, provider, profile, existing);

    const id = newId();
    const now = ctx.clock.now();
    const displayName = profile.displayName ?? fallbackNames[provider];
    const created = await insertAccount(tx, {
      id,
      email: verifiedEmail ?? placeholderEmail(id),
      passwordHash: null,
      displayName,
      roles: ['shopper'],
      // The provider verified this address; a placeholder is nobody's mailbox.
      emailVerifiedAt: verifiedEmail ? now : null,
      now,
    });
    if (!created) {
      // A sign-up took the verified email between our read and this insert: same rule, link to it.
      const raced = verifiedEmail ? await byEmail(verifiedEmail) : undefined;
      if (!raced) throw new Error('account insert conflicted on an email that no account holds');
      return linkByEmail(ctx, tx, provider, profile, raced);
    }
    await linkIdentity(tx, provider, profile, id);
    return { id, roles: ['shopper'], outcome: 'registered' };
  });
}
