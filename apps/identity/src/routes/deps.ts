import type { KitEnv } from '@fruitables/kit';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { JWK } from 'jose';
import type { DomainContext } from '../domain/context.ts';
import type { SocialProviders } from '../domain/social-providers.ts';

export type IdentityApp = OpenAPIHono<KitEnv>;

/** What every `register*` function receives from `createApp`. */
export interface RouteDeps {
  ctx: DomainContext;
  /** Requires a valid, unrevoked access token (sets `c.var.principal`). */
  signedIn: MiddlewareHandler<KitEnv>;
  /** Lets anonymous requests through, but a token that is sent must be valid. */
  maybeSignedIn: MiddlewareHandler<KitEnv>;
  publicJwks: { keys: JWK[] };
  /** Proxies in front of the service that append to X-Forwarded-For (Traefik, Varnish). */
  trustedProxyHops: number;
  /** Kakao and Naver login, as configured (possibly none). */
  social: SocialProviders;
}
