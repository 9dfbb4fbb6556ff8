import { serviceRoleName, withUser } from '@fruitables/db';
import { createTestSigner, type TestSigner } from '@fruitables/kit/testing';
import type { BenchContext } from '../benchmarks/types.ts';
import { type BenchProcess, startServer } from '../process.ts';

/** The real logistics service for a benchmark, with a signer whose tokens it trusts. */
export interface BenchLogistics {
  process: BenchProcess;
  base: string;
  signer: TestSigner;
  stop(): Promise<void>;
}

/**
 * Starts `apps/logistics/src/main.ts` on the benchmark CPU against the benchmark database,
 * with a JWKS endpoint in this process in place of identity (as for catalog). No shipment is
 * ever handed to a courier here, so the tracker URL is never called.
 */
export async function startBenchLogistics(
  context: Pick<BenchContext, 'postgresAdminUrl' | 'redisUrl' | 'serverCpu'>,
  env: Record<string, string> = {},
): Promise<BenchLogistics> {
  const signer = await createTestSigner();
  const jwks = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: () => Response.json(signer.jwks) });
  let logistics: BenchProcess | undefined;
  try {
    logistics = await startServer(
      new URL('../../../../apps/logistics/src/main.ts', import.meta.url).pathname,
      context.serverCpu,
      {
        DATABASE_URL: withUser(context.postgresAdminUrl, serviceRoleName('logistics')),
        REDIS_URL: context.redisUrl,
        AUTH_JWKS_URL: `http://127.0.0.1:${jwks.port}/.well-known/jwks.json`,
        LOGISTICS_TRACKER_URL: 'http://127.0.0.1:9/graphql',
        LOG_LEVEL: 'info',
        ...env,
      },
    );
  } catch (error) {
    await jwks.stop(true);
    throw error;
  }
  const started = logistics;
  return {
    process: started,
    base: `http://127.0.0.1:${started.port}`,
    signer,
    async stop() {
      await started.stop();
      await jwks.stop(true);
    },
  };
}
