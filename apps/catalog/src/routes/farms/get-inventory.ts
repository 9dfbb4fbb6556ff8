import { farmNotFound } from '@fruitables/core';
import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { inventorySchema } from '../../contract/inventory.ts';
import { loadFarmInventory } from '../../domain/farm-inventory.ts';
import { findFarm } from '../../domain/farms.ts';
import { type CatalogApp, farmRouteSecurity, type RouteDeps } from '../deps.ts';
import { inventoryLotResponse } from '../lots/schema.ts';
import { farmParams } from '../params.ts';

export const getInventoryRoute = createRoute({
  method: 'get',
  path: '/v1/farms/{farmId}/inventory',
  tags: ['farmer'],
  summary: "The farm's products, offers and lots with stock counts",
  description:
    'Published or not, with on-hand, reserved and sold boxes per lot, whether each lot is still young enough to sell, when it was ended early (if it was) and its photos. For the farmer console; never cached.',
  ...farmRouteSecurity,
  request: { params: farmParams },
  responses: {
    200: { description: 'The inventory', content: { 'application/json': { schema: inventorySchema } } },
    ...problemResponses(400, 401, 404),
  },
});

export function registerGetInventory(app: CatalogApp, deps: RouteDeps): void {
  app.openapi({ ...getInventoryRoute, middleware: deps.farmAccess }, async (c) => {
    const { farmId } = c.req.valid('param');
    // An admin may name any id: a farm catalog never heard of is 404, not an empty inventory.
    if (!(await findFarm(deps.ctx.db, farmId))) throw farmNotFound();
    const products = await loadFarmInventory(deps.ctx, farmId);
    c.header('cache-control', 'private, no-store');
    return c.json(
      {
        products: products.map((product) => ({
          ...product,
          offers: product.offers.map((offer) => ({ ...offer, lots: offer.lots.map(inventoryLotResponse) })),
        })),
      },
      200,
    );
  });
}
