// identity's contract: what other services and the storefront may rely on. Zod schemas, value
// lists and event payload types only — never database code — so a caller imports this entry
// (`@fruitables/identity/contract`) instead of re-declaring identity's shapes.

export type { PlatformEvent } from '@fruitables/events';
export * from './admin-farms.ts';
export * from './farmer-applications.ts';
export * from './internal-payout-accounts.ts';
export * from './values.ts';
