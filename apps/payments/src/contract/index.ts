// payments' contract: what other services and the storefront may rely on (zod shapes, value
// lists, operations as data; never database code).

export * from './examples.ts';
export * from './internal-refunds.ts';
export * from './ledger.ts';
export * from './payments.ts';
export * from './values.ts';
