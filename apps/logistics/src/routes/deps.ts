import { bearerSecurity, type KitEnv } from '@fruitables/kit';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { DomainContext } from '../domain/context.ts';
import type { LiveFeed } from '../tracking/live-feed.ts';

export type LogisticsApp = OpenAPIHono<KitEnv>;

/** What every `register*` function receives from `createApp`. */
export interface RouteDeps {
  ctx: DomainContext;
  /** Requires a valid, unrevoked access token (sets `c.var.principal`). */
  signedIn: MiddlewareHandler<KitEnv>;
  /** Farmer routes: signed in, a farmer of the `{farmId}` in the path or an admin; anyone else gets 404. */
  farmAccess: MiddlewareHandler<KitEnv>[];
  /** Admin routes. */
  adminOnly: MiddlewareHandler<KitEnv>[];
  /** Shopper routes about the caller's own orders (admins may look too). */
  shopperOrAdmin: MiddlewareHandler<KitEnv>[];
  /** Copies `?access_token=` into the Authorization header when none was sent (EventSource). */
  tokenFromQuery: MiddlewareHandler<KitEnv>;
  /** Which shipments changed, for the live-tracking streams. */
  liveFeed: LiveFeed;
  /** A quiet stream's heartbeat comment interval: 15 s keeps proxies (the edge, Traefik) from closing it. */
  streamHeartbeatMs: number;
  /** The shop's public origin: labels' QR codes point at its lot trace pages. */
  shopUrl: string;
}

/** The OpenAPI security of farmer routes (`farmAccess`): a farmer of the `{farmId}`, or an admin. */
export const farmRouteSecurity = bearerSecurity(['farmer', 'admin']);
export const adminRouteSecurity = bearerSecurity(['admin']);
export const shopperRouteSecurity = bearerSecurity(['shopper', 'admin']);
