// orders' contract: what other services and the storefront may rely on (zod shapes, value
// lists, operations as data; never database code).

export * from './examples.ts';
export * from './gifts.ts';
export * from './internal-payments.ts';
export * from './public-shapes.ts';
export * from './values.ts';
