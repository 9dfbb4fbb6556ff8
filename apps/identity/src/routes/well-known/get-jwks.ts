import { createRoute, z } from '@hono/zod-openapi';
import type { IdentityApp, RouteDeps } from '../deps.ts';

const jwkSchema = z
  .object({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    x: z.string(),
    y: z.string(),
    kid: z.string(),
    alg: z.literal('ES256'),
    use: z.literal('sig'),
  })
  .openapi('PublicJwk');

const jwksSchema = z.object({ keys: z.array(jwkSchema) }).openapi('Jwks', {
  example: {
    keys: [
      {
        kty: 'EC',
        crv: 'P-256',
        x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
        y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
        kid: 'identity-2026-11',
        alg: 'ES256',
        use: 'sig',
      },
    ],
  },
});

export const getJwksRoute = createRoute({
  method: 'get',
  path: '/.well-known/jwks.json',
  tags: ['keys'],
  summary: 'The public keys access tokens are signed with',
  description:
    'Every key that may have signed a live token. Services cache this and refetch when a token names an unknown `kid`.',
  responses: {
    200: { description: 'The JSON Web Key Set', content: { 'application/json': { schema: jwksSchema } } },
  },
});

/** Keys change only on deploy, so verifiers and the edge may cache the set for a few minutes. */
const CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=60';

export function registerGetJwks(app: IdentityApp, deps: RouteDeps): void {
  const body = jwksSchema.parse(deps.publicJwks);
  app.openapi(getJwksRoute, (c) => {
    c.header('cache-control', CACHE_CONTROL);
    return c.json(body, 200);
  });
}
