import { CodeChallengeMethod, OAuth2Client } from 'arctic';
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

// GET /v2/user/me, reduced to what we read. Kakao omits what the person did not consent to.
const kakaoUserSchema = z.object({
  id: z.number().int(),
  kakao_account: z
    .object({
      email: z.string().optional(),
      is_email_valid: z.boolean().optional(),
      is_email_verified: z.boolean().optional(),
      profile: z.object({ nickname: z.string().optional() }).optional(),
    })
    .optional(),
  properties: z.object({ nickname: z.string().optional() }).optional(),
});

function kakaoProfile(body: unknown): SocialProfile {
  const parsed = kakaoUserSchema.safeParse(body);
  if (!parsed.success) throw profileUnavailable('kakao', { reason: 'unexpected_shape' });
  const user = parsed.data;
  // Kakao's id is a 64-bit number; past 2^53 JSON parsing rounds it, and a rounded id could be someone else's.
  if (!Number.isSafeInteger(user.id)) throw profileUnavailable('kakao', { reason: 'unsafe_id' });
  const account = user.kakao_account;
  const email = account?.email ?? null;
  return {
    providerUserId: String(user.id),
    email,
    // Both flags: "valid" means the address still works, "verified" that its owner proved it.
    emailVerified: email !== null && account?.is_email_valid === true && account.is_email_verified === true,
    displayName: displayNameFrom(account?.profile?.nickname, user.properties?.nickname),
  };
}

/**
 * Kakao Login through arctic. arctic's own `Kakao` class is not used: its endpoints are fixed
 * (tests could not point it at a stand-in) and it sends no PKCE challenge, while Kakao's REST
 * API accepts `code_challenge` (S256) and checks `code_verifier` at the token endpoint. The
 * generic client builds the authorization URL with the challenge; consent items (nickname,
 * email) are chosen in the Kakao console, so no `scope` is sent.
 */
export function createKakaoClient(settings: SocialClientSettings): SocialProviderClient {
  const oauth = new OAuth2Client(settings.clientId, null, settings.redirectUri);
  return {
    name: 'kakao',
    pkce: true,
    authorizationUrl: (state, codeVerifier) =>
      oauth.createAuthorizationURLWithPKCE(
        `${settings.authUrl}/oauth/authorize`,
        state,
        CodeChallengeMethod.S256,
        codeVerifier,
        [],
      ),
    exchangeCode: ({ code, codeVerifier }) =>
      requestAccessToken('kakao', {
        tokenUrl: `${settings.authUrl}/oauth/token`,
        form: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: settings.clientId,
          client_secret: settings.clientSecret,
          redirect_uri: settings.redirectUri,
          code,
          code_verifier: codeVerifier,
        }),
        timeoutMs: settings.timeoutMs,
        // KOE320 (code unknown, used or expired) and a verifier that does not match both come as invalid_grant.
        rejectedCodeErrors: new Set(['invalid_grant']),
      }),
    fetchProfile: async (accessToken) =>
      kakaoProfile(
        await fetchProfileJson('kakao', {
          url: `${settings.apiUrl}/v2/user/me`,
          accessToken,
          timeoutMs: settings.timeoutMs,
        }),
      ),
  };
}
