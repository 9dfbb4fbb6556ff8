import type { Context } from 'hono';

/** Public catalog pages may be cached by the edge for this long; stock states lag by at most this. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=30';

/**
 * Answers a public read with a strong ETag over its body, and 304 when the client (or the
 * edge revalidating) already has it: the storefront's build and the edge re-ask often and
 * mostly get "nothing changed" for the price of a hash.
 */
export async function cacheableJson(c: Context, body: unknown): Promise<Response> {
  const json = JSON.stringify(body);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(json));
  const etag = `"${Buffer.from(digest).toString('base64url').slice(0, 27)}"`;
  const headers = { etag, 'cache-control': PUBLIC_CACHE_CONTROL, vary: 'accept-encoding' };
  const ifNoneMatch = c.req.header('if-none-match');
  if (ifNoneMatch?.split(',').some((tag) => tag.trim() === etag || tag.trim() === `W/${etag}`)) {
    return c.body(null, 304, headers);
  }
  return c.body(json, 200, { ...headers, 'content-type': 'application/json' });
}

export const notModified = { 304: { description: 'Not modified: the `If-None-Match` ETag is current' } };
