export { paymentsContext } from './context.ts';
export * from './schema.ts';
