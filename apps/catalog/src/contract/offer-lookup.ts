import { defineOperation } from '@fruitables/kit/contract';
import { z } from '@hono/zod-openapi';
import { FARM_ID, OFFER_ID, PRODUCT_ID } from './examples.ts';
import { grades, stockStates } from './values.ts';

/*
 * Offers by id, with what a cart and a checkout need of each: its live price, stock state and
 * per-order limit, its product and farm. orders prices every cart and checkout line with it
 * (on the server, never trusting the browser's price). A public read like the product pages:
 * an offer that is unpublished (or whose product is) is simply left out of the answer.
 */

export const MAX_OFFER_LOOKUP = 50;

export const offerLookupQuery = z.object({
  ids: z
    .string('ids에 판매 옵션 ID를 쉼표로 나눠 적어 주세요. Send offer ids, comma-separated.')
    .max(MAX_OFFER_LOOKUP * 37)
    .openapi({ example: OFFER_ID, description: `Up to ${MAX_OFFER_LOOKUP} offer ids, comma-separated` }),
});

export const offerSummarySchema = z
  .object({
    id: z.uuid().openapi({ example: OFFER_ID }),
    productId: z.uuid().openapi({ example: PRODUCT_ID }),
    farmId: z.uuid().openapi({ example: FARM_ID }),
    farmName: z.string().openapi({ example: '햇살농원' }),
    fruit: z.string().openapi({ example: '사과' }),
    variety: z.string().openapi({ example: '부사' }),
    grade: z.enum(grades).openapi({ example: '특' }),
    packKg: z.number().openapi({ example: 5 }),
    priceKrw: z.number().int().openapi({ example: 39000 }),
    perOrderLimit: z.number().int().nullable().openapi({ example: 3 }),
    stockState: z.enum(stockStates).openapi({ example: 'in_stock' }),
  })
  .openapi('OfferSummary');
export type OfferSummary = z.infer<typeof offerSummarySchema>;

export const offerSummaryListSchema = z.object({ items: z.array(offerSummarySchema) }).openapi('OfferSummaryList');

/** The same public read, as an operation for orders' service client. */
export const lookupOffers = defineOperation({
  method: 'GET',
  path: '/v1/offers',
  query: offerLookupQuery,
  response: offerSummaryListSchema,
  idempotent: true,
  problemCodes: ['validation_failed'],
});
