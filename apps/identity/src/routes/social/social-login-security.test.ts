import type { TestResponse } from '@fruitables/kit/testing';
import { accounts, socialIdentities } from '@fruitables/schema-identity';
import { eq } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, passwordStep, signUp } from '../../testing/client.ts';
import { createHarness, type IdentityHarness, seedAdmin, uniqueEmail } from '../../testing/harness.ts';
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
  h = await createHarness('social-security', { social: standIn.config({ redirectBase: TEST_REDIRECT_BASE }) });
});
afterAll(async () => {
  await h.close();
  await standIn.stop();
});

async function expectProblem(response: TestResponse, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(response.problem.code).toBe(code);
}

/** A sign-in that got as far as the provider sending the browser back; not yet returned to identity. */
async function atCallback(provider: 'kakao' | 'naver' = 'kakao') {
  standIn.signIn(provider, provider === 'kakao' ? kakaoPerson() : naverPerson());
  const started = await startSocialLogin(h, provider);
  return { ...started, callback: await visitProvider(started.authorizationUrl) };
}

describe('state', () => {
  it('is single use: replaying a finished callback is refused', async () => {
    const { callback, cookie } = await atCallback();
    expect((await returnFromProvider(h, callback, cookie)).status).toBe(302);
    await expectProblem(await returnFromProvider(h, callback, cookie), 400, 'invalid_state');
  });

  it('lets only one of two simultaneous callbacks through', async () => {
    const { callback, cookie } = await atCallback();
    const statuses = await Promise.all([
      returnFromProvider(h, callback, cookie).then((response) => response.status),
      returnFromProvider(h, callback, cookie).then((response) => response.status),
    ]);
    expect(statuses.sort()).toEqual([302, 400]);
  });

  it('expires after ten minutes', async () => {
    const { callback, cookie } = await atCallback();
    h.clock.advance(10 * 60_000 + 1_000);
    await expectProblem(await returnFromProvider(h, callback, cookie), 400, 'invalid_state');
  });

  it('is still good just before ten minutes', async () => {
    const { callback, cookie } = await atCallback();
    h.clock.advance(9 * 60_000);
    expect((await returnFromProvider(h, callback, cookie)).status).toBe(302);
  });

  it('refuses a tampered, missing or unknown state', async () => {
    const { callback, cookie } = await atCallback();
    const state = callback.searchParams.get('state') ?? '';
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`);
    await expectProblem(await returnFromProvider(h, tampered, cookie), 400, 'invalid_state');
    const missing = new URL(callback);
    missing.searchParams.delete('state');
    await expectProblem(await returnFromProvider(h, missing, cookie), 400, 'invalid_state');
  });

  it('refuses a Kakao state at the Naver callback', async () => {
    const { callback, cookie } = await atCallback('kakao');
    const elsewhere = new URL(callback);
    elsewhere.pathname = elsewhere.pathname.replace('/kakao/', '/naver/');
    await expectProblem(await returnFromProvider(h, elsewhere, cookie), 400, 'invalid_state');
  });

  it('refuses a callback without the browser binding cookie (login CSRF)', async () => {
    const { callback } = await atCallback();
    await expectProblem(await returnFromProvider(h, callback), 400, 'invalid_state');
  });

  it("refuses an attacker's callback in a victim's browser, which holds another attempt's cookie", async () => {
    const attacker = await atCallback();
    const victim = await startSocialLogin(h, 'kakao');
    await expectProblem(await returnFromProvider(h, attacker.callback, victim.cookie), 400, 'invalid_state');
  });

  it('clears the binding cookie on a refused callback too', async () => {
    const { callback } = await atCallback();
    const response = await returnFromProvider(h, callback);
    expect(response.headers.get('set-cookie')).toMatch(/^__Host-fruitables-social-login=;.*Max-Age=0/);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('PKCE', () => {
  it('makes an intercepted Kakao code useless in another sign-in (the stand-in checks the verifier)', async () => {
    const victim = await atCallback('kakao');
    const attacker = await atCallback('kakao');
    // The attacker replays the victim's code into their own attempt: their own state and cookie, their own verifier.
    const injected = new URL(attacker.callback);
    injected.searchParams.set('code', victim.callback.searchParams.get('code') ?? '');
    await expectProblem(await returnFromProvider(h, injected, attacker.cookie), 400, 'authorization_code_rejected');
    expect(standIn.tokenRequests.at(-1)?.form.get('code_verifier')).toBeTruthy();
  });

  it('is what the stand-in enforces: a wrong verifier at its token endpoint is invalid_grant', async () => {
    const { callback } = await atCallback('kakao');
    const response = await fetch(`${standIn.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: standIn.credentials.kakao.clientId,
        client_secret: standIn.credentials.kakao.clientSecret,
        redirect_uri: `${TEST_REDIRECT_BASE}/v1/social/kakao/callback`,
        code: callback.searchParams.get('code') ?? '',
        code_verifier: 'x'.repeat(43),
      }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('returnTo', () => {
  it.each([
    'https://evil.example/steal',
    '//evil.example/steal',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    '/a/../..//evil.example',
    'javascript:alert(1)',
    'orders',
    '/orders#section',
    `/${'a'.repeat(1100)}`,
  ])('refuses %j before going to the provider', async (returnTo) => {
    const response = await call(h, 'GET', `/v1/social/kakao/start?returnTo=${encodeURIComponent(returnTo)}`);
    expect(response.status).toBe(400);
    const problem = response.problem;
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors?.map((error) => error.field)).toEqual(['query.returnTo']);
    expect(response.headers.get('location')).toBeNull();
  });

  it('keeps a path with a query and Korean text, normalised', async () => {
    const response = await signInWith(h, standIn, 'kakao', kakaoPerson(), '/search?q=사과 배&page=2');
    expect(sessionFromRedirect(response).path).toBe('/search?q=%EC%82%AC%EA%B3%BC%20%EB%B0%B0&page=2');
  });
});

describe('accounts that may not sign in this way', () => {
  it('refuses a disabled account reached through its link', async () => {
    const person = kakaoPerson();
    const session = sessionFromRedirect(await signInWith(h, standIn, 'kakao', person));
    await h.db
      .update(accounts)
      .set({ status: 'disabled' })
      .where(eq(accounts.id, String(decodeJwt(session.accessToken).sub)));
    await expectProblem(await signInWith(h, standIn, 'kakao', person), 403, 'account_disabled');
  });

  it('refuses a disabled account reached by verified email, and links nothing', async () => {
    const { email } = await signUp(h);
    await h.db.update(accounts).set({ status: 'disabled' }).where(eq(accounts.email, email));
    const person = kakaoPerson({ email, emailVerified: true });
    await expectProblem(await signInWith(h, standIn, 'kakao', person), 403, 'account_disabled');
    const links = await h.db.select().from(socialIdentities).where(eq(socialIdentities.providerUserId, person.id));
    expect(links).toEqual([]);
  });

  it('refuses to link an admin by email: admins sign in with their password', async () => {
    const admin = await seedAdmin(h);
    const person = kakaoPerson({ email: admin.email, emailVerified: true });
    await expectProblem(await signInWith(h, standIn, 'kakao', person), 403, 'social_login_not_allowed');
    // Their password still works, and leads to the second factor.
    expect((await passwordStep(h, admin.email, admin.password)).mfa).toBe('enrolment_required');
  });

  it('creates one account when the same new person returns twice at once', async () => {
    const person = kakaoPerson({ email: uniqueEmail('double'), emailVerified: true });
    standIn.signIn('kakao', person);
    const attempts = await Promise.all([startSocialLogin(h, 'kakao'), startSocialLogin(h, 'kakao')]);
    const callbacks = await Promise.all(attempts.map((attempt) => visitProvider(attempt.authorizationUrl)));
    const responses = await Promise.all(
      callbacks.map((callback, index) => returnFromProvider(h, callback, attempts[index]?.cookie)),
    );
    const subjects = responses.map((response) => String(decodeJwt(sessionFromRedirect(response).accessToken).sub));
    expect(new Set(subjects).size).toBe(1);
    const links = await h.db.select().from(socialIdentities).where(eq(socialIdentities.providerUserId, person.id));
    expect(links).toHaveLength(1);
  });
});
