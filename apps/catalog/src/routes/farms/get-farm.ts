import { farmNotFound } from '@fruitables/core';
import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { publicFarmSchema } from '../../contract/public-reads.ts';
import { findFarm } from '../../domain/farms.ts';
import { photosOf } from '../../domain/photo-reads.ts';
import { cacheableJson, notModified } from '../cacheable.ts';
import type { CatalogApp, RouteDeps } from '../deps.ts';
import { farmParams } from '../params.ts';
import { photoResponse } from '../photos/schema.ts';

export const getFarmRoute = createRoute({
  method: 'get',
  path: '/v1/farms/{farmId}',
  tags: ['catalog'],
  summary: 'A farm profile',
  request: { params: farmParams },
  responses: {
    200: { description: 'The farm', content: { 'application/json': { schema: publicFarmSchema } } },
    ...notModified,
    ...problemResponses(400, 404),
  },
});

export function registerGetFarm(app: CatalogApp, deps: RouteDeps): void {
  app.openapi(getFarmRoute, async (c) => {
    const farm = await findFarm(deps.ctx.db, c.req.valid('param').farmId);
    if (!farm) throw farmNotFound();
    const { id, name, regionSido, regionSigungu, story, certifications } = farm;
    const photos = (await photosOf(deps.ctx.db, 'farm', [id])).get(id) ?? [];
    return cacheableJson(c, {
      id,
      name,
      regionSido,
      regionSigungu,
      story,
      certifications,
      photos: photos.map(photoResponse),
    });
  });
}
