/**
 * Every URL the storefront serves. Hrefs are percent-encoded (Korean fruit names); the page
 * index is keyed by the decoded, NFC-normalised path (`pageKey`), which is what the origin
 * looks up after decoding a request.
 */
export const paths = {
  home: '/',
  fruits: '/fruits/',
  listing: (fruit: string) => `/fruits/${encodeURIComponent(fruit)}/`,
  product: (productId: string) => `/products/${encodeURIComponent(productId)}/`,
  farm: (farmId: string) => `/farms/${encodeURIComponent(farmId)}/`,
  lot: (farmId: string, lotCode: string) => `/farms/${encodeURIComponent(farmId)}/lots/${encodeURIComponent(lotCode)}/`,
  search: '/search/',
  searchIndex: '/data/search-index.json',
  cart: '/cart/',
  login: '/login/',
  signup: '/signup/',
  account: '/account/',
  /** Where identity's mails lead: `?token=` from the mail, read by the account island. */
  verifyEmail: '/account/verify/',
  resetPassword: '/account/reset/',
  forgotPassword: '/account/forgot/',
  /** Checkout and orders: one shopper's, never cached (see rendered-page.ts `personal`). */
  checkout: '/checkout/',
  /** Where the payment page returns: `?paymentKey&orderId&amount`, or `?code&message&orderId`. */
  checkoutSuccess: '/checkout/success/',
  checkoutFail: '/checkout/fail/',
  /** A gift recipient types their own address: `?token=` from the buyer's link; public, never cached. */
  giftAddress: '/gift/address/',
  /** My orders; one order at `?id=<orderId>`. */
  orders: '/account/orders/',
  order: (orderId: string) => `/account/orders/?id=${encodeURIComponent(orderId)}`,
  /** The farmer console and the admin pages: personal, never cached (see console/). */
  farmer: {
    dashboard: '/farmer/',
    apply: '/farmer/apply/',
    profile: '/farmer/profile/',
    batches: '/farmer/batches/',
    lots: '/farmer/lots/',
    offers: '/farmer/offers/',
    orders: '/farmer/orders/',
    shipping: '/farmer/shipping/',
    settlement: '/farmer/settlement/',
    templateCsv: '/farmer/templates/harvest-batch-template.csv',
    templateXlsx: '/farmer/templates/harvest-batch-template.xlsx',
  },
  admin: {
    applications: '/admin/',
    farms: '/admin/farms/',
    orders: '/admin/orders/',
    closures: '/admin/closures/',
  },
  sitemap: '/sitemap.xml',
  robots: '/robots.txt',
  notFound: '/404.html',
} as const;

/** The index key of a request path: decoded and NFC, so `%EC%82%AC%EA%B3%BC` and `사과` meet. */
export function pageKey(requestPath: string): string | null {
  try {
    return decodeURIComponent(requestPath).normalize('NFC');
  } catch {
    return null;
  }
}

/**
 * Surrogate keys (Varnish xkey) a page is tagged with, so the rebuilder can evict exactly
 * the pages an event touched. Keys are header tokens: no spaces, Hangul percent-encoded.
 */
export const surrogateKeys = {
  /** Every page and file of the shop: a deploy (new templates) evicts them all. */
  site: 'site',
  home: 'home',
  fruits: 'fruits',
  search: 'search',
  sitemap: 'sitemap',
  /** The product's own page (and its 404 before it exists). */
  product: (productId: string) => `product-${productId}`,
  /** Every page that shows the farm's profile (name, region, story, certifications). */
  farm: (farmId: string) => `farm-${farmId}`,
  /** The farm's lot trace pages (and their 404s): a new harvest lot evicts them. */
  farmLots: (farmId: string) => `farm-lots-${farmId}`,
  /** The farm page's list of products, which changes with any of them. */
  farmProducts: (farmId: string) => `farm-products-${farmId}`,
  listing: (fruit: string) => `listing-${encodeURIComponent(fruit)}`,
} as const;
