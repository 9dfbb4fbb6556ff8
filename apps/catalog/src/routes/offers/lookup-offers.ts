import { ValidationFailed } from '@fruitables/core';
import { problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { MAX_OFFER_LOOKUP, offerLookupQuery, offerSummaryListSchema } from '../../contract/offer-lookup.ts';
import { lookupOffers } from '../../domain/offer-lookup.ts';
import type { CatalogApp, RouteDeps } from '../deps.ts';

export const lookupOffersRoute = createRoute({
  method: 'get',
  path: '/v1/offers',
  tags: ['catalog'],
  summary: 'Published offers by id, with live price, stock state, per-order limit, product and farm',
  description:
    'What a cart or a checkout prices its lines with (orders). Unknown or unpublished offers are left out. Never cached: prices and stock must be live.',
  request: { query: offerLookupQuery },
  responses: {
    200: { description: 'The offers found', content: { 'application/json': { schema: offerSummaryListSchema } } },
    ...problemResponses(400),
  },
});

const offerId = z.uuid();

/** `a,b,c` → ids, each checked, at most MAX_OFFER_LOOKUP: a bad one names its position. */
function parseIds(text: string): string[] {
  const ids = text.split(',').filter((part) => part !== '');
  if (ids.length === 0 || ids.length > MAX_OFFER_LOOKUP) {
    throw new ValidationFailed(
      `판매 옵션 ID를 1~${MAX_OFFER_LOOKUP}개 보내 주세요. Send 1 to ${MAX_OFFER_LOOKUP} ids.`,
      [{ field: 'ids', message: `1 to ${MAX_OFFER_LOOKUP} comma-separated offer ids` }],
    );
  }
  const bad = ids.findIndex((id) => !offerId.safeParse(id).success);
  if (bad >= 0) {
    throw new ValidationFailed('판매 옵션 ID가 올바르지 않습니다. Not a valid offer id.', [
      { field: `ids[${bad}]`, message: 'not a valid offer id' },
    ]);
  }
  return ids;
}

export function registerLookupOffers(app: CatalogApp, deps: RouteDeps): void {
  app.openapi(lookupOffersRoute, async (c) => {
    const items = await lookupOffers(deps.ctx, parseIds(c.req.valid('query').ids));
    c.header('cache-control', 'no-store');
    return c.json({ items }, 200);
  });
}
