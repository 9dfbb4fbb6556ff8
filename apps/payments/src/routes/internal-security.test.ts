import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAYMENTS_AUDIENCE } from '../contract/internal-refunds.ts';
import { call, createHarness, type PaymentsHarness } from '../testing/harness.ts';

let h: PaymentsHarness;

interface OpenApiDocument {
  paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
}

interface InternalRoute {
  method: string;
  path: string;
  /** The scopes the document says this route needs (its first service-token requirement). */
  scopes: string[];
}

let internalRoutes: InternalRoute[];

beforeAll(async () => {
  h = await createHarness('payments-internal-security');
  // Every internal route the document lists, by path or by its service-token security, so one added later is covered too.
  const document = (await call(h, 'GET', '/openapi.json')).json as OpenApiDocument;
  internalRoutes = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path: path.replaceAll(/\{[^}]+\}/g, '0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b'),
        scopes: operation.security?.find((requirement) => 'serviceToken' in requirement)?.serviceToken ?? [],
      }))
      .filter((route) => route.path.startsWith('/internal/') || route.scopes.length > 0),
  );
});
afterAll(async () => {
  await h.close();
});

/** Calls every internal route with `token` and lists `METHOD path → status code`. */
async function answers(tokenFor: (route: InternalRoute) => Promise<string | undefined>) {
  return Promise.all(
    internalRoutes.map(async (route) => {
      const token = await tokenFor(route);
      const response = await call(h, route.method, route.path, { ...(token ? { token } : {}), body: {} });
      const { code } = response.problem;
      return `${route.method} ${route.path} → ${response.status} ${code}`;
    }),
  );
}

const expectEveryRoute = async (
  tokenFor: (route: InternalRoute) => Promise<string | undefined>,
  status: number,
  code: string,
) => {
  expect(await answers(tokenFor)).toEqual(
    internalRoutes.map((route) => `${route.method} ${route.path} → ${status} ${code}`),
  );
};

describe('every internal route', () => {
  it('is found in the document, each declaring the scope it needs', () => {
    expect(internalRoutes.length).toBeGreaterThanOrEqual(1);
    for (const route of internalRoutes) expect(route.scopes.length, `${route.method} ${route.path}`).toBeGreaterThan(0);
  });

  it('answers 401 without a token', async () => {
    await expectEveryRoute(async () => undefined, 401, 'token_missing');
  });

  it("answers 403 to a shopper's, a farmer's and an admin's token", async () => {
    await expectEveryRoute(() => h.signer.shopper(), 403, 'service_only');
    await expectEveryRoute(() => h.signer.farmer([crypto.randomUUID()]), 403, 'service_only');
    await expectEveryRoute(() => h.signer.admin(), 403, 'service_only');
  });

  it('refuses a service token minted for another service', async () => {
    // Its audience is not payments': authentication itself refuses it.
    await expectEveryRoute(
      (route) => h.signer.service('orders', { aud: 'catalog', scope: route.scopes.join(' ') }),
      401,
      'token_invalid',
    );
    // A service token for people's audience (no callee): past authentication, refused by the guard.
    await expectEveryRoute(
      (route) => h.signer.service('orders', { scope: route.scopes.join(' ') }),
      403,
      'wrong_audience',
    );
  });

  it('answers 403 insufficient_scope to a service token for payments without the scope', async () => {
    await expectEveryRoute(() => h.signer.service('orders', { aud: PAYMENTS_AUDIENCE }), 403, 'insufficient_scope');
    await expectEveryRoute(
      () => h.signer.service('orders', { aud: PAYMENTS_AUDIENCE, scope: 'payments:unrelated' }),
      403,
      'insufficient_scope',
    );
  });

  it('lets the right token through to the route (which then judges the request itself)', async () => {
    const results = await answers((route) =>
      h.signer.service('storefront', { aud: PAYMENTS_AUDIENCE, scope: route.scopes.join(' ') }),
    );
    for (const result of results) expect(result).not.toMatch(/→ (401|403) /);
  });
});
