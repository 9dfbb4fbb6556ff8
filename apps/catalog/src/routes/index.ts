import { registerCreateBatchImport } from './batches/create-batch-import.ts';
import { registerGetBatchImport } from './batches/get-batch-import.ts';
import type { CatalogApp, RouteDeps } from './deps.ts';
import { registerGetFarm } from './farms/get-farm.ts';
import { registerGetInventory } from './farms/get-inventory.ts';
import { registerGetLotTrace } from './farms/get-lot-trace.ts';
import { registerUpdateFarm } from './farms/update-farm.ts';
import { registerConfirmHold } from './holds/confirm-hold.ts';
import { registerCreateHold } from './holds/create-hold.ts';
import { registerReleaseHold } from './holds/release-hold.ts';
import { registerAdjustLot } from './lots/adjust-lot.ts';
import { registerCreateLot } from './lots/create-lot.ts';
import { registerEndLot } from './lots/end-lot.ts';
import { registerCreateOffer } from './offers/create-offer.ts';
import { registerUpdateOffer } from './offers/update-offer.ts';
import { registerDeletePhoto } from './photos/delete-photo.ts';
import { registerGetMedia } from './photos/get-media.ts';
import { registerUploadPhoto } from './photos/upload-photo.ts';
import { registerCreateProduct } from './products/create-product.ts';
import { registerGetProduct } from './products/get-product.ts';
import { registerListProducts } from './products/list-products.ts';
import { registerUpdateProduct } from './products/update-product.ts';
import { registerSearchOffers } from './search/search-offers.ts';

/** Every catalog route, in the order the docs list them: public reads, farmer edits, internal holds. */
export function registerRoutes(app: CatalogApp, deps: RouteDeps): void {
  registerListProducts(app, deps);
  registerSearchOffers(app, deps);
  registerGetProduct(app, deps);
  registerGetFarm(app, deps);
  registerGetLotTrace(app, deps);
  registerGetMedia(app, deps);
  registerUpdateFarm(app, deps);
  registerGetInventory(app, deps);
  registerCreateProduct(app, deps);
  registerUpdateProduct(app, deps);
  registerCreateOffer(app, deps);
  registerUpdateOffer(app, deps);
  registerCreateLot(app, deps);
  registerAdjustLot(app, deps);
  registerEndLot(app, deps);
  registerCreateBatchImport(app, deps);
  registerGetBatchImport(app, deps);
  registerUploadPhoto(app, deps);
  registerDeletePhoto(app, deps);
  registerCreateHold(app, deps);
  registerConfirmHold(app, deps);
  registerReleaseHold(app, deps);
}
