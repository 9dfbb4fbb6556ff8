import { z } from 'zod';

/**
 * The variables a service needs to call others with its own service token: its client
 * credentials at identity and where identity is. Optional as a group: a service that calls
 * nobody's internal routes sets none. Spread into a service's env shape next to the kit's.
 */
export const serviceClientEnvShape = {
  /** This service's client id at identity (its name, e.g. `orders`). */
  SERVICE_CLIENT_ID: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be a service name')
    .optional(),
  /** The 256-bit secret identity issued for it (base64url); identity keeps only its HMAC. */
  SERVICE_CLIENT_SECRET: z
    .string()
    .trim()
    .min(43, 'must be the 256-bit secret identity issued (43+ characters)')
    .optional(),
  /**
   * identity itself (not the edge, which never routes the token endpoint), e.g.
   * `http://identity.fruitables.svc.cluster.local` or locally `http://127.0.0.1:7101`; the
   * token endpoint is `/v1/oauth/token` under it. Kept without a trailing slash.
   */
  IDENTITY_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
};

export type ServiceClientEnv = z.infer<z.ZodObject<typeof serviceClientEnvShape>>;

/** The token endpoint under identity's base URL. */
export const tokenUrlOf = (identityUrl: string): string => `${identityUrl.replace(/\/+$/, '')}/v1/oauth/token`;
