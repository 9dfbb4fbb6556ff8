import type { Assets } from './assets.ts';

/** The shop's settings that pages print (from the storefront's environment). */
export interface ShopConfig {
  /** Absolute origin shoppers use, for canonical links, Open Graph and the sitemap (no trailing slash). */
  publicUrl: string;
  /** Where the islands call identity and catalog: through the edge, e.g. `/api/identity`. */
  identityApi: string;
  catalogApi: string;
  /** `HH:MM` in Asia/Seoul: order by this time for next-morning delivery. */
  deliveryCutoff: string;
  /** `HH:MM`: dawn deliveries arrive before this. */
  deliveryBy: string;
}

export interface RenderContext {
  config: ShopConfig;
  assets: Assets;
  /** When the page is rendered; decides "in season now" on the home page. */
  now: Date;
}

export const absoluteUrl = (config: ShopConfig, path: string): string => `${config.publicUrl}${path}`;
