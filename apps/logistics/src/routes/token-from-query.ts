import type { KitEnv } from '@fruitables/kit';
import type { MiddlewareHandler } from 'hono';

/**
 * EventSource cannot send headers, so the live-tracking stream also takes its access token as
 * `?access_token=` (RFC 6750 §2.3). Copied into the Authorization header before authentication,
 * only when no header was sent. The kit's request log writes paths without their query, and
 * the token is as short-lived as any other (15 min).
 */
export const tokenFromQuery: MiddlewareHandler<KitEnv> = async (c, next) => {
  const token = c.req.query('access_token');
  if (token !== undefined && c.req.header('authorization') === undefined) {
    c.req.raw.headers.set('authorization', `Bearer ${token}`);
  }
  return next();
};
