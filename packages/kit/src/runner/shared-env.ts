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
 * (client-credentials grant) to get a scoped service token. Optional here; the service
 * client checks that all three are set before it is built.
 */
export const serviceClientEnvShape = {
  SERVICE_CLIENT_ID: z.string().trim().min(1).optional(),
  SERVICE_CLIENT_SECRET: z.string().trim().min(1).optional(),
  /** identity itself (not the edge), e.g. `http://identity.fruitables.svc.cluster.local`. */
  IDENTITY_URL: httpUrl.transform((url) => url.replace(/\/+$/, '')).optional(),
};
