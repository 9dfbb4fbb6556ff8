import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, logIn, refresh, signedInShopper } from '../../testing/client.ts';
import { createHarness, type IdentityHarness } from '../../testing/harness.ts';

let h: IdentityHarness;
beforeAll(async () => {
  h = await createHarness('log-out');
});
afterAll(async () => {
  await h.close();
});

const me = (accessToken: string) => call(h, 'GET', '/v1/me', { token: accessToken });
const tryRefresh = (refreshToken: string) => call(h, 'POST', '/v1/sessions/refresh', { body: { refreshToken } });

describe('logout', () => {
  it('ends the session: the refresh token and the access token stop working on the next request', async () => {
    const shopper = await signedInShopper(h);
    const response = await call(h, 'POST', '/v1/sessions/logout', {
      token: shopper.accessToken,
      body: { refreshToken: shopper.refreshToken },
    });
    expect(response.status).toBe(204);
    expect((await me(shopper.accessToken)).status).toBe(401);
    expect((await tryRefresh(shopper.refreshToken)).status).toBe(401);
  });

  it('works with the refresh token alone and still revokes the live access token of the session', async () => {
    const shopper = await signedInShopper(h);
    const rotated = await refresh(h, shopper.refreshToken);
    const response = await call(h, 'POST', '/v1/sessions/logout', { body: { refreshToken: rotated.refreshToken } });
    expect(response.status).toBe(204);
    expect((await me(rotated.accessToken)).status).toBe(401);
  });

  it('leaves the other sessions of the same account alone', async () => {
    const shopper = await signedInShopper(h);
    const otherDevice = await logIn(h, shopper.email, shopper.password);
    await call(h, 'POST', '/v1/sessions/logout', { body: { refreshToken: shopper.refreshToken } });
    expect((await me(otherDevice.accessToken)).status).toBe(200);
    expect((await tryRefresh(otherDevice.refreshToken)).status).toBe(200);
  });

  it('answers 204 for an unknown refresh token', async () => {
    const response = await call(h, 'POST', '/v1/sessions/logout', { body: { refreshToken: 'B'.repeat(43) } });
    expect(response.status).toBe(204);
  });

  it('works when the client also sends its expired access token', async () => {
    const shopper = await signedInShopper(h);
    h.clock.advance(16 * 60_000);
    const response = await call(h, 'POST', '/v1/sessions/logout', {
      token: shopper.accessToken,
      body: { refreshToken: shopper.refreshToken },
    });
    expect(response.status).toBe(204);
    expect((await tryRefresh(shopper.refreshToken)).status).toBe(401);
  });

  it('ignores whatever is sent as an access token: the refresh token decides', async () => {
    const shopper = await signedInShopper(h);
    const response = await call(h, 'POST', '/v1/sessions/logout', {
      token: 'not-a-token',
      body: { refreshToken: shopper.refreshToken },
    });
    expect(response.status).toBe(204);
    expect((await me(shopper.accessToken)).status).toBe(401);
  });

  it('denylists every still-live access token the session issued, not only the newest', async () => {
    const shopper = await signedInShopper(h);
    const rotated = await refresh(h, shopper.refreshToken);
    await call(h, 'POST', '/v1/sessions/logout', { body: { refreshToken: rotated.refreshToken } });
    expect((await me(shopper.accessToken)).status).toBe(401);
    expect((await me(rotated.accessToken)).status).toBe(401);
  });
});

describe('logout everywhere', () => {
  it('kills tokens issued in earlier seconds as well as in this one', async () => {
    const shopper = await signedInShopper(h);
    h.clock.advance(5_000);
    const laptop = await logIn(h, shopper.email, shopper.password);
    await call(h, 'POST', '/v1/sessions/logout-everywhere', { token: laptop.accessToken });
    expect((await me(shopper.accessToken)).status).toBe(401);
    expect((await me(laptop.accessToken)).status).toBe(401);
  });

  it('ends every session and kills every live access token of the account', async () => {
    const shopper = await signedInShopper(h);
    const phone = await logIn(h, shopper.email, shopper.password);
    const laptop = await logIn(h, shopper.email, shopper.password);
    const response = await call(h, 'POST', '/v1/sessions/logout-everywhere', { token: phone.accessToken });
    expect(response.status).toBe(204);
    for (const session of [shopper, phone, laptop]) {
      expect((await me(session.accessToken)).status).toBe(401);
      expect((await tryRefresh(session.refreshToken)).status).toBe(401);
    }
  });

  it('lets the person sign in again at once, in the same second', async () => {
    const shopper = await signedInShopper(h);
    await call(h, 'POST', '/v1/sessions/logout-everywhere', { token: shopper.accessToken });
    const again = await logIn(h, shopper.email, shopper.password);
    expect((await me(again.accessToken)).status).toBe(200);
  });

  it('needs an access token', async () => {
    expect((await call(h, 'POST', '/v1/sessions/logout-everywhere')).status).toBe(401);
  });
});
