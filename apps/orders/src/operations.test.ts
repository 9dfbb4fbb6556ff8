import { EnvError, jwksEnvShape, parseEnv, serviceEnvShape, tokenClaimsEnvShape } from '@fruitables/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ordersEnvShape, serviceCredentialsFrom } from './env.ts';
import { call, createHarness, type OrdersHarness } from './testing/harness.ts';

let h: OrdersHarness;
beforeAll(async () => {
  h = await createHarness('operations');
});
afterAll(async () => {
  await h.close();
});

const baseEnv = {
  DATABASE_URL: 'postgres://orders@127.0.0.1/fruitables',
  REDIS_URL: 'redis://127.0.0.1:6379',
  AUTH_JWKS_URL: 'http://127.0.0.1:7101/.well-known/jwks.json',
};
const shape = { ...serviceEnvShape, ...tokenClaimsEnvShape, ...jwksEnvShape, ...ordersEnvShape };

describe('operations', () => {
  it('is healthy and ready, and documents the public API the storefront is written against', async () => {
    expect((await call(h, 'GET', '/healthz')).status).toBe(200);
    expect((await call(h, 'GET', '/readyz')).status).toBe(200);
    const document = (await call(h, 'GET', '/openapi.json')).json as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'POST /v1/cart/price',
        'GET /v1/cart',
        'PUT /v1/cart/items/{offerId}',
        'DELETE /v1/cart/items/{offerId}',
        'POST /v1/cart/merge',
        'POST /v1/checkouts',
        'GET /v1/orders',
        'GET /v1/orders/{orderId}',
        'POST /v1/orders/{orderId}/fulfilments/{fulfilmentId}/cancel',
        'POST /v1/orders/{orderId}/fulfilments/{fulfilmentId}/confirm',
        'GET /v1/farms/{farmId}/fulfilments',
        'POST /v1/farms/{farmId}/fulfilments/{fulfilmentId}/start-packing',
        'POST /v1/farms/{farmId}/fulfilments/{fulfilmentId}/shortages',
        'POST /v1/farms/{farmId}/cancel-requests/{requestId}/accept',
        'POST /v1/farms/{farmId}/cancel-requests/{requestId}/decline',
        'GET /v1/admin/orders',
        'GET /v1/admin/orders/{orderId}',
        'POST /v1/admin/orders/{orderId}/refunds',
        'GET /internal/v1/orders/{orderId}/payable',
      ]),
    );
  });

  it('refuses to boot without the services it calls, naming each', () => {
    try {
      parseEnv(shape, baseEnv);
      expect.unreachable('parsed without CATALOG_URL');
    } catch (error) {
      const problems = (error as EnvError).problems.join('\n');
      for (const name of ['CATALOG_URL', 'LOGISTICS_URL', 'PAYMENTS_URL', 'ORDERS_GIFT_LINK_SECRET']) {
        expect(problems).toContain(name);
      }
    }
    const env = parseEnv(shape, {
      ...baseEnv,
      CATALOG_URL: 'http://127.0.0.1:7102',
      LOGISTICS_URL: 'http://127.0.0.1:7105',
      PAYMENTS_URL: 'http://127.0.0.1:7104',
      ORDERS_GIFT_LINK_SECRET: 'g'.repeat(43),
    });
    expect(env.ORDERS_PAYMENT_WINDOW_SECONDS).toBe(900);
    expect(env.ORDERS_AUTO_COMPLETE_DAYS).toBe(7);
    expect(() => serviceCredentialsFrom(env)).toThrow(EnvError);
    expect(
      serviceCredentialsFrom({
        SERVICE_CLIENT_ID: 'orders',
        SERVICE_CLIENT_SECRET: 'x'.repeat(43),
        IDENTITY_URL: 'http://127.0.0.1:7101',
      }).clientId,
    ).toBe('orders');
  });
});
