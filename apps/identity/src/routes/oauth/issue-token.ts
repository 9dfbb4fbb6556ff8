import { Unauthorized } from '@fruitables/core';
import { problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { issueServiceToken } from '../../domain/service-tokens.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { NO_STORE } from '../sessions/schema.ts';

// RFC 6749 §3.2: the token endpoint must ignore parameters it does not know, so this body is not strict.
const tokenRequestSchema = z
  .object({
    grant_type: z.literal('client_credentials', { error: 'Only grant_type=client_credentials is supported.' }),
    client_id: z.string().max(64).optional(),
    client_secret: z.string().max(256).optional(),
    audience: z
      .string('Name the service the token is for: audience=<service>.')
      .regex(/^[a-z][a-z0-9-]{0,62}$/, 'audience is a service name, e.g. catalog')
      .openapi({ description: 'The one service the token is for (its `aud`).', example: 'catalog' }),
    scope: z
      .string()
      .max(1024)
      .regex(/^[a-z0-9:\- ]*$/, 'scope is space-separated <service>:<permission>')
      .optional()
      .openapi({
        description: 'Space-separated scopes at that service; omitted means all this client holds there.',
        example: 'catalog:holds',
      }),
  })
  .openapi('ClientCredentialsRequest', {
    example: { grant_type: 'client_credentials', audience: 'catalog', scope: 'catalog:holds' },
  });

const tokenResponseSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int(),
    scope: z.string().openapi({ description: 'The scopes granted (RFC 6749 §5.1).' }),
  })
  .openapi('ClientCredentialsToken', {
    example: {
      access_token: 'eyJhbGciOiJFUzI1NiIsImtpZCI6ImlkZW50aXR5LTIwMjYtMTEiLCJ0eXAiOiJhdCtqd3QifQ.e30.c2ln',
      token_type: 'Bearer',
      expires_in: 900,
      scope: 'catalog:holds',
    },
  });

export const issueTokenRoute = createRoute({
  method: 'post',
  path: '/v1/oauth/token',
  tags: ['service credentials'],
  summary: 'OAuth2 client credentials: a service gets its own access token',
  description:
    'For services, not people. Authenticate with HTTP Basic (`client_id:client_secret`, RFC 6749 §2.3.1) or with `client_id` and `client_secret` in the form. The token has `sub: service:<client_id>`, the single role `service`, `aud` the requested `audience` and `scope` the granted scopes; a scope the client was not granted is a 400 `invalid_scope`. The secret is checked with HMAC-SHA-256, so this endpoint costs identity no slow hashing. Never routed by the edge.',
  security: [{ clientBasic: [] }],
  request: {
    body: { required: true, content: { 'application/x-www-form-urlencoded': { schema: tokenRequestSchema } } },
  },
  responses: {
    200: { description: 'An access token', content: { 'application/json': { schema: tokenResponseSchema } } },
    ...problemResponses(400, 401),
  },
});

/** The client id and secret from `Authorization: Basic` (form-urlencoded before base64, per RFC 6749). */
function basicCredentials(c: Context): { clientId: string; clientSecret: string } | undefined {
  const match = /^Basic +([A-Za-z0-9+/]+=*)$/i.exec(c.req.header('authorization')?.trim() ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0) return undefined;
  const decode = (value: string) => decodeURIComponent(value.replaceAll('+', ' '));
  try {
    return { clientId: decode(decoded.slice(0, separator)), clientSecret: decode(decoded.slice(separator + 1)) };
  } catch {
    return undefined;
  }
}

export function registerIssueToken(app: IdentityApp, deps: RouteDeps): void {
  app.openapi(issueTokenRoute, async (c) => {
    const form = c.req.valid('form');
    const credentials =
      basicCredentials(c) ??
      (form.client_id && form.client_secret
        ? { clientId: form.client_id, clientSecret: form.client_secret }
        : undefined);
    if (!credentials) {
      c.header('www-authenticate', 'Basic realm="fruitables"');
      throw new Unauthorized('Send the client id and secret with HTTP Basic authentication.', 'invalid_client');
    }
    const issued = await issueServiceToken(deps.ctx, {
      clientId: credentials.clientId,
      secret: credentials.clientSecret,
      audience: form.audience,
      scopes: form.scope?.split(' ').filter((scope) => scope.length > 0) ?? [],
    }).catch((error: unknown) => {
      if (error instanceof Unauthorized) c.header('www-authenticate', 'Basic realm="fruitables"');
      throw error;
    });
    const expiresIn = Math.floor((issued.expiresAt.getTime() - deps.ctx.clock.now().getTime()) / 1000);
    return c.json(
      {
        access_token: issued.token,
        token_type: 'Bearer' as const,
        expires_in: expiresIn,
        scope: issued.scopes.join(' '),
      },
      200,
      NO_STORE,
    );
  });
}
