import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { updateAddress } from '../../domain/addresses.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { signedInRouteSecurity } from '../fields.ts';
import { accountIdOf } from '../principal.ts';
import { addressBody, addressParams, addressSchema, updateAddressBody } from './schema.ts';

export const updateAddressRoute = createRoute({
  method: 'patch',
  path: '/v1/me/addresses/{addressId}',
  tags: ['addresses'],
  summary: 'Change a delivery address or make it the default',
  ...signedInRouteSecurity,
  request: {
    params: addressParams,
    body: { required: true, content: { 'application/json': { schema: updateAddressBody } } },
  },
  responses: {
    200: { description: 'The updated address', content: { 'application/json': { schema: addressSchema } } },
    ...problemResponses(400, 401, 403, 404),
  },
});

export function registerUpdateAddress(app: IdentityApp, deps: RouteDeps): void {
  app.openapi({ ...updateAddressRoute, middleware: [deps.signedIn] }, async (c) => {
    const address = await updateAddress(deps.ctx, accountIdOf(c), c.req.valid('param').addressId, c.req.valid('json'));
    return c.json(addressBody(address), 200);
  });
}
