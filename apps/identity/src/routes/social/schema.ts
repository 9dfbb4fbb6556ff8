import { sameSitePath } from '@fruitables/core';
import { socialProviders } from '@fruitables/schema-identity';
import { z } from '@hono/zod-openapi';
import type { SessionTokens } from '../../domain/sessions.ts';

export const providerParams = z.object({
  provider: z.enum(socialProviders).openapi({ param: { name: 'provider', in: 'path' }, example: 'kakao' }),
});

export const startQuery = z.object({
  returnTo: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return '/';
      const path = sameSitePath(value);
      if (path === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'Use a path on this site that starts with a single "/", such as /orders?tab=recent.',
        });
        return z.NEVER;
      }
      return path;
    })
    .openapi({
      type: 'string',
      description: 'Where the storefront wants the browser afterwards: a path on this site. Defaults to `/`.',
      example: '/orders?tab=recent',
    }),
});

// Not strict: providers add parameters of their own to the callback, and those are harmless.
export const callbackQuery = z.object({
  code: z.string().max(2048).optional().openapi({ example: 'x1Yk9cQeR7vTn2Lw' }),
  state: z.string().max(512).optional().openapi({ example: 'bV3bS2pWkq8oN1sE0fZxL4rT7yU6iA9dC5hG2jK3mQ0' }),
  error: z.string().max(256).optional().openapi({ example: 'access_denied' }),
  error_description: z.string().max(1024).optional().openapi({ example: 'User denied access' }),
});

export const socialProvidersSchema = z
  .object({
    providers: z.array(
      z.object({
        id: z.enum(socialProviders),
        /** The button label. */
        name: z.string(),
        /** Send the browser here (a full-page navigation, not fetch) with `?returnTo=`. */
        startUrl: z.string(),
      }),
    ),
  })
  .openapi('SocialProviders', {
    example: {
      providers: [
        { id: 'kakao', name: '카카오', startUrl: 'https://fruitables.kr/api/identity/v1/social/kakao/start' },
        { id: 'naver', name: '네이버', startUrl: 'https://fruitables.kr/api/identity/v1/social/naver/start' },
      ],
    },
  });

export const redirectHeaders = (example: string) =>
  z.object({ location: z.string().openapi({ example }), 'cache-control': z.literal('no-store') });

/**
 * The session for the browser, as a URL fragment. Browsers never send a fragment to any server,
 * so the tokens stay out of our access logs, the edge's, proxies' and Referer headers (which
 * the kit also turns off); the storefront reads them from `location.hash` and clears it.
 */
export function tokenFragment(tokens: SessionTokens, now: Date): string {
  return new URLSearchParams({
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    expires_in: String(Math.max(0, Math.floor((tokens.accessTokenExpiresAt.getTime() - now.getTime()) / 1000))),
  }).toString();
}

/**
 * Ties the callback to the browser that pressed the button. `__Host-` pins it to our own host
 * over https with Path=/; SameSite=Lax still sends it on the provider's top-level redirect back.
 */
export const BINDING_COOKIE = 'fruitables-social-login';
export const bindingCookieOptions = {
  prefix: 'host',
  path: '/',
  secure: true,
  httpOnly: true,
  sameSite: 'Lax',
} as const;
