import {
  EnvError,
  jwksEnvShape,
  metricsHandler,
  parseEnv,
  serviceEnvShape,
  tokenClaimsEnvShape,
} from '@fruitables/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogEnvShape } from './env.ts';
import { type CatalogHarness, call, createHarness } from './testing/harness.ts';

let h: CatalogHarness;
let consumerRunning = true;
beforeAll(async () => {
  h = await createHarness('catalog-ops', { consumer: { isRunning: () => consumerRunning } });
});
afterAll(async () => {
  await h.close();
});

const baseEnv = { DATABASE_URL: 'postgres://catalog@127.0.0.1/fruitables', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('operations', () => {
  it('is ready only while its FarmerVerified consumer runs', async () => {
    expect((await call(h, 'GET', '/healthz')).status).toBe(200);
    expect((await call(h, 'GET', '/readyz')).status).toBe(200);
    consumerRunning = false;
    expect((await call(h, 'GET', '/readyz')).status).toBe(503);
    consumerRunning = true;
    expect((await call(h, 'GET', '/metrics')).status).toBe(404);
    const metrics = await metricsHandler(h.registry)(new Request('http://metrics/metrics'));
    expect(await metrics.text()).toContain('# TYPE');
  });

  it('documents every route with an example response in OpenAPI', async () => {
    const response = await call(h, 'GET', '/openapi.json');
    const raw = response.text;
    if (response.status !== 200) throw new Error(raw.slice(0, 2000));
    const document = JSON.parse(raw) as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
      >;
    };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'GET /v1/products',
        'GET /v1/products/{productId}',
        'GET /v1/farms/{farmId}',
        'GET /v1/farms/{farmId}/lots/{lotCode}',
        'POST /v1/farms/{farmId}/products',
        'PATCH /v1/farms/{farmId}/products/{productId}',
        'POST /v1/farms/{farmId}/products/{productId}/offers',
        'PATCH /v1/farms/{farmId}/offers/{offerId}',
        'POST /v1/farms/{farmId}/offers/{offerId}/lots',
        'POST /internal/v1/holds',
        'POST /internal/v1/holds/{holdId}/confirm',
        'POST /internal/v1/holds/{holdId}/release',
      ]),
    );
    const text = JSON.stringify(document);
    expect(text).toContain('"example":39000');
    expect(text).toContain('CJ-2611-01');
  });

  it('refuses to boot without AUTH_JWKS_URL (it verifies tokens), naming it', () => {
    // The shapes runService parses for a service with `verifiesTokens` (see main.ts).
    const shape = { ...serviceEnvShape, ...tokenClaimsEnvShape, ...jwksEnvShape, ...catalogEnvShape };
    expect(() => parseEnv(shape, baseEnv)).toThrow(EnvError);
    try {
      parseEnv(shape, baseEnv);
    } catch (error) {
      expect((error as EnvError).problems.join('\n')).toMatch(/AUTH_JWKS_URL is required/);
    }
    const env = parseEnv(shape, { ...baseEnv, AUTH_JWKS_URL: 'http://127.0.0.1:7101/.well-known/jwks.json' });
    expect(env.CATALOG_HOLD_TTL_SECONDS).toBe(900);
    expect(env.AUTH_ISSUER).toBe('fruitables-identity');
    expect(env.DB_POOL_MAX).toBe(10);
  });
});
