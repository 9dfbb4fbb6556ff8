import { defineConfig } from 'drizzle-kit';

// `bun x drizzle-kit generate` from this folder writes the next migration into ./drizzle;
// the migrate runner (packages/db) applies it as the fruitables_payments role.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema.ts',
  out: './drizzle',
  schemaFilter: ['payments'],
  strict: true,
  verbose: true,
});
