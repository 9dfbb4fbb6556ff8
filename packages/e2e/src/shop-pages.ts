/** The shop's pages by kind, as its sitemap lists them (paths, percent-encoded like the links). */
export interface ShopPages {
  home: string;
  listings: string[];
  products: string[];
  farms: string[];
}

/** Reads the sitemap through the edge, so tests follow whatever catalog the platform holds. */
export async function shopPages(edgeUrl: string): Promise<ShopPages> {
  const response = await fetch(`${edgeUrl}/sitemap.xml`);
  if (!response.ok) throw new Error(`sitemap.xml answered ${response.status}`);
  const paths = [...(await response.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map(
    (match) => new URL(match[1] ?? '/').pathname,
  );
  return {
    home: '/',
    listings: paths.filter((path) => /^\/fruits\/[^/]+\/$/.test(path)),
    products: paths.filter((path) => path.startsWith('/products/')),
    farms: paths.filter((path) => /^\/farms\/[^/]+\/$/.test(path)),
  };
}
