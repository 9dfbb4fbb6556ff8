import { farmNotFound } from '@fruitables/core';
import { type Certification, farms } from '@fruitables/schema-catalog';
import { eq } from 'drizzle-orm';
import type { DomainContext } from './context.ts';
import { publishCatalogEvent } from './events.ts';

export interface FarmProfileChanges {
  name?: string;
  regionSido?: string;
  regionSigungu?: string;
  story?: string;
  certifications?: Certification[];
}

export type Farm = typeof farms.$inferSelect;
type ChangedPart = 'name' | 'region' | 'story' | 'certifications';

function changedParts(before: Farm, after: Farm): ChangedPart[] {
  const parts: ChangedPart[] = [];
  if (before.name !== after.name) parts.push('name');
  if (before.regionSido !== after.regionSido || before.regionSigungu !== after.regionSigungu) parts.push('region');
  if (before.story !== after.story) parts.push('story');
  if (JSON.stringify(before.certifications) !== JSON.stringify(after.certifications)) parts.push('certifications');
  return parts;
}

/**
 * Edits the public farm profile and announces FarmUpdated with the whole new profile, once
 * per real change (an edit that changes nothing announces nothing, so pages are not rebuilt
 * for a farmer pressing "save" twice).
 */
export async function updateFarmProfile(
  ctx: Pick<DomainContext, 'db' | 'clock'>,
  farmId: string,
  changes: FarmProfileChanges,
): Promise<Farm> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(farms).where(eq(farms.id, farmId)).for('update');
    if (!before) throw farmNotFound();
    const [after] = await tx
      .update(farms)
      .set({ ...changes, updatedAt: now })
      .where(eq(farms.id, farmId))
      .returning();
    if (!after) throw farmNotFound();
    const changed = changedParts(before, after);
    if (changed.length === 0) return after;
    await publishCatalogEvent(tx, {
      type: 'FarmUpdated',
      aggregateId: farmId,
      occurredAt: now,
      data: {
        farmId,
        name: after.name,
        regionSido: after.regionSido,
        regionSigungu: after.regionSigungu,
        story: after.story,
        certifications: after.certifications,
        changed,
        updatedAt: now.toISOString(),
      },
    });
    return after;
  });
}
