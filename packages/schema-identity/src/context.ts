import type { MigrationContext } from '@fruitables/db';

/** The identity schema's migrations, for the migrate Job, the local stack and the test template. */
export const identityContext: MigrationContext = {
  name: 'identity',
  migrationsFolder: new URL('../drizzle', import.meta.url).pathname,
};
