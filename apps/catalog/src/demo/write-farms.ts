import { farms } from '@fruitables/schema-catalog';
import type { CatalogDb } from '../domain/context.ts';
import type { DemoFarm } from './types.ts';

/**
 * Writes the demo farm profiles. The domain has no "create farm": a farm only comes into
 * being when identity announces FarmerVerified, and its profile has no editing operation
 * yet. Demo farms stand in for farmers identity would have verified, so they are written
 * directly here, all in one transaction, with fixed ids. No manager rows and no event: no
 * real account manages a demo farm, and FarmerVerified (not catalog) is what announces farms.
 * An existing row is left exactly as it is, so a re-run changes nothing.
 */
export async function writeDemoFarms(db: CatalogDb, demo: readonly DemoFarm[], now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(farms)
      .values(
        demo.map((farm) => ({
          id: farm.id,
          name: farm.name,
          regionSido: farm.regionSido,
          regionSigungu: farm.regionSigungu,
          story: farm.story,
          certifications: farm.certifications,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .onConflictDoNothing({ target: farms.id })
      .returning({ id: farms.id });
    return inserted.length;
  });
}
