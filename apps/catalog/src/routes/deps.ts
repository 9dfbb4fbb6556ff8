import type { KitEnv } from '@fruitables/kit';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { DomainContext } from '../domain/context.ts';

export type CatalogApp = OpenAPIHono<KitEnv>;

/** What every `register*` function receives from `createApp`. */
export interface RouteDeps {
  ctx: DomainContext;
  /** Requires a valid, unrevoked access token (sets `c.var.principal`). */
  signedIn: MiddlewareHandler<KitEnv>;
  /** Farmer routes: signed in, a farmer of the `{farmId}` in the path or an admin; anyone else gets 404. */
  farmAccess: MiddlewareHandler<KitEnv>[];
  /** Internal routes: signed in with a service token. */
  serviceOnly: MiddlewareHandler<KitEnv>[];
}

export const securedByBearer = [{ bearerAuth: [] }];
