/** @jsxImportSource hono/jsx */
import type { LotTrace } from '../catalog/schemas.ts';
import { productName } from '../format/korean.ts';
import { AccountPage, CartPage, LoginPage, NotFoundPage, SignupPage } from '../pages/account-pages.tsx';
import { ConsolePage, consoleScreens } from '../pages/console-pages.tsx';
import { ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage } from '../pages/email-link-pages.tsx';
import { FarmPage } from '../pages/farm-page.tsx';
import { HomePage } from '../pages/home-page.tsx';
import { FruitsPage, ListingPage } from '../pages/listing-page.tsx';
import { LotPage } from '../pages/lot-page.tsx';
import { ProductPage } from '../pages/product-page.tsx';
import {
  CheckoutPage,
  GiftAddressPage,
  OrdersPage,
  PaymentFailPage,
  PaymentSuccessPage,
} from '../pages/purchase-pages.tsx';
import { SearchPage } from '../pages/search-page.tsx';
import { surrogateKeys as k, paths } from './paths.ts';
import { absoluteUrl, type RenderContext } from './render-context.ts';
import { contentTypes, type RenderedPage } from './rendered-page.ts';
import { freshestHarvest, lowestPrice, type SiteView, thumbnailOf } from './site-data.ts';

type Element = ReturnType<typeof HomePage>;

/** A page component to a document. Every page is synchronous: a Promise here is a bug. */
function html(element: Element): string {
  if (element instanceof Promise) throw new Error('storefront pages must render synchronously');
  return `<!doctype html>${element.toString()}`;
}

const page = (path: string, element: Element, keys: string[]): RenderedPage => ({
  path,
  body: html(element),
  contentType: contentTypes.html,
  keys: [k.site, ...keys],
  cache: 'page',
});

export function renderHomePage(context: RenderContext, view: SiteView): RenderedPage {
  return page(paths.home, <HomePage context={context} view={view} />, [k.home]);
}

export function renderFruitsPage(context: RenderContext, view: SiteView): RenderedPage {
  return page(paths.fruits, <FruitsPage context={context} fruits={view.fruits} />, [k.fruits]);
}

/** null when no product of this fruit is on sale any more: the page goes. */
export function renderListingPage(context: RenderContext, view: SiteView, fruit: string): RenderedPage | null {
  const products = view.byFruit.get(fruit);
  if (!products || products.length === 0) return null;
  return page(
    paths.listing(fruit),
    <ListingPage context={context} fruit={fruit} products={products} farms={view.data.farms} />,
    [k.listing(fruit)],
  );
}

export function renderProductPage(context: RenderContext, view: SiteView, productId: string): RenderedPage | null {
  const product = view.data.products.get(productId);
  if (!product) return null;
  return page(
    paths.product(product.id),
    <ProductPage context={context} product={product} farm={view.data.farms.get(product.farmId)} />,
    [k.product(product.id), k.farm(product.farmId)],
  );
}

export function renderFarmPage(context: RenderContext, view: SiteView, farmId: string): RenderedPage | null {
  const farm = view.data.farms.get(farmId);
  if (!farm) return null;
  return page(
    paths.farm(farm.id),
    <FarmPage context={context} farm={farm} products={view.byFarm.get(farm.id) ?? []} />,
    [k.farm(farm.id), k.farmProducts(farm.id)],
  );
}

/** Rendered on request by the origin (there is no list of every lot), cached at the edge. */
export function renderLotPage(context: RenderContext, lot: LotTrace): RenderedPage {
  return page(paths.lot(lot.farm.id, lot.lotCode), <LotPage context={context} lot={lot} />, [
    k.farm(lot.farm.id),
    k.farmLots(lot.farm.id),
    k.product(lot.product.id),
  ]);
}

/** The search island's index: one row per product, small field names kept readable. */
export function renderSearchIndex(view: SiteView): RenderedPage {
  const rows = view.products.map((product) => {
    const farm = view.data.farms.get(product.farmId);
    return {
      url: paths.product(product.id),
      name: productName(product),
      fruit: product.fruit,
      variety: product.variety,
      farm: farm?.name ?? '',
      region: farm ? `${farm.regionSido} ${farm.regionSigungu}` : '',
      grades: [...new Set(product.offers.map((offer) => offer.grade))],
      price: lowestPrice(product),
      inStock: product.offers.some((offer) => offer.stockState !== 'sold_out'),
      harvestedOn: freshestHarvest(product)?.harvestedOn ?? null,
      thumbnail: thumbnailOf(product),
    };
  });
  return {
    path: paths.searchIndex,
    body: JSON.stringify(rows),
    contentType: contentTypes.json,
    keys: [k.site, k.search],
    cache: 'page',
  };
}

const xmlEscape = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

export function renderSitemap(context: RenderContext, view: SiteView): RenderedPage {
  const urls = [
    paths.home,
    paths.fruits,
    paths.search,
    ...view.fruits.map(({ fruit }) => paths.listing(fruit)),
    ...view.products.map((product) => paths.product(product.id)),
    ...[...view.data.farms.keys()].sort().map((farmId) => paths.farm(farmId)),
  ];
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls.map((path) => `<url><loc>${xmlEscape(absoluteUrl(context.config, path))}</loc></url>`),
    '</urlset>',
    '',
  ].join('\n');
  return { path: paths.sitemap, body, contentType: contentTypes.xml, keys: [k.site, k.sitemap], cache: 'page' };
}

export function renderRobots(context: RenderContext): RenderedPage {
  const body = [
    'User-agent: *',
    `Disallow: ${paths.cart}`,
    `Disallow: ${paths.login}`,
    `Disallow: ${paths.signup}`,
    `Disallow: ${paths.account}`,
    `Disallow: ${paths.checkout}`,
    `Disallow: ${paths.giftAddress}`,
    'Disallow: /farmer/',
    'Disallow: /admin/',
    'Disallow: /api/',
    '',
    `Sitemap: ${absoluteUrl(context.config, paths.sitemap)}`,
    '',
  ].join('\n');
  return { path: paths.robots, body, contentType: contentTypes.text, keys: [k.site], cache: 'page' };
}

/** Pages whose HTML depends on no catalog data (their islands do the work). */
export function renderFramePages(context: RenderContext): RenderedPage[] {
  return [
    page(paths.search, <SearchPage context={context} />, []),
    page(paths.cart, <CartPage context={context} />, []),
    page(paths.login, <LoginPage context={context} />, []),
    page(paths.signup, <SignupPage context={context} />, []),
    page(paths.account, <AccountPage context={context} />, []),
    page(paths.verifyEmail, <VerifyEmailPage context={context} />, []),
    page(paths.resetPassword, <ResetPasswordPage context={context} />, []),
    page(paths.forgotPassword, <ForgotPasswordPage context={context} />, []),
    { ...page(paths.notFound, <NotFoundPage context={context} />, []), cache: 'notFound' },
    { ...page(paths.checkout, <CheckoutPage context={context} />, []), cache: 'personal', csp: 'payment' },
    { ...page(paths.checkoutSuccess, <PaymentSuccessPage context={context} />, []), cache: 'personal' },
    { ...page(paths.checkoutFail, <PaymentFailPage context={context} />, []), cache: 'personal' },
    { ...page(paths.orders, <OrdersPage context={context} />, []), cache: 'personal' },
    { ...page(paths.giftAddress, <GiftAddressPage context={context} />, []), cache: 'personal' },
    ...consoleScreens.map((screen) => ({
      ...page(screen.path, <ConsolePage context={context} screen={screen} />, []),
      cache: 'console' as const,
    })),
  ];
}
