import { createInboxTable, createOutboxTable } from '@fruitables/bus';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { AccountRole, AccountStatus, ApplicationStatus, EmailTokenPurpose, SocialProvider } from './values.ts';

export * from './values.ts';

/** The identity context's own Postgres schema; only the `fruitables_identity` role can touch it. */
export const identity = pgSchema('identity');

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/**
 * Every person who can sign in. Columns named `*_sealed` hold AES-256-GCM envelopes
 * (`v1.<keyId>.<iv>.<ciphertext>`), never plaintext: a database dump or a stray
 * `select *` must not leak phone numbers.
 */
export const accounts = identity.table(
  'accounts',
  {
    id: uuid('id').primaryKey(),
    /** Normalised (trimmed, NFC, lower case) so one mailbox is one account. */
    email: text('email').notNull(),
    /** Null for accounts that only sign in through a social provider (the social-login seam). */
    passwordHash: text('password_hash'),
    displayName: text('display_name').notNull(),
    mobileSealed: text('mobile_sealed'),
    /**
     * When the owner of `email` proved it (a link from our mail, or a provider's verified email).
     * Until then the account signs in but no one can find it or link to it by email, and its
     * tokens say `emailVerified: false`.
     */
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    roles: text('roles').array().$type<AccountRole[]>().notNull().default(sql`'{shopper}'::text[]`),
    status: text('status').$type<AccountStatus>().notNull().default('active'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    disabledReason: text('disabled_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('accounts_email_key').on(table.email),
    check('accounts_roles_known', sql`${table.roles} <@ array['shopper', 'farmer', 'admin']::text[]`),
    check('accounts_status_known', sql`${table.status} in ('active', 'disabled')`),
  ],
);

/** A farm identity creates when it verifies an application; catalog owns everything else about the farm. */
export const farms = identity.table('farms', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

/** Which farms a farmer may act for: the `farmIds` claim of their access token. */
export const accountFarms = identity.table(
  'account_farms',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    farmId: uuid('farm_id')
      .notNull()
      .references(() => farms.id),
    /** The admin who verified or linked; farms are never self-assigned. */
    linkedBy: uuid('linked_by').notNull(),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.accountId, table.farmId] }),
    index('account_farms_farm_idx').on(table.farmId),
  ],
);

export const farmerApplications = identity.table(
  'farmer_applications',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    status: text('status').$type<ApplicationStatus>().notNull().default('pending'),
    farmName: text('farm_name').notNull(),
    representativeName: text('representative_name').notNull(),
    /** Ten digits, checksum-validated; public business registry data, so not sealed. */
    businessRegistrationNumber: text('business_registration_number').notNull(),
    roadAddress: text('road_address').notNull(),
    zoneCode: text('zone_code').notNull(),
    phoneSealed: text('phone_sealed').notNull(),
    bankCode: text('bank_code').notNull(),
    bankAccountNumberSealed: text('bank_account_number_sealed').notNull(),
    /** Only the last four digits, so admins and the applicant can recognise the account without unsealing it. */
    bankAccountLast4: text('bank_account_last4').notNull(),
    bankAccountHolder: text('bank_account_holder').notNull(),
    rejectionReason: text('rejection_reason'),
    farmId: uuid('farm_id').references(() => farms.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by'),
  },
  (table) => [
    // One open application per account: a second submit while one is pending is a conflict, not a queue.
    uniqueIndex('farmer_applications_one_pending').on(table.accountId).where(sql`${table.status} = 'pending'`),
    index('farmer_applications_account_idx').on(table.accountId, table.submittedAt),
    index('farmer_applications_status_idx').on(table.status, table.submittedAt),
    check('farmer_applications_status_known', sql`${table.status} in ('pending', 'verified', 'rejected')`),
  ],
);

export const addresses = identity.table(
  'addresses',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    recipient: text('recipient').notNull(),
    phoneSealed: text('phone_sealed').notNull(),
    roadAddress: text('road_address').notNull(),
    addressDetail: text('address_detail').notNull().default(''),
    zoneCode: text('zone_code').notNull(),
    /** Sealed too: notes carry door codes (공동현관 비밀번호). */
    deliveryNotesSealed: text('delivery_notes_sealed'),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('addresses_account_idx').on(table.accountId, table.createdAt),
    // At most one default per account, enforced by PostgreSQL rather than by careful code.
    uniqueIndex('addresses_one_default').on(table.accountId).where(sql`${table.isDefault}`),
  ],
);

/** One sign-in session: every refresh token rotated from one login shares a family. */
export const refreshTokenFamilies = identity.table(
  'refresh_token_families',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
    /**
     * When the session was started with a verified second factor (TOTP or a recovery code).
     * Only such a session's tokens carry the admin role.
     */
    secondFactorAt: timestamp('second_factor_at', { withTimezone: true }),
  },
  (table) => [index('refresh_token_families_account_idx').on(table.accountId)],
);

export const refreshTokens = identity.table(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey(),
    familyId: uuid('family_id')
      .notNull()
      .references(() => refreshTokenFamilies.id),
    /** SHA-256 of the opaque token (base64url); the token itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    /** The access token issued alongside, so revoking the family can deny it until it expires. */
    accessTokenId: uuid('access_token_id').notNull(),
    accessExpiresAt: timestamp('access_expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('refresh_tokens_hash_key').on(table.tokenHash),
    index('refresh_tokens_family_idx').on(table.familyId),
  ],
);

/**
 * A provider account (Kakao, Naver) linked to one of ours: signing in with it signs in as
 * `account_id`. The provider's user id is the key, never the email: emails change hands and
 * are only trusted once, to decide which account to link to, and only when verified.
 */
export const socialIdentities = identity.table(
  'social_identities',
  {
    provider: text('provider').$type<SocialProvider>().notNull(),
    /** The provider's stable user id (Kakao's number as decimal text, Naver's opaque id). */
    providerUserId: text('provider_user_id').notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    /** What the provider reported when the link was made, for support; sign-in never reads it. */
    email: text('email'),
    emailVerified: boolean('email_verified').notNull().default(false),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.provider, table.providerUserId] }),
    index('social_identities_account_idx').on(table.accountId),
    check('social_identities_provider_known', sql`${table.provider} in ('kakao', 'naver')`),
  ],
);

/**
 * One-time links sent by mail (email verification, password reset). Only the SHA-256 of the
 * token is stored: a database dump yields no usable link. A token works once (`used_at`) and
 * until `expires_at`.
 */
export const emailTokens = identity.table(
  'email_tokens',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    purpose: text('purpose').$type<EmailTokenPurpose>().notNull(),
    /** SHA-256 of the token (base64url). */
    tokenHash: text('token_hash').notNull(),
    /** The address the link was sent to: a token is void once the account's email differs. */
    email: text('email').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('email_tokens_hash_key').on(table.tokenHash),
    index('email_tokens_account_idx').on(table.accountId, table.purpose),
    check('email_tokens_purpose_known', sql`${table.purpose} in ('verify_email', 'reset_password')`),
  ],
);

export const outbox = createOutboxTable(identity);
export const inbox = createInboxTable(identity);

/**
 * An account's TOTP second factor (RFC 6238), required for admins. Secrets are sealed with the
 * field cipher. A new enrolment waits in `pending_*` until a code proves the authenticator app
 * has it; `last_used_step` is the newest 30-second step a code was accepted for, so a code
 * (or an older one still in the window) cannot be used twice.
 */
export const accountTotp = identity.table('account_totp', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id),
  secretSealed: text('secret_sealed'),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  pendingSecretSealed: text('pending_secret_sealed'),
  pendingExpiresAt: timestamp('pending_expires_at', { withTimezone: true }),
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  updatedAt: updatedAt(),
});

/** One-time recovery codes for the second factor: SHA-256 digests only, each usable once. */
export const recoveryCodes = identity.table(
  'recovery_codes',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    codeHash: text('code_hash').notNull(),
    createdAt: createdAt(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (table) => [uniqueIndex('recovery_codes_account_code_key').on(table.accountId, table.codeHash)],
);

/** Every table, for `createDrizzle(sql, identityTables)`; the app uses the query builder, not relational queries. */
export const identityTables = {
  accounts,
  farms,
  accountFarms,
  farmerApplications,
  addresses,
  refreshTokenFamilies,
  refreshTokens,
  socialIdentities,
  emailTokens,
  accountTotp,
  recoveryCodes,
  outbox,
  inbox,
};
