import { Conflict, ValidationFailed } from '@fruitables/core';
import { holds } from '@fruitables/schema-catalog';
import { eq } from 'drizzle-orm';
import type { DomainContext } from './context.ts';
import { holdNotFound } from './errors.ts';
import { type HoldView, loadHold } from './hold-views.ts';

/** The longest a hold may be kept: a virtual account's due date is days, not weeks, away. */
export const MAX_HOLD_EXTENSION_MS = 7 * 86_400_000;

/**
 * Keeps a live hold until `expiresAt` (a payment by virtual account waits for its deposit). A
 * hold is never shortened, so a repeated or late request changes nothing; a hold past its TTL
 * is refused like a confirm, since the sweep may already have given its boxes to someone else.
 */
export async function extendHold(
  ctx: Pick<DomainContext, 'db' | 'clock'>,
  holdId: string,
  expiresAt: Date,
): Promise<HoldView> {
  const now = ctx.clock.now();
  if (expiresAt.getTime() <= now.getTime() || expiresAt.getTime() > now.getTime() + MAX_HOLD_EXTENSION_MS) {
    throw new ValidationFailed('expiresAt must be in the future and at most 7 days ahead.', [
      { field: 'expiresAt', message: 'between now and 7 days from now' },
    ]);
  }
  return ctx.db.transaction(async (tx) => {
    const [hold] = await tx
      .select({ status: holds.status, expiresAt: holds.expiresAt })
      .from(holds)
      .where(eq(holds.id, holdId))
      .for('update');
    if (!hold) throw holdNotFound();
    if (hold.status === 'confirmed') return loadHold(tx, holdId);
    if (hold.status !== 'held') throw new Conflict(`This hold was already ${hold.status}.`, 'hold_not_live');
    if (hold.expiresAt <= now) throw new Conflict('This hold expired before it was extended.', 'hold_expired');
    if (expiresAt > hold.expiresAt) await tx.update(holds).set({ expiresAt }).where(eq(holds.id, holdId));
    return loadHold(tx, holdId);
  });
}
