export { logisticsContext } from './context.ts';
export * from './schema.ts';
