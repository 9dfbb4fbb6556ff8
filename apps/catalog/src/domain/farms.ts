import type { PlatformEvent } from '@fruitables/events';
import { farms } from '@fruitables/schema-catalog';
import { eq } from 'drizzle-orm';
import type { CatalogDb } from './context.ts';

/**
 * identity verified a farmer: the farm exists from now on. catalog owns the farm's profile
 * from here; who may manage it stays identity's (the `farmIds` claim of the access token), so
 * catalog keeps no copy of the managers. The consumer's inbox makes this run once per event;
 * ON CONFLICT keeps it harmless if identity ever announces the same farm twice.
 */
export async function applyFarmerVerified(tx: CatalogDb, event: PlatformEvent<'FarmerVerified'>): Promise<void> {
  const { farmId, farmName } = event.data;
  await tx.insert(farms).values({ id: farmId, name: farmName }).onConflictDoNothing({ target: farms.id });
}

export async function findFarm(db: CatalogDb, farmId: string) {
  const [farm] = await db.select().from(farms).where(eq(farms.id, farmId));
  return farm;
}
