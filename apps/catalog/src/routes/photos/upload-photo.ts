import { problemResponses, type UploadLimit } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { photoSchema } from '../../contract/photos.ts';
import { photoTooLarge } from '../../photos/errors.ts';
import { PHOTO_POLICY } from '../../photos/process-photo.ts';
import { uploadPhoto } from '../../photos/upload-photo.ts';
import { type CatalogApp, farmRouteSecurity, type RouteDeps } from '../deps.ts';
import { farmParams } from '../params.ts';
import { photoResponse, photoUploadForm } from './schema.ts';

/**
 * The request body limit for uploads: the file cap plus room for the multipart framing and
 * the text fields. Above it the kit answers 413 before the body is read; a request under it
 * whose file alone is over the cap gets 413 from the upload itself.
 */
export const photoUploadLimit: UploadLimit = {
  path: /^\/v1\/farms\/[^/]+\/photos$/,
  bytes: PHOTO_POLICY.maxBytes + 64 * 1024,
};

export const uploadPhotoRoute = createRoute({
  method: 'post',
  path: '/v1/farms/{farmId}/photos',
  tags: ['farmer'],
  summary: 'Upload a photo of the farm, one of its products or one of its lots',
  description:
    'multipart/form-data. The file must really be JPEG, PNG or WebP (judged by its bytes; anything else is 415), ' +
    'at most 10 MB (413) and 40 megapixels (422, checked from the header before decoding). It is turned upright, ' +
    'stripped of all metadata (EXIF, GPS) and stored only as WebP variants 320, 640 and 1280 px wide (never ' +
    'upscaled) under random names.',
  ...farmRouteSecurity,
  request: {
    params: farmParams,
    body: { required: true, content: { 'multipart/form-data': { schema: photoUploadForm } } },
  },
  responses: {
    201: { description: 'Stored', content: { 'application/json': { schema: photoSchema } } },
    ...problemResponses(400, 401, 404, 413, 415, 422),
  },
});

export function registerUploadPhoto(app: CatalogApp, deps: RouteDeps): void {
  app.openapi({ ...uploadPhotoRoute, middleware: deps.farmAccess }, async (c) => {
    const { farmId } = c.req.valid('param');
    const { file, subjectType, subjectId, alt } = c.req.valid('form');
    if (file.size > PHOTO_POLICY.maxBytes) throw photoTooLarge(PHOTO_POLICY.maxBytes);
    const photo = await uploadPhoto({ ...deps.ctx, ...deps.photos }, farmId, {
      subjectType,
      subjectId,
      alt,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    return c.json(photoResponse(photo), 201);
  });
}
