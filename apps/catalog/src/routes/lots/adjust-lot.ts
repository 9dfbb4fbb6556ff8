import { principalOf, problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { inventoryLotSchema } from '../../contract/inventory.ts';
import { adjustLot } from '../../domain/lot-adjustments.ts';
import { type CatalogApp, farmRouteSecurity, type RouteDeps } from '../deps.ts';
import { farmLotParams } from '../params.ts';
import { inventoryLotResponse, lotAdjustmentBody } from './schema.ts';

export const adjustLotRoute = createRoute({
  method: 'post',
  path: '/v1/farms/{farmId}/lots/{lotId}/adjustments',
  tags: ['farmer'],
  summary: "Set a lot's boxes on hand after damage or a recount",
  description:
    'Sets `onHand` (held boxes included) and records who, when, why and the previous count in the audit trail, in one transaction under the lot lock, so concurrent holds never see a half-made change. `damage` must lower the count; `recount` sets what was counted (the same count is recorded too). StockLevelChanged when the offer crosses in_stock / low / sold_out. 409 `on_hand_below_reserved` below the boxes held for checkouts, `on_hand_over_harvest` above the harvest minus sales, `damage_must_lower_on_hand`, `lot_ended` for an ended lot.',
  ...farmRouteSecurity,
  request: {
    params: farmLotParams,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: lotAdjustmentBody,
          examples: {
            damage: { summary: '3 boxes damaged', value: { onHand: 28, reason: 'damage', note: '운송 중 3상자 파손' } },
            recount: { summary: 'counted again', value: { onHand: 33, reason: 'recount', note: '창고 재고 조사' } },
          },
        },
      },
    },
  },
  responses: {
    200: {
      description: 'The lot as the inventory shows it, after the adjustment',
      content: { 'application/json': { schema: inventoryLotSchema } },
    },
    ...problemResponses(400, 401, 404, 409, 415),
  },
});

export function registerAdjustLot(app: CatalogApp, deps: RouteDeps): void {
  app.openapi({ ...adjustLotRoute, middleware: deps.farmAccess }, async (c) => {
    const { farmId, lotId } = c.req.valid('param');
    const actor = { farmId, lotId, accountId: principalOf(c).subject };
    const lot = await adjustLot(deps.ctx, actor, c.req.valid('json'));
    return c.json(inventoryLotResponse(lot), 200);
  });
}
