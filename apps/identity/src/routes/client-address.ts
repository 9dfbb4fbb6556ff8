import type { Context } from 'hono';

interface RequestIpSource {
  requestIP(request: Request): { address: string } | null;
}

function hasRequestIp(value: unknown): value is RequestIpSource {
  return typeof value === 'object' && value !== null && typeof Reflect.get(value, 'requestIP') === 'function';
}

/**
 * The caller's address for throttling. X-Forwarded-For is trusted only as far as our own
 * proxies wrote it: with N trusted hops the client is the Nth entry from the right, because
 * anything further left was sent by the client and can be forged to dodge per-address limits.
 * A header with fewer than N entries did not come through all our proxies (every one of them
 * appends), so none of it is trusted and the socket address is used instead.
 */
export function clientAddress(c: Context, trustedProxyHops: number): string {
  if (trustedProxyHops > 0) {
    const forwarded = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0);
    const candidate = forwarded.length >= trustedProxyHops ? forwarded[forwarded.length - trustedProxyHops] : undefined;
    if (candidate) return candidate;
  }
  // Bun passes its server as the second fetch argument, which Hono exposes as `c.env`.
  const server: unknown = c.env;
  if (hasRequestIp(server)) return server.requestIP(c.req.raw)?.address ?? 'unknown';
  return 'unknown';
}
