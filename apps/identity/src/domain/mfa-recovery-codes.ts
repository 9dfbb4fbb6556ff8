import { createHash, randomBytes } from 'node:crypto';
import { newId } from '@fruitables/core';
import { recoveryCodes } from '@fruitables/schema-identity';
import { and, eq, isNull } from 'drizzle-orm';
import type { IdentityDb } from './context.ts';

export const RECOVERY_CODE_COUNT = 10;

// Crockford-style base32 without I, L, O, U: nothing to misread on paper.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 16 characters, 80 random bits, shown as XXXX-XXXX-XXXX-XXXX. */
function newRecoveryCode(): string {
  const bytes = randomBytes(16);
  const characters = Array.from(bytes, (byte) => ALPHABET[byte % 32]).join('');
  return characters.match(/.{4}/g)?.join('-') ?? characters;
}

/**
 * Codes are random (80 bits), not chosen by people, so a fast digest is enough: nobody can
 * guess their way back from it. Dashes, spaces and case do not matter when one is typed back.
 */
export const hashRecoveryCode = (code: string): string =>
  createHash('sha256')
    .update(code.toUpperCase().replace(/[^0-9A-Z]/g, ''))
    .digest('base64url');

/** Replaces an account's recovery codes with ten new ones (in the caller's transaction); returns them, for showing once. */
export async function replaceRecoveryCodes(db: IdentityDb, accountId: string, now: Date): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId));
  await db
    .insert(recoveryCodes)
    .values(codes.map((code) => ({ id: newId(), accountId, codeHash: hashRecoveryCode(code), createdAt: now })));
  return codes;
}

/**
 * Spends one recovery code. A single conditional UPDATE (`used_at is null`): of two requests
 * racing with one code, PostgreSQL lets exactly one mark it used.
 */
export async function useRecoveryCode(db: IdentityDb, accountId: string, code: string, now: Date): Promise<boolean> {
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(recoveryCodes.accountId, accountId),
        eq(recoveryCodes.codeHash, hashRecoveryCode(code)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return used.length > 0;
}
