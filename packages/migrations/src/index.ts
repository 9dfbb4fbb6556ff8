export { platformContexts } from './contexts.ts';
export { runMigrations } from './run.ts';
