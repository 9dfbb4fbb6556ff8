import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { deletePhoto } from '../../photos/delete-photo.ts';
import { type CatalogApp, farmRouteSecurity, type RouteDeps } from '../deps.ts';
import { farmPhotoParams } from './schema.ts';

export const deletePhotoRoute = createRoute({
  method: 'delete',
  path: '/v1/farms/{farmId}/photos/{photoId}',
  tags: ['farmer'],
  summary: "Delete one of the farm's photos and its stored files",
  ...farmRouteSecurity,
  request: { params: farmPhotoParams },
  responses: {
    204: { description: 'Deleted' },
    ...problemResponses(400, 401, 404),
  },
});

export function registerDeletePhoto(app: CatalogApp, deps: RouteDeps): void {
  app.openapi({ ...deletePhotoRoute, middleware: deps.farmAccess }, async (c) => {
    const { farmId, photoId } = c.req.valid('param');
    await deletePhoto({ ...deps.ctx, ...deps.photos }, farmId, photoId);
    return c.body(null, 204);
  });
}
