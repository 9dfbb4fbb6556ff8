import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { setCookie } from 'hono/cookie';
import { beginSocialLogin } from '../../domain/social-login.ts';
import { SOCIAL_STATE_TTL_MS } from '../../domain/social-state.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { BINDING_COOKIE, bindingCookieOptions, providerParams, redirectHeaders, startQuery } from './schema.ts';

export const startSocialLoginRoute = createRoute({
  method: 'get',
  path: '/v1/social/{provider}/start',
  tags: ['social login'],
  summary: 'Start signing in with Kakao or Naver',
  description:
    'A browser navigation, not an API call: redirects to the provider with a fresh single-use `state` (kept ten minutes) and, for Kakao, a PKCE S256 challenge. Sets a short-lived cookie that ties the callback to this browser. `returnTo` must be a path on this site; anything else (another host, `//host`, a backslash) is refused. 404 `provider_not_configured` when this deployment has no credentials for the provider.',
  request: { params: providerParams, query: startQuery },
  responses: {
    302: {
      description: 'Redirect to the provider',
      headers: redirectHeaders(
        'https://kauth.kakao.com/oauth/authorize?response_type=code&client_id=…&redirect_uri=…&state=…&code_challenge_method=S256&code_challenge=…',
      ),
    },
    ...problemResponses(400, 404),
  },
});

export function registerStartSocialLogin(app: IdentityApp, deps: RouteDeps): void {
  app.openapi(startSocialLoginRoute, async (c) => {
    const provider = deps.social.require(c.req.valid('param').provider);
    const { returnTo } = c.req.valid('query');
    const { authorizationUrl, binding } = await beginSocialLogin(deps.ctx, provider, returnTo);
    setCookie(c, BINDING_COOKIE, binding, { ...bindingCookieOptions, maxAge: SOCIAL_STATE_TTL_MS / 1000 });
    c.header('cache-control', 'no-store');
    return c.redirect(authorizationUrl.toString(), 302);
  });
}
