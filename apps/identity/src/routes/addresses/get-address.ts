import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { getAddress } from '../../domain/addresses.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { signedInRouteSecurity } from '../fields.ts';
import { accountIdOf } from '../principal.ts';
import { addressBody, addressParams, addressSchema } from './schema.ts';

export const getAddressRoute = createRoute({
  method: 'get',
  path: '/v1/me/addresses/{addressId}',
  tags: ['addresses'],
  summary: 'One of your delivery addresses',
  description: "Another person's address id answers 404, exactly like an id that does not exist.",
  ...signedInRouteSecurity,
  request: { params: addressParams },
  responses: {
    200: { description: 'The address', content: { 'application/json': { schema: addressSchema } } },
    ...problemResponses(400, 401, 403, 404),
  },
});

export function registerGetAddress(app: IdentityApp, deps: RouteDeps): void {
  app.openapi({ ...getAddressRoute, middleware: [deps.signedIn] }, async (c) => {
    const address = await getAddress(deps.ctx, accountIdOf(c), c.req.valid('param').addressId);
    c.header('cache-control', 'private, no-store');
    return c.json(addressBody(address), 200);
  });
}
