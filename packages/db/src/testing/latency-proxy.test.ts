import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing.ts';
import { type LatencyProxy, startLatencyProxy } from './latency-proxy.ts';

describe('the latency proxy tests put between a service and PostgreSQL', () => {
  let database: TestDatabase;
  let proxy: LatencyProxy;
  let sql: postgres.Sql;

  beforeAll(async () => {
    database = await createTestDatabase('latency-proxy');
    proxy = await startLatencyProxy(database.ownerUrl, { minMs: 20, maxMs: 30 });
    sql = postgres(proxy.url(database.ownerUrl), { max: 1, onnotice: () => {} });
    await sql`select 1`;
  });
  afterAll(async () => {
    await sql.end({ timeout: 5 });
    await proxy.close();
    await database.drop();
  });

  it('delays each round trip by at least its minimum both ways, and keeps the protocol intact', async () => {
    const started = performance.now();
    const [row] = await sql<{ n: number; text: string }[]>`select 41 + 1 as n, repeat('사과', 20000) as text`;
    // One query is one round trip: at least 20 ms there and 20 ms back, whatever the machine.
    expect(performance.now() - started).toBeGreaterThanOrEqual(40);
    expect(row?.n).toBe(42);
    expect(row?.text).toBe('사과'.repeat(20000));
  });

  it('keeps a long stream of chunks in order both ways (a reordered byte would garble the text)', async () => {
    // ~300 KB each way in many chunks, each held for a random 20-30 ms: any reordering of
    // chunks would split a 3-byte Hangul character and change the text.
    const sent = '감귤한라봉'.repeat(20_000);
    const [row] = await sql<{ echoed: string }[]>`select ${sent}::text as echoed`;
    expect(row?.echoed).toBe(sent);
  });
});
