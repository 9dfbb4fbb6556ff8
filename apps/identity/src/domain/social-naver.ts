import { OAuth2Client } from 'arctic';
import { z } from 'zod';
import {
  displayNameFrom,
  fetchProfileJson,
  requestAccessToken,
  type SocialClientSettings,
  type SocialProfile,
  type SocialProviderClient,
} from './social-client.ts';
import { profileUnavailable } from './social-errors.ts';

// GET /v1/nid/me: `resultcode` "00" is success; anything else is an error wrapped in a 200 or 4xx.
const naverUserSchema = z.object({
  resultcode: z.literal('00'),
  response: z.object({
    id: z.string().min(1).max(256),
    email: z.string().optional(),
    nickname: z.string().optional(),
    name: z.string().optional(),
  }),
});

function naverProfile(body: unknown): SocialProfile {
  const parsed = naverUserSchema.safeParse(body);
  if (!parsed.success) throw profileUnavailable('naver', { reason: 'unexpected_shape' });
  const user = parsed.data.response;
  return {
    providerUserId: user.id,
    email: user.email ?? null,
    // Naver's profile carries no verification flag (the address may be a contact email the
    // member typed), so it never counts as verified and never links to an existing account.
    emailVerified: false,
    displayName: displayNameFrom(user.nickname, user.name),
  };
}

/**
 * Naver Login through arctic's generic client. arctic's own `Naver` class is not used: its
 * endpoints are fixed and its authorization URL carries no `state` at all. Naver documents no
 * PKCE parameters, so this flow relies on `state` alone: single use, ten minutes, and tied to
 * the browser that started it (see social-state.ts). The code verifier is still generated and
 * stored, but never sent.
 */
export function createNaverClient(settings: SocialClientSettings): SocialProviderClient {
  const oauth = new OAuth2Client(settings.clientId, null, settings.redirectUri);
  return {
    name: 'naver',
    pkce: false,
    authorizationUrl: (state) => oauth.createAuthorizationURL(`${settings.authUrl}/oauth2.0/authorize`, state, []),
    exchangeCode: ({ code, state }) =>
      requestAccessToken('naver', {
        tokenUrl: `${settings.authUrl}/oauth2.0/token`,
        form: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: settings.clientId,
          client_secret: settings.clientSecret,
          code,
          state,
        }),
        timeoutMs: settings.timeoutMs,
        // Naver reports an unknown or used code as invalid_request ("no valid data in session").
        rejectedCodeErrors: new Set(['invalid_grant', 'invalid_request']),
      }),
    fetchProfile: async (accessToken) =>
      naverProfile(
        await fetchProfileJson('naver', {
          url: `${settings.apiUrl}/v1/nid/me`,
          accessToken,
          timeoutMs: settings.timeoutMs,
        }),
      ),
  };
}
