import { z } from '@hono/zod-openapi';
import { FARM_ID, PRODUCT_ID } from '../../contract/examples.ts';
import type { Product } from '../../domain/products.ts';

const text = (max: number, message: string) =>
  z.string().trim().min(1, message).max(max, `${max}자 이하로 입력하세요. At most ${max} characters.`);

// The fields without defaults: a PATCH must leave out what it does not change. zod's
// `.partial()` keeps defaults, so a partial of the create body would reset every omitted
// field (an edit of the storage advice would unpublish the product).
const productFields = {
  fruit: text(40, '품목을 입력하세요. Enter the fruit (e.g. 사과).').openapi({ example: '사과' }),
  variety: text(40, '품종을 입력하세요. Enter the variety (e.g. 부사).').openapi({ example: '부사' }),
  description: z.string().trim().max(4000).openapi({ example: '충주 해발 300m 과수원에서 키운 아삭한 부사입니다.' }),
  seasonMonths: z
    .array(z.number().int().min(1, '월은 1~12입니다. Months are 1-12.').max(12, '월은 1~12입니다. Months are 1-12.'))
    .max(12)
    .transform((months) => [...new Set(months)].sort((a, b) => a - b))
    .openapi({ example: [10, 11, 12] }),
  storageAdvice: z.string().trim().max(1000).openapi({ example: '0~4℃ 냉장 보관, 비닐에 싸서 보관하세요.' }),
  published: z.boolean().openapi({ example: true }),
};

export const productBody = z
  .object({
    ...productFields,
    description: productFields.description.default(''),
    seasonMonths: productFields.seasonMonths.default([]),
    storageAdvice: productFields.storageAdvice.default(''),
    published: productFields.published.default(false),
  })
  .strict()
  .openapi('ProductInput');

export const productPatch = z
  .object(productFields)
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, '바꿀 항목을 하나 이상 보내세요. Send at least one field.')
  .openapi('ProductPatch');

export const farmProductSchema = z
  .object({
    id: z.uuid().openapi({ example: PRODUCT_ID }),
    farmId: z.uuid().openapi({ example: FARM_ID }),
    fruit: z.string().openapi({ example: '사과' }),
    variety: z.string().openapi({ example: '부사' }),
    description: z.string(),
    seasonMonths: z.array(z.number().int()).openapi({ example: [10, 11, 12] }),
    storageAdvice: z.string(),
    published: z.boolean(),
    updatedAt: z.iso.datetime().openapi({ example: '2026-11-21T03:00:00.000Z' }),
  })
  .openapi('FarmProduct');

export const farmProductBody = (product: Product): z.infer<typeof farmProductSchema> => ({
  id: product.id,
  farmId: product.farmId,
  fruit: product.fruit,
  variety: product.variety,
  description: product.description,
  seasonMonths: product.seasonMonths,
  storageAdvice: product.storageAdvice,
  published: product.published,
  updatedAt: product.updatedAt.toISOString(),
});
