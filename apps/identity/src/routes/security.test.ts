import { describeSecuritySuite } from '@fruitables/kit/testing';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type SignedIn, signedInShopper } from '../testing/client.ts';
import { createHarness, type IdentityHarness } from '../testing/harness.ts';

let h: IdentityHarness;
let shopper: SignedIn;

beforeAll(async () => {
  h = await createHarness('security');
  shopper = await signedInShopper(h);
});
afterAll(async () => {
  await h.close();
});

// The shared suite, from identity's own /openapi.json: its tokens are minted with identity's active key.
const suite = describeSecuritySuite('identity', () => h, { minimumProtectedRoutes: 16 });

describe('every protected route, with tokens identity itself issued', () => {
  it('answers 401 to a real token whose payload was altered', async () => {
    const [header, payload, signature] = shopper.accessToken.split('.');
    const forgedClaims = { ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), roles: ['admin'] };
    await suite.expectEveryRouteRefuses(
      `${header}.${Buffer.from(JSON.stringify(forgedClaims)).toString('base64url')}.${signature}`,
    );
  });

  it('answers 401 to a token with the wrong audience, signed with the active key', async () => {
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
    await suite.expectEveryRouteRefuses(token);
  });

  it('answers 401 to a token it issued once it has expired', async () => {
    const expiring = await signedInShopper(h);
    h.clock.advance(16 * 60_000);
    await suite.expectEveryRouteRefuses(expiring.accessToken);
  });

  it('answers 401 to a refresh token used as an access token', async () => {
    const fresh = await signedInShopper(h);
    await suite.expectEveryRouteRefuses(fresh.refreshToken);
  });
});
