// catalog's contract: what other services and the storefront may rely on. Zod schemas, value
// lists and event payload types only — never database code — so a caller imports this entry
// (`@fruitables/catalog/contract`) instead of re-declaring catalog's shapes.

export type { PlatformEvent } from '@fruitables/events';
export * from './examples.ts';
export * from './internal-holds.ts';
export * from './inventory.ts';
export * from './offer-lookup.ts';
export * from './photos.ts';
export * from './public-reads.ts';
export * from './values.ts';
