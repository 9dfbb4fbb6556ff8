import { createTestSigner } from '@fruitables/kit/testing';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, call, type SignedIn, signedInShopper } from '../testing/client.ts';
import { createHarness, type IdentityHarness } from '../testing/harness.ts';

let h: IdentityHarness;
let shopper: SignedIn;
let protectedRoutes: { method: string; path: string }[];

interface OpenApiDocument {
  paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
}

beforeAll(async () => {
  h = await createHarness('security');
  shopper = await signedInShopper(h);
  // Every route the document marks as needing a bearer token, so a route added later is covered too.
  const document = await bodyOf<OpenApiDocument>(await call(h, 'GET', '/openapi.json'));
  protectedRoutes = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([, operation]) => {
        const security = operation.security ?? [];
        const optional = security.some((requirement) => Object.keys(requirement).length === 0);
        return !optional && security.some((requirement) => 'bearerAuth' in requirement);
      })
      .map(([method, _]) => ({
        method: method.toUpperCase(),
        path: path.replaceAll(/\{[^}]+\}/g, '0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b'),
      })),
  );
});
afterAll(async () => {
  await h.close();
});

async function expectEveryProtectedRoute(token: string | undefined, status: number): Promise<void> {
  const results = await Promise.all(
    protectedRoutes.map(async ({ method, path }) => {
      const response = await call(h, method, path, { ...(token ? { token } : {}), body: {} });
      return `${method} ${path} → ${response.status}`;
    }),
  );
  expect(results).toEqual(protectedRoutes.map(({ method, path }) => `${method} ${path} → ${status}`));
}

describe('every protected route', () => {
  it('is more than a handful (the document lists them)', () => {
    expect(protectedRoutes.length).toBeGreaterThanOrEqual(16);
  });

  it('answers 401 without a token', async () => {
    await expectEveryProtectedRoute(undefined, 401);
  });

  it('answers 401 to a token signed by a key identity does not hold', async () => {
    const stranger = await createTestSigner({ clock: h.clock });
    await expectEveryProtectedRoute(await stranger.admin({ sub: shopper.accountId }), 401);
  });

  it('answers 401 to a token whose payload was altered', async () => {
    const [header, , signature] = shopper.accessToken.split('.');
    const forgedClaims = { ...JSON.parse(atob(shopper.accessToken.split('.')[1] ?? '')), roles: ['admin'] };
    const forged = `${header}.${Buffer.from(JSON.stringify(forgedClaims)).toString('base64url')}.${signature}`;
    await expectEveryProtectedRoute(forged, 401);
  });

  it('answers 401 to an unsigned token (alg none) claiming admin', async () => {
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${Buffer.from(
      JSON.stringify({ sub: shopper.accountId, roles: ['admin'], farmIds: [] }),
    ).toString('base64url')}.`;
    await expectEveryProtectedRoute(unsigned, 401);
  });

  it('answers 401 to a token with the wrong audience', async () => {
    const token = await new SignJWT({ roles: ['admin'], farmIds: [] })
      .setProtectedHeader({ alg: 'ES256', kid: h.signingKeys.active.kid, typ: 'at+jwt' })
      .setIssuer('fruitables-identity')
      .setAudience('someone-else')
      .setSubject(shopper.accountId)
      .setIssuedAt()
      .setNotBefore('0s')
      .setExpirationTime('15m')
      .setJti(crypto.randomUUID())
      .sign(h.signingKeys.active.key);
    await expectEveryProtectedRoute(token, 401);
  });

  it('answers 401 to an expired token', async () => {
    const expiring = await signedInShopper(h);
    h.clock.advance(16 * 60_000);
    await expectEveryProtectedRoute(expiring.accessToken, 401);
  });

  it('answers 401 to a refresh token used as an access token', async () => {
    const fresh = await signedInShopper(h);
    await expectEveryProtectedRoute(fresh.refreshToken, 401);
  });
});
