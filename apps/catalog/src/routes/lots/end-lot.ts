import { principalOf, problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { inventoryLotSchema } from '../../contract/inventory.ts';
import { endLot } from '../../domain/lot-adjustments.ts';
import { type CatalogApp, farmRouteSecurity, type RouteDeps } from '../deps.ts';
import { farmLotParams } from '../params.ts';
import { endLotBody, inventoryLotResponse } from './schema.ts';

export const endLotRoute = createRoute({
  method: 'post',
  path: '/v1/farms/{farmId}/lots/{lotId}/end',
  tags: ['farmer'],
  summary: 'End a lot early: withdraw its unreserved boxes from sale for good',
  description:
    'Sets `endedAt`; the boxes not held for a checkout are withdrawn (recorded as an `ended` adjustment) and the lot is never allocated to a hold again, not even boxes a hold on it gives back later (those are withdrawn too). Holds already on it can still be confirmed. StockLevelChanged when the offer crosses a threshold. Idempotent: ending an ended lot answers 200 with the lot as it is and records nothing. The body is optional.',
  ...farmRouteSecurity,
  request: {
    params: farmLotParams,
    body: {
      required: false,
      content: {
        'application/json': {
          schema: endLotBody,
          examples: { hail: { summary: 'with a note', value: { note: '우박 피해로 조기 판매 종료' } } },
        },
      },
    },
  },
  responses: {
    200: {
      description: 'The ended lot as the inventory shows it (also when it was already ended)',
      content: { 'application/json': { schema: inventoryLotSchema } },
    },
    ...problemResponses(400, 401, 404, 415),
  },
});

export function registerEndLot(app: CatalogApp, deps: RouteDeps): void {
  app.openapi({ ...endLotRoute, middleware: deps.farmAccess }, async (c) => {
    const { farmId, lotId } = c.req.valid('param');
    // Without a JSON body the validator hands over `{}` as is, so the note may be missing.
    const { note } = c.req.valid('json');
    const lot = await endLot(deps.ctx, { farmId, lotId, accountId: principalOf(c).subject }, note ?? '');
    return c.json(inventoryLotResponse(lot), 200);
  });
}
