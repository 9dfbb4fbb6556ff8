import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { createAddress } from '../../domain/addresses.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { signedInRouteSecurity } from '../fields.ts';
import { accountIdOf } from '../principal.ts';
import { addressBody, addressSchema, createAddressBody } from './schema.ts';

export const createAddressRoute = createRoute({
  method: 'post',
  path: '/v1/me/addresses',
  tags: ['addresses'],
  summary: 'Add a delivery address',
  ...signedInRouteSecurity,
  request: { body: { required: true, content: { 'application/json': { schema: createAddressBody } } } },
  responses: {
    201: { description: 'Added', content: { 'application/json': { schema: addressSchema } } },
    ...problemResponses(400, 401, 403, 409),
  },
});

export function registerCreateAddress(app: IdentityApp, deps: RouteDeps): void {
  app.openapi({ ...createAddressRoute, middleware: [deps.signedIn] }, async (c) => {
    const body = c.req.valid('json');
    const address = await createAddress(deps.ctx, accountIdOf(c), {
      ...body,
      deliveryNotes: body.deliveryNotes ?? null,
    });
    return c.json(addressBody(address), 201, { location: `/v1/me/addresses/${address.id}` });
  });
}
