export { createDrizzle, createPostgres, type Postgres, type PostgresOptions } from './connect.ts';
export { isCheckViolation, isUniqueViolation, pgErrorCode } from './errors.ts';
export type { Executor } from './executor.ts';
export { type MigrateOptions, type MigrationContext, migrateContexts, serviceRoleName } from './migrate.ts';
export { postgresReadiness } from './readiness.ts';
export { quoteIdent, withDatabase, withUser } from './urls.ts';
