import { z } from '@hono/zod-openapi';
import { PHOTO_ID, PRODUCT_ID } from './examples.ts';
import { photoSubjects } from './values.ts';

const KEY_EXAMPLE = '3f0c9d52-8a4e-4b7a-9c1d-2e4f5a6b7c8d-640.webp';

/** Variant URLs as browsers use them: through the edge, which maps `/api/catalog/...` onto this service. */
export const MEDIA_URL_PREFIX = '/api/catalog/v1/media/';
export const MEDIA_KEY_EXAMPLE = KEY_EXAMPLE;

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
export type Photo = z.infer<typeof photoSchema>;
