import { createHash, randomBytes } from 'node:crypto';
import type { SocialProvider } from '@fruitables/schema-identity';
import type { SocialLoginConfig } from '../domain/social-providers.ts';

/** Someone with an account at the provider. Kakao ids are numbers, Naver's opaque strings. */
export interface StandInPerson {
  id: string;
  email?: string;
  /** Kakao's `is_email_verified`; Naver reports no such flag. */
  emailVerified?: boolean;
  nickname?: string;
}

type Endpoint = 'token' | 'profile';

interface IssuedCode {
  provider: SocialProvider;
  redirectUri: string;
  state: string;
  codeChallenge: string | null;
  person: StandInPerson;
}

export interface StandInProvider {
  /** http://127.0.0.1:<port>; serves both providers' paths. */
  url: string;
  credentials: Record<SocialProvider, { clientId: string; clientSecret: string }>;
  /** identity's settings for this stand-in (both providers unless `only` says otherwise). */
  config(options: { redirectBase: string; only?: SocialProvider[]; timeoutMs?: number }): SocialLoginConfig;
  /** Who is signed in at the provider, as if in the browser's session there; the next visit authorises them. */
  signIn(provider: SocialProvider, person: StandInPerson): void;
  /** The next visit to the authorization page presses "cancel". */
  refuseNext(provider: SocialProvider): void;
  /** The next call to `endpoint` answers with `respond()` instead (an outage, a malformed body, a hang). */
  failNext(provider: SocialProvider, endpoint: Endpoint, respond: () => Response | Promise<Response>): void;
  /** Every form the token endpoints received, to check what identity sent. */
  tokenRequests: { provider: SocialProvider; form: URLSearchParams }[];
  stop(): Promise<void>;
}

const s256 = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');
const random = (): string => randomBytes(24).toString('base64url');

const paths = {
  kakao: { authorize: '/oauth/authorize', token: '/oauth/token', profile: '/v2/user/me' },
  naver: { authorize: '/oauth2.0/authorize', token: '/oauth2.0/token', profile: '/v1/nid/me' },
} as const;

// Kakao answers token errors with 4xx; Naver with 200 and an `error` field (as the real ones do).
const tokenError = (provider: SocialProvider, error: string, description: string, kakaoCode: string): Response =>
  provider === 'kakao'
    ? Response.json(
        { error, error_description: description, error_code: kakaoCode },
        { status: error === 'invalid_client' ? 401 : 400 },
      )
    : Response.json({ error, error_description: description });

function profileBody(provider: SocialProvider, person: StandInPerson): unknown {
  if (provider === 'naver') {
    return {
      resultcode: '00',
      message: 'success',
      response: {
        id: person.id,
        ...(person.nickname ? { nickname: person.nickname } : {}),
        ...(person.email ? { email: person.email } : {}),
      },
    };
  }
  return {
    id: Number(person.id),
    connected_at: '2026-11-21T03:15:00Z',
    properties: person.nickname ? { nickname: person.nickname } : {},
    kakao_account: {
      profile_nickname_needs_agreement: false,
      ...(person.nickname ? { profile: { nickname: person.nickname, is_default_nickname: false } } : {}),
      has_email: person.email !== undefined,
      ...(person.email
        ? {
            email_needs_agreement: false,
            is_email_valid: true,
            is_email_verified: person.emailVerified ?? false,
            email: person.email,
          }
        : {}),
    },
  };
}

/**
 * A local Kakao and Naver: a real HTTP server (port 0) with each provider's authorization page,
 * token endpoint and profile endpoint, in their shapes and error styles. It checks what the
 * real ones check, PKCE included for Kakao (S256; a wrong verifier is invalid_grant), so a
 * flow that passes here sent what the real provider needs.
 */
export function startStandInProvider(): StandInProvider {
  const credentials = {
    kakao: { clientId: `kakao-${random()}`, clientSecret: `kakao-secret-${random()}` },
    naver: { clientId: `naver-${random()}`, clientSecret: `naver-secret-${random()}` },
  };
  const signedIn = new Map<SocialProvider, StandInPerson>();
  const refusing = new Set<SocialProvider>();
  const failures = new Map<string, (() => Response | Promise<Response>)[]>();
  const codes = new Map<string, IssuedCode>();
  const accessTokens = new Map<string, { provider: SocialProvider; person: StandInPerson }>();
  const tokenRequests: { provider: SocialProvider; form: URLSearchParams }[] = [];

  function authorize(provider: SocialProvider, url: URL): Response {
    const q = url.searchParams;
    const redirectUri = q.get('redirect_uri');
    const state = q.get('state');
    if (q.get('response_type') !== 'code' || q.get('client_id') !== credentials[provider].clientId || !redirectUri) {
      return new Response('bad authorization request', { status: 400 });
    }
    if (!state) return new Response('state is required', { status: 400 });
    const challenge = q.get('code_challenge');
    // This stand-in insists on PKCE for Kakao: identity must always send it there.
    if (provider === 'kakao' && (!challenge || q.get('code_challenge_method') !== 'S256')) {
      return new Response('PKCE S256 is required', { status: 400 });
    }
    const back = new URL(redirectUri);
    back.searchParams.set('state', state);
    if (refusing.delete(provider)) {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'User denied access');
      return Response.redirect(back.toString(), 302);
    }
    const person = signedIn.get(provider);
    if (!person) return new Response('nobody is signed in at the stand-in', { status: 400 });
    const code = random();
    codes.set(code, { provider, redirectUri, state, codeChallenge: challenge, person });
    back.searchParams.set('code', code);
    return Response.redirect(back.toString(), 302);
  }

  async function token(provider: SocialProvider, request: Request): Promise<Response> {
    const form = new URLSearchParams(await request.text());
    tokenRequests.push({ provider, form });
    const { clientId, clientSecret } = credentials[provider];
    if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
      return tokenError(provider, 'invalid_client', 'Bad client credentials', 'KOE010');
    }
    const code = form.get('code') ?? '';
    const issued = codes.get(code);
    codes.delete(code); // one redemption attempt per code, as the real ones allow
    if (form.get('grant_type') !== 'authorization_code' || !issued || issued.provider !== provider) {
      return tokenError(
        provider,
        provider === 'kakao' ? 'invalid_grant' : 'invalid_request',
        'no valid code',
        'KOE320',
      );
    }
    if (provider === 'kakao') {
      if (form.get('redirect_uri') !== issued.redirectUri) {
        return tokenError(provider, 'invalid_grant', 'redirect_uri mismatch', 'KOE303');
      }
      const verifier = form.get('code_verifier');
      if (!verifier || s256(verifier) !== issued.codeChallenge) {
        return tokenError(provider, 'invalid_grant', 'PKCE verification failed', 'KOE320');
      }
    } else if (form.get('state') !== issued.state) {
      return tokenError(provider, 'invalid_request', 'no valid data in session', 'KOE320');
    }
    const accessToken = random();
    accessTokens.set(accessToken, { provider, person: issued.person });
    return provider === 'kakao'
      ? Response.json({
          token_type: 'bearer',
          access_token: accessToken,
          expires_in: 21599,
          refresh_token: random(),
          refresh_token_expires_in: 5183999,
        })
      : // Naver sends expires_in as a string.
        Response.json({ access_token: accessToken, refresh_token: random(), token_type: 'bearer', expires_in: '3600' });
  }

  function profile(provider: SocialProvider, request: Request): Response {
    const bearer = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
    const grant = accessTokens.get(bearer);
    if (!grant || grant.provider !== provider) {
      return provider === 'kakao'
        ? Response.json({ msg: 'this access token does not exist', code: -401 }, { status: 401 })
        : Response.json({ resultcode: '024', message: 'Authentication failed' }, { status: 401 });
    }
    return Response.json(profileBody(provider, grant.person));
  }

  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    async fetch(request) {
      const url = new URL(request.url);
      for (const provider of ['kakao', 'naver'] as const) {
        const endpoints = paths[provider];
        if (url.pathname === endpoints.authorize && request.method === 'GET') return authorize(provider, url);
        const endpoint: Endpoint | undefined =
          url.pathname === endpoints.token && request.method === 'POST'
            ? 'token'
            : url.pathname === endpoints.profile && request.method === 'GET'
              ? 'profile'
              : undefined;
        if (!endpoint) continue;
        const injected = failures.get(`${provider}:${endpoint}`)?.shift();
        if (injected) return injected();
        return endpoint === 'token' ? token(provider, request) : profile(provider, request);
      }
      return new Response('not found', { status: 404 });
    },
  });
  const url = `http://127.0.0.1:${server.port}`;

  return {
    url,
    credentials,
    tokenRequests,
    config: ({ redirectBase, only = ['kakao', 'naver'], timeoutMs = 2_000 }) => ({
      redirectBase,
      timeoutMs,
      providers: Object.fromEntries(
        only.map((provider) => [provider, { ...credentials[provider], authUrl: url, apiUrl: url }]),
      ),
    }),
    signIn: (provider, person) => {
      signedIn.set(provider, person);
    },
    refuseNext: (provider) => {
      refusing.add(provider);
    },
    failNext: (provider, endpoint, respond) => {
      const key = `${provider}:${endpoint}`;
      failures.set(key, [...(failures.get(key) ?? []), respond]);
    },
    stop: () => server.stop(true),
  };
}
