import type { SocialProvider } from '@fruitables/schema-identity';
import { OAuth2Tokens } from 'arctic';
import { authorizationCodeRejected, profileUnavailable, providerUnavailable } from './social-errors.ts';

/** What identity needs to know about the person a provider signed in. */
export interface SocialProfile {
  /** The provider's stable id for the person; the only thing a link is keyed on. */
  providerUserId: string;
  /** Null when the person did not agree to share it. */
  email: string | null;
  /** True only when the provider explicitly says it verified the address. */
  emailVerified: boolean;
  displayName: string | null;
}

/** One provider, behind the same three steps whatever its quirks. */
export interface SocialProviderClient {
  name: SocialProvider;
  /** Whether the provider checks a PKCE code verifier at its token endpoint. */
  pkce: boolean;
  authorizationUrl(state: string, codeVerifier: string): URL;
  /** Trades the callback's code for the provider's access token. */
  exchangeCode(input: { code: string; codeVerifier: string; state: string }): Promise<string>;
  fetchProfile(accessToken: string): Promise<SocialProfile>;
}

export interface SocialClientSettings {
  clientId: string;
  clientSecret: string;
  /** Authorization server base (kauth.kakao.com, nid.naver.com). */
  authUrl: string;
  /** Resource server base (kapi.kakao.com, openapi.naver.com). */
  apiUrl: string;
  /** Our callback, exactly as registered with the provider. */
  redirectUri: string;
  timeoutMs: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * POSTs the code exchange and returns the provider's access token. Kakao and Naver take the
 * client secret in the form body (not HTTP Basic, which arctic's generic client sends), and
 * Naver answers errors with status 200, so the body's `error` is checked before the status.
 * `rejectedCodeErrors` are the provider's words for "this code is no good": the person can
 * start again (400); any other failure is the provider's or our configuration's (502).
 */
export async function requestAccessToken(
  provider: SocialProvider,
  request: { tokenUrl: string; form: URLSearchParams; timeoutMs: number; rejectedCodeErrors: ReadonlySet<string> },
): Promise<string> {
  let response: Response;
  try {
    response = await fetch(request.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8', accept: 'application/json' },
      body: request.form,
      redirect: 'error',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    throw providerUnavailable(provider, { reason: 'unreachable', error: String(error) });
  }
  const body = await readJson(response);
  if (isRecord(body) && typeof body.error === 'string') {
    if (request.rejectedCodeErrors.has(body.error)) throw authorizationCodeRejected(provider, body.error);
    throw providerUnavailable(provider, { reason: 'oauth_error', status: response.status, providerError: body.error });
  }
  if (!response.ok || !isRecord(body)) {
    throw providerUnavailable(provider, { reason: 'unexpected_response', status: response.status });
  }
  try {
    return new OAuth2Tokens(body).accessToken();
  } catch {
    throw providerUnavailable(provider, { reason: 'no_access_token', status: response.status });
  }
}

/** GETs a profile endpoint with the provider's access token; any failure is a 502 naming the profile step. */
export async function fetchProfileJson(
  provider: SocialProvider,
  request: { url: string; accessToken: string; timeoutMs: number },
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      headers: { authorization: `Bearer ${request.accessToken}`, accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    throw profileUnavailable(provider, { reason: 'unreachable', error: String(error) });
  }
  const body = await readJson(response);
  if (!response.ok || body === undefined) {
    throw profileUnavailable(provider, { reason: 'unexpected_response', status: response.status });
  }
  return body;
}

/** A display name from what the provider had: trimmed, at most 50 characters (our limit), or null. */
export function displayNameFrom(...candidates: (string | undefined)[]): string | null {
  for (const candidate of candidates) {
    const name = candidate?.trim().replaceAll(/\s+/g, ' ');
    if (name) return Array.from(name).slice(0, 50).join('');
  }
  return null;
}
