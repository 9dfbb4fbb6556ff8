import type { MigrationContext } from '@fruitables/db';

/** The logistics schema's migrations, for the migrate Job, the local stack and the test template. */
export const logisticsContext: MigrationContext = {
  name: 'logistics',
  migrationsFolder: new URL('../drizzle', import.meta.url).pathname,
};
