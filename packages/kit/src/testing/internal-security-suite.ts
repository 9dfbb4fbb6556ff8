import { beforeAll, describe, expect, it } from 'vitest';
import type { OpenApiDocument } from './openapi-operations.ts';
import type { SecurityTarget } from './security-suite.ts';

export interface InternalSecuritySuiteOptions {
  /** The audience other services' tokens for this service carry (its contract's `<SERVICE>_AUDIENCE`). */
  audience: string;
  /** The suite fails unless the document lists at least this many internal routes. */
  minimumInternalRoutes: number;
}

interface InternalRoute {
  method: string;
  path: string;
  /** The scopes the document says this route needs (its first service-token requirement). */
  scopes: string[];
}

const ANY_ID = '0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b';

/** Every internal route the document lists, by path or by its service-token security, so one added later is covered too. */
function internalRoutesOf(document: OpenApiDocument): InternalRoute[] {
  const paths = document.paths as Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
  return Object.entries(paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path: path.replaceAll(/\{[^}]+\}/g, ANY_ID),
        scopes: operation.security?.find((requirement) => 'serviceToken' in requirement)?.serviceToken ?? [],
      }))
      .filter((route) => route.path.startsWith('/internal/') || route.scopes.length > 0),
  );
}

/**
 * The internal routes' suite, generated from the service's own `/openapi.json` like the
 * security suite: every route under `/internal/` (or declaring `serviceTokenSecurity`) must
 * refuse no token, people's tokens, a service token minted for another service or for no
 * callee, and one without the route's scope — and let the right one through to the route.
 */
export function describeInternalSecuritySuite(
  service: string,
  target: () => SecurityTarget,
  options: InternalSecuritySuiteOptions,
): void {
  let internalRoutes: InternalRoute[] = [];
  // Some other service's audience, so a token for it is well signed but not for this one.
  const otherAudience = options.audience === 'payments' ? 'catalog' : 'payments';

  async function answers(tokenFor: (route: InternalRoute) => Promise<string | undefined>) {
    return Promise.all(
      internalRoutes.map(async (route) => {
        const token = await tokenFor(route);
        const response = await target().client.request(route.method, route.path, {
          ...(token ? { token } : {}),
          json: {},
        });
        return `${route.method} ${route.path} → ${response.status} ${response.problem.code}`;
      }),
    );
  }

  async function expectEveryRoute(
    tokenFor: (route: InternalRoute) => Promise<string | undefined>,
    status: number,
    code: string,
  ) {
    expect(await answers(tokenFor)).toEqual(
      internalRoutes.map((route) => `${route.method} ${route.path} → ${status} ${code}`),
    );
  }

  describe(`${service}: every internal route in the OpenAPI document`, () => {
    beforeAll(async () => {
      const response = await target().client.get('/openapi.json');
      expect(response.status).toBe(200);
      internalRoutes = internalRoutesOf(response.json as OpenApiDocument);
    });

    it('is found in the document, each declaring the scope it needs', () => {
      expect(internalRoutes.length).toBeGreaterThanOrEqual(options.minimumInternalRoutes);
      for (const route of internalRoutes)
        expect(route.scopes.length, `${route.method} ${route.path}`).toBeGreaterThan(0);
    });

    it('answers 401 without a token', async () => {
      await expectEveryRoute(async () => undefined, 401, 'token_missing');
    });

    it("answers 403 to a shopper's, a farmer's and an admin's token", async () => {
      const { signer } = target();
      await expectEveryRoute(() => signer.shopper(), 403, 'service_only');
      await expectEveryRoute(() => signer.farmer([crypto.randomUUID()]), 403, 'service_only');
      await expectEveryRoute(() => signer.admin(), 403, 'service_only');
    });

    it('refuses a service token minted for another service, or for no callee', async () => {
      const { signer } = target();
      // Its audience is another service's: authentication itself refuses it.
      await expectEveryRoute(
        (route) => signer.service('orders', { aud: otherAudience, scope: route.scopes.join(' ') }),
        401,
        'token_invalid',
      );
      // A service token for people's audience (no callee): past authentication, refused by the guard.
      await expectEveryRoute(
        (route) => signer.service('orders', { scope: route.scopes.join(' ') }),
        403,
        'wrong_audience',
      );
    });

    it(`answers 403 insufficient_scope to a service token for ${service} without the scope`, async () => {
      const { signer } = target();
      await expectEveryRoute(() => signer.service('orders', { aud: options.audience }), 403, 'insufficient_scope');
      await expectEveryRoute(
        () => signer.service('orders', { aud: options.audience, scope: `${service}:unrelated` }),
        403,
        'insufficient_scope',
      );
    });

    it('lets the right token through to the route (which then judges the request itself)', async () => {
      const results = await answers((route) =>
        target().signer.service('storefront', { aud: options.audience, scope: route.scopes.join(' ') }),
      );
      for (const result of results) expect(result).not.toMatch(/→ (401|403) /);
    });
  });
}
