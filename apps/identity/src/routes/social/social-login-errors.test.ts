import type { Problem, TestResponse } from '@fruitables/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type IdentityHarness } from '../../testing/harness.ts';
import {
  kakaoPerson,
  naverPerson,
  returnFromProvider,
  signInWith,
  startSocialLogin,
  TEST_REDIRECT_BASE,
  visitProvider,
} from '../../testing/social-client.ts';
import { type StandInProvider, startStandInProvider } from '../../testing/stand-in-provider.ts';

const TIMEOUT_MS = 300;

let h: IdentityHarness;
let standIn: StandInProvider;
beforeAll(async () => {
  standIn = startStandInProvider();
  h = await createHarness('social-errors', {
    social: standIn.config({ redirectBase: TEST_REDIRECT_BASE, timeoutMs: TIMEOUT_MS }),
  });
});
afterAll(async () => {
  await h.close();
  await standIn.stop();
});

async function expectProblem(response: TestResponse, status: number, code: string): Promise<Problem> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const problem = response.problem;
  expect(problem.code).toBe(code);
  return problem;
}

const lastFailureLog = () =>
  h.logs
    .lines()
    .filter((line) => line.msg === 'social provider call failed')
    .at(-1);

describe('the provider refusing or failing', () => {
  it('answers 400 provider_denied when the person cancels at the provider', async () => {
    standIn.refuseNext('kakao');
    const problem = await expectProblem(await signInWith(h, standIn, 'kakao', kakaoPerson()), 400, 'provider_denied');
    expect(problem.detail).toContain('Kakao');
  });

  it('answers 400 invalid_callback when the provider sends neither a code nor an error', async () => {
    standIn.signIn('kakao', kakaoPerson());
    const started = await startSocialLogin(h, 'kakao');
    const callback = await visitProvider(started.authorizationUrl);
    callback.searchParams.delete('code');
    await expectProblem(await returnFromProvider(h, callback, started.cookie), 400, 'invalid_callback');
  });

  it('answers 400 authorization_code_rejected when Naver refuses a code with its 200-status error', async () => {
    standIn.signIn('naver', naverPerson());
    const started = await startSocialLogin(h, 'naver');
    const callback = await visitProvider(started.authorizationUrl);
    callback.searchParams.set('code', 'not-a-code-naver-issued');
    await expectProblem(await returnFromProvider(h, callback, started.cookie), 400, 'authorization_code_rejected');
  });

  it.each([
    ['a 500', () => new Response('upstream exploded', { status: 500 })],
    ['an HTML page with status 200', () => new Response('<html>maintenance</html>', { status: 200 })],
    ['a 200 without an access token', () => Response.json({ token_type: 'bearer' })],
    ['invalid_client (our credentials)', () => Response.json({ error: 'invalid_client' }, { status: 401 })],
    [
      'no answer within the timeout',
      async () => {
        await Bun.sleep(TIMEOUT_MS * 3);
        return Response.json({ access_token: 'late' });
      },
    ],
  ])('answers 502 provider_unavailable when the token endpoint gives %s', async (_, respond) => {
    standIn.failNext('kakao', 'token', respond);
    await expectProblem(await signInWith(h, standIn, 'kakao', kakaoPerson()), 502, 'provider_unavailable');
    expect(lastFailureLog()).toMatchObject({ level: 'warn', provider: 'kakao', step: 'token' });
  });

  it.each([
    ['a 500', () => new Response('nope', { status: 500 })],
    ['a 401 for the token it just issued', () => Response.json({ msg: 'expired', code: -401 }, { status: 401 })],
    ['a body that is not JSON', () => new Response('<html/>', { status: 200 })],
    ['JSON without an id', () => Response.json({ kakao_account: {} })],
    [
      'an id too large to be exact in JSON',
      () => new Response('{"id":9007199254740993}', { headers: { 'content-type': 'application/json' } }),
    ],
  ])('answers 502 profile_unavailable when Kakao profile endpoint gives %s', async (_, respond) => {
    standIn.failNext('kakao', 'profile', respond);
    await expectProblem(await signInWith(h, standIn, 'kakao', kakaoPerson()), 502, 'profile_unavailable');
    expect(lastFailureLog()).toMatchObject({ provider: 'kakao', step: 'profile' });
  });

  it('answers 502 profile_unavailable when Naver reports an error result code', async () => {
    standIn.failNext('naver', 'profile', () => Response.json({ resultcode: '024', message: 'Authentication failed' }));
    await expectProblem(await signInWith(h, standIn, 'naver', naverPerson()), 502, 'profile_unavailable');
  });

  it('spends the state on a failure: the same callback cannot be retried, a fresh start works', async () => {
    const person = kakaoPerson();
    standIn.signIn('kakao', person);
    const started = await startSocialLogin(h, 'kakao');
    const callback = await visitProvider(started.authorizationUrl);
    standIn.failNext('kakao', 'profile', () => new Response('nope', { status: 503 }));
    await expectProblem(await returnFromProvider(h, callback, started.cookie), 502, 'profile_unavailable');
    await expectProblem(await returnFromProvider(h, callback, started.cookie), 400, 'invalid_state');
    expect((await signInWith(h, standIn, 'kakao', person)).status).toBe(302);
  });

  it('never logs the provider tokens, codes or client secret', async () => {
    standIn.failNext('kakao', 'profile', () => new Response('nope', { status: 500 }));
    await signInWith(h, standIn, 'kakao', kakaoPerson());
    const logged = JSON.stringify(h.logs.lines());
    expect(logged).not.toContain(standIn.credentials.kakao.clientSecret);
    const lastForm = standIn.tokenRequests.at(-1)?.form;
    for (const secret of [lastForm?.get('code'), lastForm?.get('code_verifier')]) {
      expect(secret).toBeTruthy();
      expect(logged).not.toContain(secret);
    }
  });
});
