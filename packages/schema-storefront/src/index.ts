export { storefrontContext } from './context.ts';
export { inbox, storefrontTables } from './schema.ts';
