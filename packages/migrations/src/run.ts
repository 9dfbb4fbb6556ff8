import { type MigrationContext, migrateContexts } from '@fruitables/db';
import { platformContexts } from './contexts.ts';

/**
 * Migrates the platform (plus any extra contexts, such as test fixtures). Service role
 * passwords come from `<CONTEXT>_DB_PASSWORD` in the given environment: set in K3s from
 * Secrets, absent locally where the project's own cluster trusts 127.0.0.1.
 */
export async function runMigrations(
  ownerUrl: string,
  env: Record<string, string | undefined>,
  extraContexts: MigrationContext[] = [],
  log?: (message: string, fields: Record<string, unknown>) => void,
): Promise<void> {
  const contexts = [...platformContexts, ...extraContexts];
  const rolePasswords = Object.fromEntries(
    contexts.map((context) => [context.name, env[`${context.name.toUpperCase()}_DB_PASSWORD`]]),
  );
  await migrateContexts({ ownerUrl, contexts, rolePasswords, ...(log ? { log } : {}) });
}
