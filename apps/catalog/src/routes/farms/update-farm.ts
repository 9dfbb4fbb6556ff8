import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { farmSchema } from '../../contract/public-reads.ts';
import { updateFarmProfile } from '../../domain/update-farm.ts';
import { type CatalogApp, farmRouteSecurity, type RouteDeps } from '../deps.ts';
import { farmParams } from '../params.ts';
import { farmProfilePatch } from './profile-schema.ts';

export const updateFarmRoute = createRoute({
  method: 'patch',
  path: '/v1/farms/{farmId}',
  tags: ['farmer'],
  summary: 'Edit the farm profile',
  description:
    'Name, region (시/도 and 시/군/구), story and certifications, as shoppers see them. A real change emits FarmUpdated; saving the same values again emits nothing.',
  ...farmRouteSecurity,
  request: {
    params: farmParams,
    body: { required: true, content: { 'application/json': { schema: farmProfilePatch } } },
  },
  responses: {
    200: { description: 'The farm as it is now', content: { 'application/json': { schema: farmSchema } } },
    ...problemResponses(400, 401, 404),
  },
});

export function registerUpdateFarm(app: CatalogApp, deps: RouteDeps): void {
  app.openapi({ ...updateFarmRoute, middleware: deps.farmAccess }, async (c) => {
    const farm = await updateFarmProfile(deps.ctx, c.req.valid('param').farmId, c.req.valid('json'));
    const { id, name, regionSido, regionSigungu, story, certifications } = farm;
    return c.json({ id, name, regionSido, regionSigungu, story, certifications }, 200);
  });
}
