import { problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { mediaNotFound } from '../../photos/errors.ts';
import { isPhotoKey } from '../../photos/photo-key.ts';
import type { CatalogApp, RouteDeps } from '../deps.ts';
import { mediaParams } from './schema.ts';

/** A stored variant never changes (a new upload gets new names), so browsers and the edge may keep it for a year. */
export const MEDIA_CACHE_CONTROL = 'public, max-age=31536000, immutable';

export const getMediaRoute = createRoute({
  method: 'get',
  path: '/v1/media/{key}',
  tags: ['catalog'],
  summary: 'A stored photo variant (WebP)',
  description: 'The `url` of a photo variant. Unknown and malformed keys are 404.',
  request: { params: mediaParams },
  responses: {
    200: {
      description: 'The image',
      content: { 'image/webp': { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
    },
    ...problemResponses(404),
  },
});

export function registerGetMedia(app: CatalogApp, deps: RouteDeps): void {
  app.openapi(getMediaRoute, async (c) => {
    const { key } = c.req.valid('param');
    // Checked here so a malformed key is a plain 404, never an error from the store.
    if (!isPhotoKey(key)) throw mediaNotFound();
    const stored = await deps.photos.store.get(key);
    if (!stored) throw mediaNotFound();
    return c.body(stored.bytes, 200, {
      'content-type': stored.contentType,
      'content-length': String(stored.bytes.byteLength),
      'cache-control': MEDIA_CACHE_CONTROL,
      // Images only: even if a stored file were ever not one, a browser would neither sniff
      // it into HTML nor run anything in it.
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    });
  });
}
