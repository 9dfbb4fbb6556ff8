import { newId } from '@fruitables/core';
import { type ClosureScope, closures } from '@fruitables/schema-logistics';
import { desc, eq, gte } from 'drizzle-orm';
import { seoulDateOf } from './calendar/seoul-days.ts';
import type { DomainContext } from './context.ts';
import { closureNotFound } from './errors.ts';

export interface ClosureInput {
  startsOn: string;
  endsOn: string;
  scope: ClosureScope;
  farmId: string | null;
  reason: string;
}

/** Closures that end today or later (the past ones no longer change any promise). */
export async function listClosures(ctx: Pick<DomainContext, 'db' | 'clock'>) {
  return ctx.db
    .select()
    .from(closures)
    .where(gte(closures.endsOn, seoulDateOf(ctx.clock.now())))
    .orderBy(desc(closures.startsOn));
}

/** An admin closes days (a typhoon, a strike): the next promise skips them. Held bookings keep their dates. */
export async function addClosure(ctx: Pick<DomainContext, 'db' | 'clock'>, input: ClosureInput, adminId: string) {
  const [created] = await ctx.db
    .insert(closures)
    .values({ id: newId(), ...input, createdBy: adminId, createdAt: ctx.clock.now() })
    .returning();
  if (!created) throw new Error('insert returned no row');
  return created;
}

export async function removeClosure(ctx: Pick<DomainContext, 'db'>, closureId: string): Promise<void> {
  const removed = await ctx.db.delete(closures).where(eq(closures.id, closureId)).returning({ id: closures.id });
  if (removed.length === 0) throw closureNotFound();
}
