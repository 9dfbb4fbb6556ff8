import type { MigrationContext } from '@fruitables/db';

/** The orders schema's migrations, for the migrate Job, the local stack and the test template. */
export const ordersContext: MigrationContext = {
  name: 'orders',
  migrationsFolder: new URL('../drizzle', import.meta.url).pathname,
};
