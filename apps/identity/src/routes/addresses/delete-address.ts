import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { deleteAddress } from '../../domain/addresses.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { signedInRouteSecurity } from '../fields.ts';
import { accountIdOf } from '../principal.ts';
import { addressParams } from './schema.ts';

export const deleteAddressRoute = createRoute({
  method: 'delete',
  path: '/v1/me/addresses/{addressId}',
  tags: ['addresses'],
  summary: 'Delete a delivery address',
  description: 'Deleting the default makes the newest remaining address the default.',
  ...signedInRouteSecurity,
  request: { params: addressParams },
  responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 403, 404) },
});

export function registerDeleteAddress(app: IdentityApp, deps: RouteDeps): void {
  app.openapi({ ...deleteAddressRoute, middleware: [deps.signedIn] }, async (c) => {
    await deleteAddress(deps.ctx, accountIdOf(c), c.req.valid('param').addressId);
    return c.body(null, 204);
  });
}
