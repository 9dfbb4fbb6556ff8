import type { MigrationContext } from '@fruitables/db';

/** The payments schema's migrations, for the migrate Job, the local stack and the test template. */
export const paymentsContext: MigrationContext = {
  name: 'payments',
  migrationsFolder: new URL('../drizzle', import.meta.url).pathname,
};
