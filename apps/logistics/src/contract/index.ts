// logistics' contract: what other services and the storefront may rely on (zod shapes, value
// lists, operations as data; never database code).

export * from './closures.ts';
export * from './examples.ts';
export * from './farm-settings.ts';
export * from './internal-bookings.ts';
export * from './promise.ts';
export * from './shipments.ts';
export * from './tracking.ts';
export * from './values.ts';
