import { grades, stockStates } from '@fruitables/schema-catalog';
import { z } from '@hono/zod-openapi';
import { OFFER_ID, PRODUCT_ID } from '../../contract/examples.ts';
import type { Offer } from '../../domain/offers.ts';

const positiveInt = (what: string) =>
  z
    .number(`${what}: 숫자를 입력하세요. Enter a number.`)
    .int(`${what}: 정수여야 합니다. Use a whole number.`)
    .positive(`${what}: 0보다 커야 합니다. Must be above 0.`);

// The fields without defaults, so a PATCH leaves out what it does not change (zod's
// `.partial()` keeps defaults and would reset every omitted field).
const offerFields = {
  grade: z
    .enum(grades, '등급은 특, 상, 보통, 못난이 중 하나입니다. Grade is one of 특, 상, 보통, 못난이.')
    .openapi({ example: '특' }),
  packKg: z
    .number('포장중량(kg)을 입력하세요. Enter the box weight in kg.')
    .positive('포장중량은 0보다 커야 합니다. The box weight must be above 0.')
    .max(100, '포장중량은 100kg 이하입니다. At most 100 kg.')
    .openapi({ example: 5 }),
  countPerBox: positiveInt('과수 count_per_box').max(500).nullable().openapi({ example: 14 }),
  priceKrw: positiveInt('판매가 price_krw')
    .max(10_000_000, '판매가는 1천만원 이하입니다. At most 10,000,000 KRW.')
    .openapi({ example: 39000 }),
  perOrderLimit: positiveInt('주문 한도 per_order_limit').max(1000).nullable().openapi({ example: 3 }),
  published: z.boolean().openapi({ example: true }),
};

export const offerBody = z
  .object({
    ...offerFields,
    countPerBox: offerFields.countPerBox.default(null),
    perOrderLimit: offerFields.perOrderLimit.default(null),
    published: offerFields.published.default(false),
  })
  .strict()
  .openapi('OfferInput');

export const offerPatch = z
  .object(offerFields)
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, '바꿀 항목을 하나 이상 보내세요. Send at least one field.')
  .openapi('OfferPatch');

export const offerSchema = z
  .object({
    id: z.uuid().openapi({ example: OFFER_ID }),
    productId: z.uuid().openapi({ example: PRODUCT_ID }),
    grade: z.enum(grades).openapi({ example: '특' }),
    packKg: z.number().openapi({ example: 5 }),
    countPerBox: z.number().int().nullable().openapi({ example: 14 }),
    priceKrw: z.number().int().openapi({ example: 39000 }),
    perOrderLimit: z.number().int().nullable().openapi({ example: 3 }),
    published: z.boolean().openapi({ example: true }),
    stockState: z
      .enum(stockStates)
      .openapi({ example: 'in_stock', description: 'As last announced in StockLevelChanged' }),
  })
  .openapi('Offer');

export const offerResponse = (offer: Offer): z.infer<typeof offerSchema> => ({
  id: offer.id,
  productId: offer.productId,
  grade: offer.grade,
  packKg: Number(offer.packKg),
  countPerBox: offer.countPerBox,
  priceKrw: offer.priceKrw,
  perOrderLimit: offer.perOrderLimit,
  published: offer.published,
  stockState: offer.stockState,
});
