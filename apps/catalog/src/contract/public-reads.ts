import { defineOperation } from '@fruitables/kit/contract';
import { z } from '@hono/zod-openapi';
import { FARM_ID, OFFER_ID, PRODUCT_ID } from './examples.ts';
import { photoSchema } from './photos.ts';
import { certificationKinds, grades, stockStates } from './values.ts';

// What catalog's public reads answer (GET /v1/products, /v1/products/{id}, /v1/farms/{id},
// /v1/farms/{id}/lots/{lotCode}): the routes declare these as their responses, and callers
// (the storefront) parse what they receive with the same schemas. Objects strip unknown keys,
// so catalog may add a field without breaking a caller that does not know it yet.

export const publicOfferSchema = z
  .object({
    id: z.uuid().openapi({ example: OFFER_ID }),
    grade: z.enum(grades).openapi({ example: '특' }),
    packKg: z.number().openapi({ example: 5 }),
    countPerBox: z.number().int().nullable().openapi({ example: 14 }),
    priceKrw: z.number().int().openapi({ example: 39000 }),
    perOrderLimit: z.number().int().nullable().openapi({ example: 3 }),
    stockState: z.enum(stockStates).openapi({
      example: 'in_stock',
      description:
        'sold_out: no sellable box; low: at most 5 boxes or at most 10% of the sellable harvest; else in_stock',
    }),
    freshestLot: z
      .object({
        lotCode: z.string().openapi({ example: 'CJ-2611-01' }),
        harvestedOn: z.iso.date().openapi({ example: '2026-11-12' }),
        brix: z.number().nullable().openapi({ example: 14.5 }),
      })
      .nullable(),
  })
  .openapi('PublicOffer');
export type PublicOffer = z.infer<typeof publicOfferSchema>;

export const publicProductSchema = z
  .object({
    id: z.uuid().openapi({ example: PRODUCT_ID }),
    farmId: z.uuid().openapi({ example: FARM_ID }),
    fruit: z.string().openapi({ example: '사과' }),
    variety: z.string().openapi({ example: '부사' }),
    description: z.string().openapi({ example: '충주 해발 300m 과수원에서 키운 아삭한 부사입니다.' }),
    seasonMonths: z.array(z.number().int()).openapi({ example: [10, 11, 12] }),
    storageAdvice: z.string().openapi({ example: '0~4℃ 냉장 보관' }),
    offers: z.array(publicOfferSchema),
  })
  .openapi('PublicProduct');
export type PublicProduct = z.infer<typeof publicProductSchema>;

export const productListSchema = z
  .object({
    items: z.array(publicProductSchema),
    nextCursor: z
      .uuid()
      .nullable()
      .openapi({ example: null, description: 'Pass as `cursor` for the next page; null on the last' }),
  })
  .openapi('ProductPage');

/** The product page: the list's product shape plus the product's photos. */
export const publicProductPageSchema = publicProductSchema
  .extend({ photos: z.array(photoSchema) })
  .openapi('PublicProductPage');

export const farmSchema = z
  .object({
    id: z.uuid().openapi({ example: FARM_ID }),
    name: z.string().openapi({ example: '햇살농원' }),
    regionSido: z.string().openapi({ example: '충청북도' }),
    regionSigungu: z.string().openapi({ example: '충주시' }),
    story: z.string().openapi({ example: '3대째 사과를 키우는 농장입니다.' }),
    certifications: z
      .array(z.object({ kind: z.enum(certificationKinds), number: z.string() }))
      .openapi({ example: [{ kind: 'GAP', number: 'GAP-2026-0001' }] }),
  })
  .openapi('Farm');
export type Farm = z.infer<typeof farmSchema>;

/** The public farm page: the profile and the farm's own photos (not its products'). */
export const publicFarmSchema = farmSchema.extend({ photos: z.array(photoSchema) }).openapi('PublicFarm');

export const lotTraceSchema = z
  .object({
    lotCode: z.string().openapi({ example: 'CJ-2611-01' }),
    harvestedOn: z.iso.date().openapi({ example: '2026-11-12' }),
    boxesHarvested: z.number().int().openapi({ example: 120 }),
    brix: z.number().nullable().openapi({ example: 14.5 }),
    note: z.string().openapi({ example: '서리 맞기 전 수확' }),
    farm: z.object({
      id: z.uuid().openapi({ example: FARM_ID }),
      name: z.string().openapi({ example: '햇살농원' }),
      regionSido: z.string().openapi({ example: '충청북도' }),
      regionSigungu: z.string().openapi({ example: '충주시' }),
    }),
    offer: z.object({
      id: z.uuid().openapi({ example: OFFER_ID }),
      grade: z.enum(grades).openapi({ example: '특' }),
      packKg: z.number().openapi({ example: 5 }),
    }),
    product: z.object({
      id: z.uuid().openapi({ example: PRODUCT_ID }),
      fruit: z.string().openapi({ example: '사과' }),
      variety: z.string().openapi({ example: '부사' }),
    }),
  })
  .openapi('LotTrace');
export type LotTrace = z.infer<typeof lotTraceSchema>;

/** The product page's read, as an operation for other services' clients (orders finds a substitute grade with it). */
export const getPublicProduct = defineOperation({
  method: 'GET',
  path: '/v1/products/{productId}',
  params: z.object({ productId: z.uuid() }),
  response: publicProductPageSchema,
  idempotent: true,
  problemCodes: ['product_not_found', 'validation_failed'],
});
