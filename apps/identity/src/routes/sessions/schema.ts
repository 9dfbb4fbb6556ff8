import { z } from '@hono/zod-openapi';
import type { SessionTokens } from '../../domain/sessions.ts';
import { emailField, storableString, strictBody, timestampField } from '../fields.ts';

export const logInBody = strictBody({
  email: emailField,
  password: storableString()
    .min(1, 'Enter your password.')
    .max(128)
    .openapi({ example: 'correct-horse-battery-staple' }),
}).openapi('LogIn', { example: { email: 'minji.kim@example.kr', password: 'correct-horse-battery-staple' } });

// Generous bound: anything that is not one of our tokens (a JWT pasted by mistake) gets the same 401 as a stale one.
const refreshTokenField = storableString()
  .min(1)
  .max(4096)
  .openapi({ example: 'q3ZcJ0m9Yw1mX2pC9yK4tB7nV6rL8sD5fG1hJ2kL3mQ' });

export const refreshBody = strictBody({ refreshToken: refreshTokenField }).openapi('RefreshSession', {
  example: { refreshToken: 'q3ZcJ0m9Yw1mX2pC9yK4tB7nV6rL8sD5fG1hJ2kL3mQ' },
});

export const logOutBody = strictBody({ refreshToken: refreshTokenField }).openapi('LogOut', {
  example: { refreshToken: 'q3ZcJ0m9Yw1mX2pC9yK4tB7nV6rL8sD5fG1hJ2kL3mQ' },
});

export const sessionTokensSchema = z
  .object({
    tokenType: z.literal('Bearer'),
    accessToken: z.string(),
    /** Seconds, as OAuth clients expect. */
    expiresIn: z.number().int(),
    accessTokenExpiresAt: timestampField,
    refreshToken: z.string(),
    refreshTokenExpiresAt: timestampField,
  })
  .openapi('SessionTokens', {
    example: {
      tokenType: 'Bearer',
      accessToken: 'eyJhbGciOiJFUzI1NiIsImtpZCI6ImlkZW50aXR5LTIwMjYtMTEiLCJ0eXAiOiJhdCtqd3QifQ.eyJzdWIiOiIuLi4ifQ.c2ln',
      expiresIn: 900,
      accessTokenExpiresAt: '2026-11-21T03:30:00.000Z',
      refreshToken: 'q3ZcJ0m9Yw1mX2pC9yK4tB7nV6rL8sD5fG1hJ2kL3mQ',
      refreshTokenExpiresAt: '2026-11-28T03:15:00.000Z',
    },
  });

export function sessionTokensBody(tokens: SessionTokens, now: Date) {
  return {
    tokenType: 'Bearer' as const,
    accessToken: tokens.accessToken,
    expiresIn: Math.max(0, Math.floor((tokens.accessTokenExpiresAt.getTime() - now.getTime()) / 1000)),
    accessTokenExpiresAt: tokens.accessTokenExpiresAt.toISOString(),
    refreshToken: tokens.refreshToken,
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt.toISOString(),
  };
}

/** Token responses must never be stored by a browser or a proxy (RFC 6749 §5.1). */
export const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };
