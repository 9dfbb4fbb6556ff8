import { bearerSecurity, type KitEnv } from '@fruitables/kit';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { OrdersDomain } from '../domain/build.ts';

export type OrdersApp = OpenAPIHono<KitEnv>;

/** What every `register*` function receives from `createApp`. */
export interface RouteDeps {
  ctx: OrdersDomain;
  /** Signed in as a shopper (an admin or farmer shopping too has the shopper role). */
  shopper: MiddlewareHandler<KitEnv>[];
  /** Farmer routes: a farmer of the `{farmId}` in the path, or an admin; anyone else gets 404. */
  farmAccess: MiddlewareHandler<KitEnv>[];
  admin: MiddlewareHandler<KitEnv>[];
}

export const shopperRouteSecurity = bearerSecurity(['shopper']);
export const farmRouteSecurity = bearerSecurity(['farmer', 'admin']);
export const adminRouteSecurity = bearerSecurity(['admin']);
