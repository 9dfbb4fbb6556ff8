import { problemResponses, serviceTokenSecurity } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { PAYOUT_ACCOUNTS_SCOPE, payoutAccountSchema } from '../../contract/internal-payout-accounts.ts';
import { getPayoutAccount } from '../../domain/payout-accounts.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';

export const getPayoutAccountRoute = createRoute({
  method: 'get',
  path: '/internal/v1/farms/{farmId}/payout-account',
  tags: ['internal'],
  summary: "A verified farm's payout bank account (payments only)",
  description:
    "The account the farm's verified application gave, unsealed, for the weekly payout. Never routed from outside; the internal-route guard wants a service token for identity with `identity:payout-accounts`.",
  security: serviceTokenSecurity(PAYOUT_ACCOUNTS_SCOPE),
  request: { params: z.object({ farmId: z.uuid().openapi({ example: '0196f0c2-7b3a-7c1e-8f00-000000000300' }) }) },
  responses: {
    200: { description: 'The payout account', content: { 'application/json': { schema: payoutAccountSchema } } },
    ...problemResponses(400, 401, 403, 404),
  },
});

export function registerGetPayoutAccount(app: IdentityApp, deps: RouteDeps): void {
  app.openapi(getPayoutAccountRoute, async (c) => {
    const account = await getPayoutAccount(deps.ctx, c.req.valid('param').farmId);
    // An account number: never cached anywhere on the way.
    c.header('cache-control', 'no-store');
    return c.json(account, 200);
  });
}
