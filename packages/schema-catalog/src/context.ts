import type { MigrationContext } from '@fruitables/db';

/** The catalog schema's migrations, for the migrate Job, the local stack and the test template. */
export const catalogContext: MigrationContext = {
  name: 'catalog',
  migrationsFolder: new URL('../drizzle', import.meta.url).pathname,
  // Trigram search on farm, fruit and variety names (trusted extension; created by the owner).
  extensions: ['pg_trgm'],
};
