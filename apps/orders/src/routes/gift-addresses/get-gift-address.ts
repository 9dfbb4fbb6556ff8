import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { giftAddressViewSchema } from '../../contract/gifts.ts';
import { readGiftAddress } from '../../domain/gift-addresses.ts';
import type { OrdersApp, RouteDeps } from '../deps.ts';
import { giftAddressParams, publicRouteSecurity } from './schema.ts';

export const getGiftAddressRoute = createRoute({
  method: 'get',
  path: '/v1/gift-addresses/{token}',
  tags: ['gifts'],
  summary: "A gift recipient's link: who the gift is for, the farm, the products, the date and the deadline",
  description:
    'Public: the signed link is the credential. Nothing of the buyer. 404 for a link that is not ours or no longer the fulfilment’s; 409 `address_already_given` or `address_deadline_passed`.',
  ...publicRouteSecurity,
  request: { params: giftAddressParams },
  responses: {
    200: {
      description: 'Still waiting for the address',
      content: { 'application/json': { schema: giftAddressViewSchema } },
    },
    ...problemResponses(400, 404, 409),
  },
});

export function registerGetGiftAddress(app: OrdersApp, deps: RouteDeps): void {
  app.openapi(getGiftAddressRoute, async (c) => {
    // Personal data behind a secret link: never kept by a cache or sent on as a referrer.
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    return c.json(await readGiftAddress(deps.ctx, c.req.valid('param').token), 200);
  });
}
