import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { listAddresses } from '../../domain/addresses.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { signedInRouteSecurity } from '../fields.ts';
import { accountIdOf } from '../principal.ts';
import { addressBody, addressListSchema } from './schema.ts';

export const listAddressesRoute = createRoute({
  method: 'get',
  path: '/v1/me/addresses',
  tags: ['addresses'],
  summary: 'Your delivery addresses, default first',
  ...signedInRouteSecurity,
  responses: {
    200: { description: 'The address book', content: { 'application/json': { schema: addressListSchema } } },
    ...problemResponses(401, 403),
  },
});

export function registerListAddresses(app: IdentityApp, deps: RouteDeps): void {
  app.openapi({ ...listAddressesRoute, middleware: [deps.signedIn] }, async (c) => {
    const items = await listAddresses(deps.ctx, accountIdOf(c));
    c.header('cache-control', 'private, no-store');
    return c.json({ items: items.map(addressBody) }, 200);
  });
}
