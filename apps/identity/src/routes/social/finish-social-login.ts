import { problemResponses, problemSchema } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { deleteCookie, getCookie } from 'hono/cookie';
import { finishSocialLogin } from '../../domain/social-login.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import {
  BINDING_COOKIE,
  bindingCookieOptions,
  callbackQuery,
  providerParams,
  redirectHeaders,
  tokenFragment,
} from './schema.ts';

export const finishSocialLoginRoute = createRoute({
  method: 'get',
  path: '/v1/social/{provider}/callback',
  tags: ['social login'],
  summary: 'Finish signing in with Kakao or Naver (the provider redirects here)',
  description: [
    'Register `<IDENTITY_SOCIAL_REDIRECT_BASE>/v1/social/{provider}/callback` as the redirect URI at the provider.',
    'Claims the `state` (once), trades the code (with the PKCE verifier for Kakao), reads the profile, then signs in: an identity already linked signs in as its account; a **verified** email matching an account links to it; otherwise a new shopper without a password is registered and linked. Disabled accounts are refused (403 `account_disabled`), and so are admins (403 `social_login_not_allowed`).',
    'Success redirects to `returnTo` with the session in the fragment: `#access_token=…&refresh_token=…&expires_in=…`. The fragment never reaches a server or a log; the storefront reads it and removes it from the address bar.',
    'A missing, expired, reused, tampered or other-browser `state` is 400 `invalid_state`; a cancelled sign-in 400 `provider_denied`; a refused code 400 `authorization_code_rejected`; a provider that fails 502 `provider_unavailable` or `profile_unavailable`.',
  ].join('\n\n'),
  request: { params: providerParams, query: callbackQuery },
  responses: {
    302: {
      description: 'Signed in; redirect to `returnTo` with the session in the fragment',
      headers: redirectHeaders(
        '/orders?tab=recent#access_token=eyJhbGciOiJFUzI1NiJ9…&refresh_token=q3ZcJ0m9…&expires_in=900',
      ),
    },
    ...problemResponses(400, 403, 404),
    502: { description: 'Bad Gateway', content: { 'application/problem+json': { schema: problemSchema } } },
  },
});

export function registerFinishSocialLogin(app: IdentityApp, deps: RouteDeps): void {
  app.openapi(finishSocialLoginRoute, async (c) => {
    const provider = deps.social.require(c.req.valid('param').provider);
    const query = c.req.valid('query');
    const binding = getCookie(c, BINDING_COOKIE, 'host');
    // Whatever the outcome, this attempt is over: the cookie goes (a problem response keeps this header).
    deleteCookie(c, BINDING_COOKIE, bindingCookieOptions);
    c.header('cache-control', 'no-store');
    const { tokens, returnTo } = await finishSocialLogin({ ...deps.ctx, logger: c.get('logger') }, provider, {
      state: query.state,
      code: query.code,
      error: query.error,
      binding,
    });
    return c.redirect(`${returnTo}#${tokenFragment(tokens, deps.ctx.clock.now())}`, 302);
  });
}
