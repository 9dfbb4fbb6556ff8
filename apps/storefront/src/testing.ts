export { type FixtureCatalogServer, startFixtureCatalog } from './testing/fixture-catalog-server.ts';
export {
  fixtureCatalog,
  fixtureFarm,
  fixtureLot,
  fixtureOffer,
  fixturePhoto,
  fixtureProduct,
} from './testing/fixture-data.ts';
