// catalog's contract: shapes and operations other services use to call it, free of database code.
export * from './internal-holds.ts';
