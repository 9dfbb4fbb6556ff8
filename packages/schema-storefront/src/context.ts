import type { MigrationContext } from '@fruitables/db';

/** The storefront schema's migrations, for the migrate Job, the local stack and the test template. */
export const storefrontContext: MigrationContext = {
  name: 'storefront',
  migrationsFolder: new URL('../drizzle', import.meta.url).pathname,
};
