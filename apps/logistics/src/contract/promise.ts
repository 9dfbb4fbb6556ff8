import { defineOperation } from '@fruitables/kit/contract';
import { z } from '@hono/zod-openapi';
import { FARM_ID } from './examples.ts';
import { deliveryAreas } from './values.ts';

/*
 * The delivery promise: for a postcode and the farms of a cart, when each farm's boxes
 * arrive if ordered now, by when to order, and which dates a shopper may choose. The product
 * page, the cart and checkout all show this one answer (public POST /v1/promise); orders asks
 * the same through the internal operation below at checkout, with its service token.
 */

export const LOGISTICS_AUDIENCE = 'logistics';
export const BOOKINGS_SCOPE = 'logistics:bookings';

export const logisticsServiceScopes = {
  [BOOKINGS_SCOPE]:
    'Quote delivery for a cart, hold a delivery date for a checkout, then confirm or release it (orders).',
};

const won = z.number().int().nonnegative();

export const postcode = z
  .string()
  .regex(/^\d{5}$/, '우편번호는 숫자 5자리예요.')
  .openapi({ example: '06236', description: '5-digit 우편번호' });

export const promiseBody = z
  .object({
    postcode: postcode.optional().openapi({ description: 'Omitted: the promise for the dawn-delivery area (서울)' }),
    farms: z
      .array(
        z.object({
          farmId: z.uuid().openapi({ example: FARM_ID }),
          boxes: z.number().int().positive().max(500).openapi({ example: 2 }),
        }),
      )
      .min(1)
      .max(20),
  })
  .strict()
  .openapi('PromiseRequest');

export type PromiseRequest = z.infer<typeof promiseBody>;

export const deliveryDateOption = z
  .object({
    /** The arrival date (Asia/Seoul). */
    date: z.iso.date().openapi({ example: '2026-12-10' }),
    /** The farm ships it on this date. */
    dispatchDate: z.iso.date().openapi({ example: '2026-12-09' }),
    /** Whether the farm's packing capacity and (for dawn delivery) the hub still have room. */
    available: z.boolean(),
    /** e.g. "12월 10일 (목) 새벽 7시 전" */
    label: z.string().openapi({ example: '12월 10일 (목) 새벽 7시 전' }),
  })
  .openapi('DeliveryDateOption');

export const farmPromiseSchema = z
  .object({
    farmId: z.uuid().openapi({ example: FARM_ID }),
    area: z.enum(deliveryAreas).openapi({ example: 'dawn' }),
    deliverable: z.boolean(),
    /** Why not, in Korean, when not deliverable. */
    reason: z.string().nullable(),
    /** Order by this instant for the earliest date. */
    orderBy: z.iso.datetime().nullable().openapi({ example: '2026-12-08T14:00:00.000Z' }),
    earliest: deliveryDateOption.nullable(),
    /** "목요일 새벽 7시 전 도착" */
    headline: z.string().openapi({ example: '밤 11시까지 주문하면 목요일 새벽 7시 전 도착' }),
    dates: z.array(deliveryDateOption),
    /** The farm's fee rule: `baseFee` unless the farm's goods reach `freeFrom`, plus `surcharge` always (제주·도서산간). */
    fee: z.object({
      baseFee: won.openapi({ example: 3_000 }),
      freeFrom: won.nullable().openapi({ example: 30_000 }),
      surcharge: won.openapi({ example: 0 }),
    }),
  })
  .openapi('FarmPromise');

export type FarmPromise = z.infer<typeof farmPromiseSchema>;

export const promiseSchema = z
  .object({
    postcode: z.string().nullable(),
    area: z.enum(deliveryAreas),
    farms: z.array(farmPromiseSchema),
  })
  .openapi('DeliveryPromise');

export type DeliveryPromise = z.infer<typeof promiseSchema>;

/** The promise, for orders at checkout (the same answer as the public route). */
export const quotePromise = defineOperation({
  method: 'POST',
  path: '/internal/v1/promise',
  body: promiseBody,
  response: promiseSchema,
  idempotent: true,
  scope: BOOKINGS_SCOPE,
  problemCodes: ['validation_failed'],
});
