import type { PlatformEvent } from '@fruitables/events';
import { farmManagers, farms } from '@fruitables/schema-catalog';
import { eq } from 'drizzle-orm';
import type { CatalogDb } from './context.ts';

/**
 * identity verified a farmer: the farm exists from now on, managed by that account. The
 * consumer's inbox makes this run once per event; ON CONFLICT keeps it harmless if identity
 * ever announces the same farm twice (a second manager linked to an existing farm).
 */
export async function applyFarmerVerified(tx: CatalogDb, event: PlatformEvent<'FarmerVerified'>): Promise<void> {
  const { farmId, farmName, accountId } = event.data;
  await tx.insert(farms).values({ id: farmId, name: farmName }).onConflictDoNothing({ target: farms.id });
  await tx.insert(farmManagers).values({ farmId, accountId }).onConflictDoNothing();
}

export async function findFarm(db: CatalogDb, farmId: string) {
  const [farm] = await db.select().from(farms).where(eq(farms.id, farmId));
  return farm;
}
