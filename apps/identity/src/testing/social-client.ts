import type { TestResponse } from '@fruitables/kit/testing';
import type { SocialProvider } from '@fruitables/schema-identity';
import { call } from './client.ts';
import type { IdentityHarness } from './harness.ts';
import type { StandInPerson, StandInProvider } from './stand-in-provider.ts';

/** identity's public base in tests; the stand-in sends the browser back under it. */
export const TEST_REDIRECT_BASE = 'https://fruitables.test/api/identity';

export interface StartedSocialLogin {
  /** Where identity sent the browser (the stand-in's authorization page). */
  authorizationUrl: URL;
  /** The binding cookie as the browser would send it back (`name=value`). */
  cookie: string;
}

export interface SessionFragment {
  /** The path the browser lands on, without the fragment. */
  path: string;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

let nextKakaoId = 4_000_000_000 + Math.floor(Math.random() * 1_000_000_000);

/** A Kakao member with a fresh numeric id. */
export const kakaoPerson = (overrides: Partial<StandInPerson> = {}): StandInPerson => ({
  id: String(nextKakaoId++),
  nickname: '사과농부',
  ...overrides,
});

/** A Naver member with a fresh opaque id. */
export const naverPerson = (overrides: Partial<StandInPerson> = {}): StandInPerson => ({
  id: `naver-${crypto.randomUUID()}`,
  nickname: '배좋아',
  ...overrides,
});

/** Presses the button: GET start, expecting the redirect to the provider and the binding cookie. */
export async function startSocialLogin(
  h: IdentityHarness,
  provider: SocialProvider,
  returnTo?: string,
): Promise<StartedSocialLogin> {
  const query = returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
  const response = await call(h, 'GET', `/v1/social/${provider}/start${query}`);
  if (response.status !== 302) throw new Error(`start answered ${response.status}: ${response.text}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { authorizationUrl: new URL(response.headers.get('location') ?? ''), cookie };
}

/** The browser at the provider: follows the authorization URL and returns where the provider sends it back. */
export async function visitProvider(authorizationUrl: URL): Promise<URL> {
  const response = await fetch(authorizationUrl, { redirect: 'manual' });
  if (response.status !== 302) throw new Error(`the stand-in answered ${response.status}: ${response.text}`);
  return new URL(response.headers.get('location') ?? '');
}

/** The browser back at identity: the callback, as the edge forwards it (public prefix removed). */
export function returnFromProvider(h: IdentityHarness, callbackUrl: URL, cookie?: string): Promise<TestResponse> {
  const path = `${callbackUrl.pathname.replace(new URL(TEST_REDIRECT_BASE).pathname, '')}${callbackUrl.search}`;
  return call(h, 'GET', path, cookie ? { headers: { cookie } } : {});
}

/** The tokens from the final redirect's fragment. */
export function sessionFromRedirect(response: TestResponse): SessionFragment {
  const location = response.headers.get('location') ?? '';
  const [path = '', fragment = ''] = location.split('#');
  const values = new URLSearchParams(fragment);
  return {
    path,
    accessToken: values.get('access_token') ?? '',
    refreshToken: values.get('refresh_token') ?? '',
    expiresIn: Number(values.get('expires_in')),
  };
}

/** The whole round trip for `person`; returns identity's final answer to the callback. */
export async function signInWith(
  h: IdentityHarness,
  standIn: StandInProvider,
  provider: SocialProvider,
  person: StandInPerson,
  returnTo?: string,
): Promise<TestResponse> {
  standIn.signIn(provider, person);
  const started = await startSocialLogin(h, provider, returnTo);
  return returnFromProvider(h, await visitProvider(started.authorizationUrl), started.cookie);
}
