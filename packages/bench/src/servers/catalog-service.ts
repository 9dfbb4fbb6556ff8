import { newId } from '@fruitables/core';
import { serviceRoleName, withUser } from '@fruitables/db';
import { createTestSigner, type TestSigner } from '@fruitables/kit/testing';
import postgres from 'postgres';
import type { BenchContext } from '../benchmarks/types.ts';
import { type BenchProcess, startServer } from '../process.ts';

/** The real catalog service for a benchmark, with a signer whose tokens it trusts. */
export interface BenchCatalog {
  process: BenchProcess;
  base: string;
  signer: TestSigner;
  /** The database owner: for setting up data faster than the API would (never for the measured part). */
  owner: postgres.Sql;
  /** A farm as FarmerVerified would create it, and a farmer token for it. */
  createFarm(name: string, region?: { sido: string; sigungu: string }): Promise<{ farmId: string; token: string }>;
  stop(): Promise<void>;
}

/**
 * Starts `apps/catalog/src/main.ts` on the benchmark CPU against the benchmark database.
 * Instead of a whole identity service, a JWKS endpoint in this process publishes a test
 * signer's key: catalog verifies tokens exactly as in production (fetches the key set,
 * checks ES256 signatures, asks Redis for revocations), and the benchmark can mint tokens.
 */
export async function startBenchCatalog(
  context: BenchContext,
  env: Record<string, string> = {},
): Promise<BenchCatalog> {
  const signer = await createTestSigner();
  const jwks = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: () => Response.json(signer.jwks) });
  const owner = postgres(context.postgresAdminUrl, { max: 2, onnotice: () => {} });
  let catalog: BenchProcess | undefined;
  try {
    catalog = await startServer(
      new URL('../../../../apps/catalog/src/main.ts', import.meta.url).pathname,
      context.serverCpu,
      {
        DATABASE_URL: withUser(context.postgresAdminUrl, serviceRoleName('catalog')),
        REDIS_URL: context.redisUrl,
        AUTH_JWKS_URL: `http://127.0.0.1:${jwks.port}/.well-known/jwks.json`,
        // The harness waits for the `listening` line; request lines are drained and dropped.
        LOG_LEVEL: 'info',
        ...env,
      },
    );
  } catch (error) {
    await jwks.stop(true);
    await owner.end();
    throw error;
  }
  const started = catalog;
  return {
    process: started,
    base: `http://127.0.0.1:${started.port}`,
    signer,
    owner,
    async createFarm(name, region = { sido: '충청북도', sigungu: '충주시' }) {
      const farmId = newId();
      await owner`insert into catalog.farms (id, name, region_sido, region_sigungu) values (${farmId}, ${name}, ${region.sido}, ${region.sigungu})`;
      return { farmId, token: await signer.farmer([farmId]) };
    },
    async stop() {
      await started.stop();
      await jwks.stop(true);
      await owner.end();
    },
  };
}
