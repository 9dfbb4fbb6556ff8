import type { Postgres } from './connect.ts';

/** A `/readyz` check that PostgreSQL answers a query on the service's pool. */
export const postgresReadiness = (sql: Postgres) => ({
  name: 'postgres',
  check: async () => {
    await sql`select 1`;
  },
});
