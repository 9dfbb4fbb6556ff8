import { photoSubjects } from '@fruitables/schema-catalog';
import { z } from '@hono/zod-openapi';
import type { Photo } from '../../domain/photo-reads.ts';
import { farmParams, PRODUCT_ID } from '../params.ts';

export const PHOTO_ID = '0196f0c2-7b3a-7c1e-8f00-000000000050';
const KEY_EXAMPLE = '3f0c9d52-8a4e-4b7a-9c1d-2e4f5a6b7c8d-640.webp';

/** Variant URLs as browsers use them: through the edge, which maps `/api/catalog/...` onto this service. */
export const MEDIA_URL_PREFIX = '/api/catalog/v1/media/';

export const photoSchema = z
  .object({
    id: z.uuid().openapi({ example: PHOTO_ID }),
    subjectType: z.enum(photoSubjects).openapi({ example: 'product' }),
    subjectId: z.uuid().openapi({ example: PRODUCT_ID }),
    width: z.number().int().openapi({ example: 1280, description: 'Of the largest variant' }),
    height: z.number().int().openapi({ example: 960 }),
    alt: z.string().openapi({ example: '수확 직전의 부사 사과' }),
    variants: z
      .array(
        z.object({
          width: z.number().int().openapi({ example: 640 }),
          height: z.number().int().openapi({ example: 480 }),
          url: z.string().openapi({ example: `${MEDIA_URL_PREFIX}${KEY_EXAMPLE}` }),
        }),
      )
      .openapi({ description: 'WebP renditions, narrowest first (for srcset); never wider than the upload' }),
    createdAt: z.iso.datetime().openapi({ example: '2026-11-12T09:30:00.000Z' }),
  })
  .openapi('Photo');

export const photoResponse = (photo: Photo): z.infer<typeof photoSchema> => ({
  id: photo.id,
  subjectType: photo.subjectType,
  subjectId: photo.subjectId,
  width: photo.width,
  height: photo.height,
  alt: photo.alt,
  variants: photo.variants.map(({ width, height, key }) => ({ width, height, url: `${MEDIA_URL_PREFIX}${key}` })),
  createdAt: photo.createdAt.toISOString(),
});

export const photoUploadForm = z
  .object({
    file: z.file('사진 파일을 첨부하세요. Attach the photo as `file`.').openapi({
      type: 'string',
      format: 'binary',
      description: 'JPEG, PNG or WebP (checked by content, not by name), at most 10 MB and 40 megapixels',
    }),
    subjectType: z
      .enum(photoSubjects, '사진 대상은 farm, product, lot 중 하나입니다. Use farm, product or lot.')
      .openapi({ example: 'product' }),
    subjectId: z
      .uuid('사진 대상 ID가 올바르지 않습니다. Not a valid id.')
      .openapi({ example: PRODUCT_ID, description: 'The farm id itself for a farm photo' }),
    alt: z
      .string()
      .trim()
      .max(300, '설명은 300자까지입니다. Describe the photo in at most 300 characters.')
      .default('')
      .openapi({ example: '수확 직전의 부사 사과', description: 'Alternative text for screen readers' }),
  })
  .openapi('PhotoUpload');

export const farmPhotoParams = farmParams.extend({
  photoId: z
    .uuid('photoId가 올바른 ID가 아닙니다. Not a valid id.')
    .openapi({ param: { name: 'photoId', in: 'path' }, example: PHOTO_ID }),
});

// Any string: a malformed key is answered 404 like an unknown one, not 400, since to a
// browser both are simply "no such image" (the handler checks the format).
export const mediaParams = z.object({
  key: z.string().openapi({ param: { name: 'key', in: 'path' }, example: KEY_EXAMPLE }),
});
