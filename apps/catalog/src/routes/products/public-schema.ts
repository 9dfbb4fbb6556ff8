import { grades, stockStates } from '@fruitables/schema-catalog';
import { z } from '@hono/zod-openapi';
import { FARM_ID, OFFER_ID, PRODUCT_ID } from '../params.ts';

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

type PublicProductInput = Omit<z.infer<typeof publicProductSchema>, 'offers'> & {
  offers: (Omit<z.infer<typeof publicOfferSchema>, 'stockState'> & {
    stock: { state: z.infer<typeof publicOfferSchema>['stockState'] };
  })[];
};

/** Stock counts stay inside: shoppers see a state, competitors do not see a farm's inventory. */
export const publicProductBody = (product: PublicProductInput): z.infer<typeof publicProductSchema> => ({
  ...product,
  offers: product.offers.map(({ stock, ...offer }) => ({ ...offer, stockState: stock.state })),
});
