export { ordersContext } from './context.ts';
export * from './schema.ts';
