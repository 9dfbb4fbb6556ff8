import { z } from '@hono/zod-openapi';
import { PHOTO_ID, PRODUCT_ID } from '../../contract/examples.ts';
import { MEDIA_KEY_EXAMPLE, MEDIA_URL_PREFIX, type photoSchema } from '../../contract/photos.ts';
import { photoSubjects } from '../../contract/values.ts';
import type { Photo } from '../../domain/photo-reads.ts';
import { farmParams } from '../params.ts';

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
  key: z.string().openapi({ param: { name: 'key', in: 'path' }, example: MEDIA_KEY_EXAMPLE }),
});
