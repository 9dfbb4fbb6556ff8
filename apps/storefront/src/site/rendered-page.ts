/**
 * How long each kind of file may be kept. Pages: a minute in the browser, a day at the edge
 * (which the rebuilder purges the moment a page changes), served stale while revalidating
 * and for a day when the origin fails. Assets are named by their content: a year.
 */
export const cachePolicies = {
  page: 'public, max-age=60, s-maxage=86400, stale-while-revalidate=60, stale-if-error=86400',
  asset: 'public, max-age=31536000, immutable',
  // A page that does not exist yet may exist in a minute (a product being published).
  notFound: 'public, max-age=30, s-maxage=300, stale-if-error=3600',
  // The farmer console and admin pages: the edge passes them (see fruitables.vcl) and nothing
  // keeps a copy, so a farmer never sees a console older than the last deploy.
  console: 'private, no-store',
  // Checkout and my orders: the frames are the same for everyone, but what they show is one
  // shopper's, live (stock, prices, tracking); the edge passes them like the console.
  personal: 'private, no-store',
} as const;

export type CachePolicy = keyof typeof cachePolicies;

/** One file of the shop as the builder produces it and the origin serves it. */
export interface RenderedPage {
  /** The URL path, percent-encoded as in an href: `/fruits/%EC%82%AC%EA%B3%BC/`. */
  path: string;
  body: string | Uint8Array<ArrayBuffer>;
  contentType: string;
  /** Surrogate keys (see paths.ts), sent as the `xkey` header for the edge. */
  keys: string[];
  cache: CachePolicy;
  /**
   * `payment`: the checkout frame, whose Content-Security-Policy also admits the PG's
   * payment widget and the postcode search (see origin/page-response.ts). Others: strict.
   */
  csp?: 'payment';
}

export const contentTypes = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  text: 'text/plain; charset=utf-8',
} as const;
