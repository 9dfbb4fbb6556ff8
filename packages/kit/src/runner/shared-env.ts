import { z } from 'zod';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '../auth/claims.ts';

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/**
 * The claims every access token of the platform carries, for identity (which signs them)
 * and every service that verifies them: one pair of variables for all, so no service spells
 * another's issuer. The service runner adds these to every service's environment.
 */
export const tokenClaimsEnvShape = {
  AUTH_ISSUER: z.string().min(1).default(DEFAULT_ISSUER),
  AUTH_AUDIENCE: z.string().min(1).default(DEFAULT_AUDIENCE),
};

/**
 * Where a service that verifies tokens finds identity's public keys. No default on purpose:
 * a wrong one would fail every token (or, worse, trust the wrong issuer) silently, so the
 * deployment must say. Added by the runner for services with `verifiesTokens`.
 */
export const jwksEnvShape = {
  /** e.g. `http://127.0.0.1:7101/.well-known/jwks.json` locally. */
  AUTH_JWKS_URL: httpUrl,
};

/**
 * A service that calls others logs in to identity with its own client credentials
 * (client-credentials grant) to get a scoped service token. One definition, the client's:
 * the runner and `@fruitables/kit/client` must never disagree on what a valid secret is.
 */
export { serviceClientEnvShape } from '../client/env.ts';
