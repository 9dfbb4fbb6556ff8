import { accounts, outbox, socialIdentities } from '@fruitables/schema-identity';
import { and, eq } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, logIn, signUp } from '../../testing/client.ts';
import { createHarness, type IdentityHarness, uniqueEmail } from '../../testing/harness.ts';
import {
  kakaoPerson,
  naverPerson,
  returnFromProvider,
  sessionFromRedirect,
  signInWith,
  startSocialLogin,
  TEST_REDIRECT_BASE,
  visitProvider,
} from '../../testing/social-client.ts';
import { type StandInProvider, startStandInProvider } from '../../testing/stand-in-provider.ts';

let h: IdentityHarness;
let standIn: StandInProvider;
beforeAll(async () => {
  standIn = startStandInProvider();
  h = await createHarness('social-login', { social: standIn.config({ redirectBase: TEST_REDIRECT_BASE }) });
});
afterAll(async () => {
  await h.close();
  await standIn.stop();
});

const subjectOf = (accessToken: string): string => String(decodeJwt(accessToken).sub);

async function accountOf(accessToken: string) {
  const [account] = await h.db
    .select()
    .from(accounts)
    .where(eq(accounts.id, subjectOf(accessToken)));
  if (!account) throw new Error('no account for the token');
  return account;
}

/** As if the owner had followed our verification mail (that flow has its own tests). */
async function markVerified(email: string) {
  await h.db.update(accounts).set({ emailVerifiedAt: h.clock.now() }).where(eq(accounts.email, email));
}

const registeredEventsFor = async (accountId: string) =>
  (await h.db.select().from(outbox).where(eq(outbox.type, 'AccountRegistered'))).filter(
    (event) => event.envelope.aggregateId === accountId,
  );

describe('the providers list', () => {
  it('names each configured provider with the start URL the storefront links to', async () => {
    const response = await call(h, 'GET', '/v1/social/providers');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      providers: [
        { id: 'kakao', name: '카카오', startUrl: `${TEST_REDIRECT_BASE}/v1/social/kakao/start` },
        { id: 'naver', name: '네이버', startUrl: `${TEST_REDIRECT_BASE}/v1/social/naver/start` },
      ],
    });
  });
});

describe('starting a social sign-in', () => {
  it('sends Kakao a state, our callback and a PKCE S256 challenge, and sets a browser binding cookie', async () => {
    const response = await call(h, 'GET', '/v1/social/kakao/start?returnTo=%2Forders');
    expect(response.status).toBe(302);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const location = new URL(response.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(`${standIn.url}/oauth/authorize`);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: standIn.credentials.kakao.clientId,
      redirect_uri: `${TEST_REDIRECT_BASE}/v1/social/kakao/callback`,
      code_challenge_method: 'S256',
    });
    expect(location.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(location.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-fruitables-social-login=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('Max-Age=600');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('SameSite=Lax');
  });

  it('sends Naver a state and no PKCE parameters, which Naver does not support', async () => {
    const { authorizationUrl } = await startSocialLogin(h, 'naver');
    expect(authorizationUrl.pathname).toBe('/oauth2.0/authorize');
    expect(authorizationUrl.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorizationUrl.searchParams.get('redirect_uri')).toBe(`${TEST_REDIRECT_BASE}/v1/social/naver/callback`);
    expect(authorizationUrl.searchParams.has('code_challenge')).toBe(false);
  });
});

describe('signing in with Kakao', () => {
  it('registers a new shopper without a password, links the identity and lands on returnTo with a session', async () => {
    const person = kakaoPerson({ nickname: '김사과', email: uniqueEmail('kakao'), emailVerified: true });
    const response = await signInWith(h, standIn, 'kakao', person, '/orders?tab=recent');
    expect(response.status).toBe(302);
    expect(response.headers.get('cache-control')).toBe('no-store');
    // The binding cookie is spent.
    expect(response.headers.get('set-cookie')).toMatch(/^__Host-fruitables-social-login=;.*Max-Age=0/);
    const session = sessionFromRedirect(response);
    expect(session.path).toBe('/orders?tab=recent');
    expect(session.expiresIn).toBeGreaterThanOrEqual(899);
    expect(session.expiresIn).toBeLessThanOrEqual(900);
    expect(decodeJwt(session.accessToken)).toMatchObject({ roles: ['shopper'], farmIds: [] });

    const me = (await call(h, 'GET', '/v1/me', { token: session.accessToken })).json;
    expect(me).toMatchObject({ email: person.email, displayName: '김사과', roles: ['shopper'] });
    const account = await accountOf(session.accessToken);
    expect(account.passwordHash).toBeNull();
    const links = await h.db.select().from(socialIdentities).where(eq(socialIdentities.accountId, account.id));
    expect(links).toMatchObject([{ provider: 'kakao', providerUserId: person.id, emailVerified: true }]);

    // The same session as a password login: it refreshes like one.
    const refreshed = await call(h, 'POST', '/v1/sessions/refresh', { body: { refreshToken: session.refreshToken } });
    expect(refreshed.status).toBe(200);
  });

  it('sent the PKCE verifier and the client secret in the token request', async () => {
    await signInWith(h, standIn, 'kakao', kakaoPerson());
    const last = standIn.tokenRequests.at(-1);
    expect(last?.provider).toBe('kakao');
    expect(last?.form.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(last?.form.get('client_secret')).toBe(standIn.credentials.kakao.clientSecret);
  });

  it('announces the new account with AccountRegistered, like sign-up, without email or tokens', async () => {
    const person = kakaoPerson({ nickname: '이배', email: uniqueEmail('event'), emailVerified: true });
    const session = sessionFromRedirect(await signInWith(h, standIn, 'kakao', person));
    const accountId = subjectOf(session.accessToken);
    const events = await registeredEventsFor(accountId);
    expect(events).toHaveLength(1);
    expect(events[0]?.envelope.data).toMatchObject({ accountId, roles: ['shopper'], displayName: '이배' });
    const payload = JSON.stringify(events[0]?.envelope);
    expect(payload).not.toContain(person.email);
    expect(payload).not.toContain(person.id);
    expect(payload).not.toContain(session.refreshToken);
  });

  it('signs the same person in again through the existing link, with no new account or event', async () => {
    const person = kakaoPerson({ email: uniqueEmail('again'), emailVerified: true });
    const first = sessionFromRedirect(await signInWith(h, standIn, 'kakao', person));
    const second = sessionFromRedirect(await signInWith(h, standIn, 'kakao', person));
    expect(subjectOf(second.accessToken)).toBe(subjectOf(first.accessToken));
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(await registeredEventsFor(subjectOf(first.accessToken))).toHaveLength(1);
    const links = await h.db
      .select()
      .from(socialIdentities)
      .where(and(eq(socialIdentities.provider, 'kakao'), eq(socialIdentities.providerUserId, person.id)));
    expect(links).toHaveLength(1);
  });

  it('links to an existing VERIFIED account whose email Kakao reports as verified, and the password keeps working', async () => {
    const { email, password } = await signUp(h);
    await markVerified(email);
    const existing = await logIn(h, email, password);
    const session = sessionFromRedirect(
      await signInWith(h, standIn, 'kakao', kakaoPerson({ email: email.toUpperCase(), emailVerified: true })),
    );
    expect(subjectOf(session.accessToken)).toBe(subjectOf(existing.accessToken));
    expect(await registeredEventsFor(subjectOf(session.accessToken))).toHaveLength(1);
    await logIn(h, email, password);
    expect(
      h.logs.lines().some((line) => line.securityEvent === 'social_identity_linked' && line.provider === 'kakao'),
    ).toBe(true);
  });

  it('takes over an UNVERIFIED password account with the email Kakao verified: the squatter loses password and sessions', async () => {
    // Someone signed up with the owner's address and a password of their own, and is signed in.
    const { email, password } = await signUp(h);
    const squatter = await logIn(h, email, password);
    expect(decodeJwt(squatter.accessToken).emailVerified).toBe(false);
    const session = sessionFromRedirect(
      await signInWith(h, standIn, 'kakao', kakaoPerson({ email, emailVerified: true })),
    );
    // The owner gets the account (the provider proved the mailbox)...
    expect(subjectOf(session.accessToken)).toBe(subjectOf(squatter.accessToken));
    expect(decodeJwt(session.accessToken).emailVerified).toBe(true);
    const account = await accountOf(session.accessToken);
    expect(account.passwordHash).toBeNull();
    expect(account.emailVerifiedAt).not.toBeNull();
    // ...and the squatter's password, refresh token and access token all stop working.
    expect((await call(h, 'POST', '/v1/sessions', { body: { email, password } })).status).toBe(401);
    expect(
      (await call(h, 'POST', '/v1/sessions/refresh', { body: { refreshToken: squatter.refreshToken } })).status,
    ).toBe(401);
    expect((await call(h, 'GET', '/v1/me', { token: squatter.accessToken })).status).toBe(401);
    expect((await call(h, 'GET', '/v1/me', { token: session.accessToken })).status).toBe(200);
    expect(h.logs.lines().some((line) => line.securityEvent === 'unverified_account_claimed')).toBe(true);
  });

  it('does not link by an unverified email: the person gets a separate account that does not claim the address', async () => {
    const { email, password } = await signUp(h);
    const owner = await logIn(h, email, password);
    const response = await signInWith(h, standIn, 'kakao', kakaoPerson({ email, emailVerified: false }));
    const session = sessionFromRedirect(response);
    expect(subjectOf(session.accessToken)).not.toBe(subjectOf(owner.accessToken));
    const account = await accountOf(session.accessToken);
    expect(account.email).toBe(`${account.id}@social.fruitables.invalid`);
    // The real owner still signs in with their password, to their own account.
    expect(subjectOf((await logIn(h, email, password)).accessToken)).toBe(subjectOf(owner.accessToken));
  });

  it('does not put an unverified email on a new account either, so its owner can still sign up', async () => {
    const email = uniqueEmail('unclaimed');
    const session = sessionFromRedirect(
      await signInWith(h, standIn, 'kakao', kakaoPerson({ email, emailVerified: false })),
    );
    expect((await accountOf(session.accessToken)).email).toMatch(/@social\.fruitables\.invalid$/);
    await signUp(h, { email });
    await logIn(h, email, 'sweet-persimmon-42');
  });

  it('names a person who shared no nickname after the provider', async () => {
    const session = sessionFromRedirect(await signInWith(h, standIn, 'kakao', kakaoPerson({ nickname: '  ' })));
    expect((await accountOf(session.accessToken)).displayName).toBe('카카오 회원');
  });

  it('lands on / when no returnTo was given', async () => {
    expect(sessionFromRedirect(await signInWith(h, standIn, 'kakao', kakaoPerson())).path).toBe('/');
  });
});

describe('signing in with Naver', () => {
  it('registers a new shopper from the Naver profile and signs them in again through the link', async () => {
    const person = naverPerson({ nickname: '배좋아', email: uniqueEmail('naver') });
    const first = sessionFromRedirect(await signInWith(h, standIn, 'naver', person, '/cart'));
    expect(first.path).toBe('/cart');
    const account = await accountOf(first.accessToken);
    expect(account.displayName).toBe('배좋아');
    const second = sessionFromRedirect(await signInWith(h, standIn, 'naver', person));
    expect(subjectOf(second.accessToken)).toBe(account.id);
    expect(await registeredEventsFor(account.id)).toHaveLength(1);
  });

  it('sends the state and the client secret, and no code verifier, in the token request', async () => {
    standIn.signIn('naver', naverPerson());
    const started = await startSocialLogin(h, 'naver');
    const callback = await visitProvider(started.authorizationUrl);
    expect((await returnFromProvider(h, callback, started.cookie)).status).toBe(302);
    const last = standIn.tokenRequests.at(-1);
    expect(last?.form.get('state')).toBe(started.authorizationUrl.searchParams.get('state'));
    expect(last?.form.get('client_secret')).toBe(standIn.credentials.naver.clientSecret);
    expect(last?.form.has('code_verifier')).toBe(false);
  });

  it('never links by a Naver email, which Naver does not mark as verified', async () => {
    const { email, password } = await signUp(h);
    const owner = await logIn(h, email, password);
    const session = sessionFromRedirect(await signInWith(h, standIn, 'naver', naverPerson({ email })));
    expect(subjectOf(session.accessToken)).not.toBe(subjectOf(owner.accessToken));
  });
});
