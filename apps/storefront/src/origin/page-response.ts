import type { PageEntry } from '../site/page-store.ts';
import { cachePolicies, contentTypes, type RenderedPage } from '../site/rendered-page.ts';

/**
 * Pages run only our own hashed scripts and talk only to our own origin (the APIs are under
 * /api on the same host). Keeping inline and foreign script out matters here: the session
 * tokens the account island keeps in this origin's storage are what a script could steal.
 * JSON-LD and the listing index are data blocks, which CSP does not execute or block. The
 * one inline stylesheet is allowed by its hash (`styleHash`, see site/assets.ts).
 */
export function contentSecurityPolicy(styleHash: string, kind: 'strict' | 'payment' = 'strict'): string {
  const payment = kind === 'payment';
  return [
    "default-src 'self'",
    "img-src 'self' data: blob:",
    `script-src 'self'${payment ? ` ${PAYMENT_SCRIPTS}` : ''}`,
    `style-src 'self' ${styleHash}`,
    `connect-src 'self'${payment ? ' https://*.tosspayments.com' : ''}`,
    ...(payment ? [`frame-src ${PAYMENT_FRAMES}`] : []),
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${payment ? ' https://*.tosspayments.com' : ''}`,
    "frame-ancestors 'self'",
  ].join('; ');
}

/**
 * The checkout frame alone may load two foreign scripts, each only when needed: Toss
 * Payments' widget (v2) when payments says the provider is Toss, and the Kakao (Daum)
 * postcode search when the shopper asks for it. Every other page keeps `script-src 'self'`.
 */
const PAYMENT_SCRIPTS = 'https://js.tosspayments.com https://t1.daumcdn.net https://t1.kakaocdn.net';
const PAYMENT_FRAMES = 'https://*.tosspayments.com https://postcode.map.daum.net https://postcode.map.kakao.com';

function headersFor(entry: Pick<PageEntry, 'contentType' | 'cache' | 'keys' | 'etag'>, csp: string): Headers {
  const headers = new Headers({
    'content-type': entry.contentType,
    'cache-control': cachePolicies[entry.cache],
    // Varnish xkey reads this to tag the cached object; the edge removes it before delivery.
    xkey: entry.keys,
    etag: entry.etag,
  });
  if (entry.contentType === contentTypes.html) headers.set('content-security-policy', csp);
  return headers;
}

const matches = (ifNoneMatch: string | undefined, etag: string) =>
  ifNoneMatch?.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === etag || trimmed === `W/${etag}` || trimmed === '*';
  }) ?? false;

/** A built file from disk, or 304 when the edge (revalidating) or the browser already has it. */
export function servePage(entry: PageEntry, ifNoneMatch: string | undefined, csp: string, status = 200): Response {
  const headers = headersFor(entry, csp);
  if (status === 200 && matches(ifNoneMatch, entry.etag)) return new Response(null, { status: 304, headers });
  return new Response(Bun.file(entry.file), { status, headers });
}

/** A page rendered for this request only (a lot's trace page): same headers as a built one. */
export function serveRendered(page: RenderedPage, ifNoneMatch: string | undefined, csp: string): Response {
  const entry = {
    contentType: page.contentType,
    cache: page.cache,
    keys: page.keys.join(' '),
    etag: `"${Bun.hash(page.body).toString(36)}"`,
  };
  const headers = headersFor(entry, csp);
  if (matches(ifNoneMatch, entry.etag)) return new Response(null, { status: 304, headers });
  return new Response(page.body, { status: 200, headers });
}
