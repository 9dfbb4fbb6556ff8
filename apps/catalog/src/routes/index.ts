import type { CatalogApp, RouteDeps } from './deps.ts';
import { registerGetFarm } from './farms/get-farm.ts';
import { registerGetInventory } from './farms/get-inventory.ts';
import { registerGetLotTrace } from './farms/get-lot-trace.ts';
import { registerUpdateFarm } from './farms/update-farm.ts';
import { registerConfirmHold } from './holds/confirm-hold.ts';
import { registerCreateHold } from './holds/create-hold.ts';
import { registerReleaseHold } from './holds/release-hold.ts';
import { registerCreateLot } from './lots/create-lot.ts';
import { registerCreateOffer } from './offers/create-offer.ts';
import { registerUpdateOffer } from './offers/update-offer.ts';
import { registerCreateProduct } from './products/create-product.ts';
import { registerGetProduct } from './products/get-product.ts';
import { registerListProducts } from './products/list-products.ts';
import { registerUpdateProduct } from './products/update-product.ts';

/** Every catalog route, in the order the docs list them: public reads, farmer edits, internal holds. */
export function registerRoutes(app: CatalogApp, deps: RouteDeps): void {
  registerListProducts(app, deps);
  registerGetProduct(app, deps);
  registerGetFarm(app, deps);
  registerGetLotTrace(app, deps);
  registerUpdateFarm(app, deps);
  registerGetInventory(app, deps);
  registerCreateProduct(app, deps);
  registerUpdateProduct(app, deps);
  registerCreateOffer(app, deps);
  registerUpdateOffer(app, deps);
  registerCreateLot(app, deps);
  registerCreateHold(app, deps);
  registerConfirmHold(app, deps);
  registerReleaseHold(app, deps);
}
