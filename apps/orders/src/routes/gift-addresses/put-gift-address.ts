import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { giftAddressBody, giftAddressViewSchema } from '../../contract/gifts.ts';
import { giveGiftAddress } from '../../domain/gift-addresses.ts';
import type { OrdersApp, RouteDeps } from '../deps.ts';
import { giftAddressParams, publicRouteSecurity } from './schema.ts';

export const putGiftAddressRoute = createRoute({
  method: 'put',
  path: '/v1/gift-addresses/{token}',
  tags: ['gifts'],
  summary: 'A gift recipient gives their own address, once, before the deadline',
  description:
    'Public: the signed link is the credential. The address is checked at logistics (409 `area_unserved`), stored, and the date booked. 404 for a link that is not ours; 409 `address_already_given`, `address_deadline_passed`, `order_not_paid`.',
  ...publicRouteSecurity,
  request: {
    params: giftAddressParams,
    body: { required: true, content: { 'application/json': { schema: giftAddressBody } } },
  },
  responses: {
    200: {
      description: 'Address taken; the gift is booked',
      content: { 'application/json': { schema: giftAddressViewSchema } },
    },
    ...problemResponses(400, 404, 409),
  },
});

export function registerPutGiftAddress(app: OrdersApp, deps: RouteDeps): void {
  app.openapi(putGiftAddressRoute, async (c) => {
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    const view = await giveGiftAddress(deps.ctx, c.req.valid('param').token, c.req.valid('json'), c.get('requestId'));
    return c.json(view, 200);
  });
}
