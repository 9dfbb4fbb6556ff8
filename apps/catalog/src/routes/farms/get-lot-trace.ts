import { problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { lotTraceSchema } from '../../contract/public-reads.ts';
import { findLotTrace } from '../../domain/catalog-reads.ts';
import { lotNotFound } from '../../domain/errors.ts';
import { cacheableJson, notModified } from '../cacheable.ts';
import type { CatalogApp, RouteDeps } from '../deps.ts';
import { farmParams } from '../params.ts';

const params = farmParams.extend({
  lotCode: z
    .string()
    .min(1)
    .max(40)
    .openapi({ param: { name: 'lotCode', in: 'path' }, example: 'CJ-2611-01' }),
});

export const getLotTraceRoute = createRoute({
  method: 'get',
  path: '/v1/farms/{farmId}/lots/{lotCode}',
  tags: ['catalog'],
  summary: 'Trace a box by its lot code: farm, offer, harvest date, Brix',
  description: 'What the QR code on a box points to. Lot codes are unique per farm.',
  request: { params },
  responses: {
    200: { description: 'The lot', content: { 'application/json': { schema: lotTraceSchema } } },
    ...notModified,
    ...problemResponses(400, 404),
  },
});

export function registerGetLotTrace(app: CatalogApp, deps: RouteDeps): void {
  app.openapi(getLotTraceRoute, async (c) => {
    const { farmId, lotCode } = c.req.valid('param');
    const lot = await findLotTrace(deps.ctx.db, farmId, lotCode);
    if (!lot) throw lotNotFound();
    return cacheableJson(c, {
      ...lot,
      brix: lot.brix === null ? null : Number(lot.brix),
      offer: { ...lot.offer, packKg: Number(lot.offer.packKg) },
    });
  });
}
