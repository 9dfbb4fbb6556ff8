import { grades, stockStates } from '@fruitables/catalog/contract/values';
import { farmPromiseSchema } from '@fruitables/logistics/contract';
import { z } from '@hono/zod-openapi';
import { FULFILMENT_ID, ORDER_ID, ORDER_LINE_ID, ORDER_NUMBER } from './examples.ts';
import { cropFailurePolicies, fulfilmentStatuses, orderStatuses } from './values.ts';

/*
 * What orders' public API answers (the storefront reads these): the cart, the order and the
 * order list. Routes declare them as their responses, so the API cannot drift from them.
 */

const won = z.number().int();
const OFFER_ID = '0196f0c2-7b3a-7c1e-8f00-000000000010';
const PRODUCT_ID = '0196f0c2-7b3a-7c1e-8f00-000000000020';
const FARM_ID = '0196f0c2-7b3a-7c1e-8f00-000000000003';

export const cartItemViewSchema = z
  .object({
    offerId: z.uuid().openapi({ example: OFFER_ID }),
    productId: z.uuid().nullable().openapi({ example: PRODUCT_ID }),
    farmId: z.uuid().nullable().openapi({ example: FARM_ID }),
    farmName: z.string().nullable().openapi({ example: '햇살농원' }),
    title: z.string().nullable().openapi({ example: '사과 부사 특 5kg' }),
    grade: z.enum(grades).nullable().openapi({ example: '특' }),
    packKg: z.number().nullable().openapi({ example: 5 }),
    quantity: z.number().int().openapi({ example: 2 }),
    unitPrice: won.nullable().openapi({ example: 39_000, description: 'The live price; null when no longer sold' }),
    addedUnitPrice: won.nullable().openapi({ example: 37_000 }),
    priceChanged: z.boolean().openapi({ example: true }),
    stockState: z.enum(stockStates).openapi({ example: 'in_stock' }),
    perOrderLimit: z.number().int().nullable().openapi({ example: 3 }),
    lineTotal: won.openapi({ example: 78_000 }),
    productUrl: z
      .string()
      .nullable()
      .openapi({ example: `/products/${PRODUCT_ID}/` }),
  })
  .openapi('CartItemView');

export const cartViewSchema = z
  .object({
    items: z.array(cartItemViewSchema),
    farms: z.array(
      z.object({
        farmId: z.uuid().openapi({ example: FARM_ID }),
        farmName: z.string().openapi({ example: '햇살농원' }),
        goodsTotal: won.openapi({ example: 78_000 }),
        deliveryFee: won.openapi({ example: 0 }),
        promise: farmPromiseSchema.nullable(),
      }),
    ),
    goodsTotal: won.openapi({ example: 78_000 }),
    deliveryTotal: won.openapi({ example: 0 }),
    total: won.openapi({ example: 78_000 }),
    problems: z.array(
      z.object({
        offerId: z.uuid().nullable().openapi({ example: OFFER_ID }),
        code: z.string().openapi({ example: 'price_changed' }),
        message: z.string().openapi({ example: '담은 뒤 가격이 바뀌었어요: 37,000원 → 39,000원' }),
      }),
    ),
  })
  .openapi('CartView');
export type CartView = z.infer<typeof cartViewSchema>;

export const lineLotSchema = z.object({
  lotId: z.uuid(),
  lotCode: z.string().openapi({ example: 'CJ-2611-01' }),
  quantity: z.number().int().openapi({ example: 2 }),
});

export const orderLineViewSchema = z.object({
  id: z.uuid().openapi({ example: ORDER_LINE_ID }),
  offerId: z.uuid().openapi({ example: OFFER_ID }),
  productId: z.uuid().openapi({ example: PRODUCT_ID }),
  title: z.string().openapi({ example: '사과 부사 특 5kg' }),
  quantity: z.number().int().openapi({ example: 2 }),
  unitPrice: won.openapi({ example: 39_000 }),
  lineTotal: won.openapi({ example: 78_000 }),
  cropFailurePolicy: z.enum(cropFailurePolicies).openapi({ example: 'substitute' }),
  status: z.string().openapi({ example: 'active', description: 'active, cancelled, refunded, substituted or waiting' }),
  shortQuantity: z.number().int().openapi({ example: 0 }),
  waitUntil: z.iso.datetime().nullable(),
  lots: z.array(lineLotSchema),
});

export const timelineEntrySchema = z.object({
  status: z.string().openapi({ example: 'paid' }),
  at: z.iso.datetime(),
  note: z.string().nullable().openapi({ example: '결제가 완료됐어요' }),
});

export const fulfilmentViewSchema = z.object({
  id: z.uuid().openapi({ example: FULFILMENT_ID }),
  farmId: z.uuid().openapi({ example: FARM_ID }),
  farmName: z.string().openapi({ example: '햇살농원' }),
  status: z.enum(fulfilmentStatuses).openapi({ example: 'paid' }),
  deliveryDate: z.iso.date().openapi({ example: '2026-12-10' }),
  goodsAmount: won.openapi({ example: 78_000 }),
  deliveryFee: won.openapi({ example: 0 }),
  cancellable: z.boolean().openapi({ description: 'True until the farm starts packing' }),
  recipientName: z.string().nullable().openapi({ example: null, description: "A gift fulfilment's recipient" }),
  cardMessage: z.string().nullable().openapi({ example: null }),
  addressLink: z
    .object({
      dueAt: z.iso.datetime(),
      given: z.boolean(),
      /** For the storefront's `/gift/address/?token=…`; null once given, past the deadline or cancelled. */
      token: z.string().nullable(),
    })
    .nullable()
    .openapi({ example: null, description: 'A gift recipient who types their own address through a link' }),
  lines: z.array(orderLineViewSchema),
  timeline: z.array(timelineEntrySchema),
  shipment: z
    .object({
      carrierId: z.string().nullable(),
      trackingNumber: z.string().nullable(),
      status: z.string().openapi({ example: 'in_transit' }),
    })
    .nullable(),
});

export const orderViewSchema = z
  .object({
    id: z.uuid().openapi({ example: ORDER_ID }),
    orderNumber: z.string().openapi({ example: ORDER_NUMBER }),
    status: z.enum(orderStatuses).openapi({ example: 'awaiting_payment' }),
    amount: won.openapi({ example: 78_000 }),
    goodsTotal: won.openapi({ example: 78_000 }),
    deliveryTotal: won.openapi({ example: 0 }),
    refundedTotal: won.openapi({ example: 0 }),
    orderName: z.string().openapi({ example: '사과 부사 특 5kg 외 1건' }),
    placedAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    paidAt: z.iso.datetime().nullable(),
    /** false while the checkout is still holding stock and dates (an answer 202). */
    placed: z.boolean().openapi({ example: true }),
    fulfilments: z.array(fulfilmentViewSchema),
    refunds: z.array(
      z.object({
        id: z.uuid(),
        amount: won.openapi({ example: 39_000 }),
        reason: z.string().openapi({ example: 'shortage' }),
        fulfilmentId: z.uuid().nullable(),
        status: z.string().openapi({ example: 'completed' }),
        at: z.iso.datetime(),
      }),
    ),
  })
  .openapi('Order');
export type OrderView = z.infer<typeof orderViewSchema>;

export const orderSummarySchema = z
  .object({
    id: z.uuid().openapi({ example: ORDER_ID }),
    orderNumber: z.string().openapi({ example: ORDER_NUMBER }),
    status: z.enum(orderStatuses).openapi({ example: 'paid' }),
    amount: won.openapi({ example: 78_000 }),
    refundedTotal: won.openapi({ example: 0 }),
    orderName: z.string().openapi({ example: '사과 부사 특 5kg 외 1건' }),
    placedAt: z.iso.datetime(),
    paidAt: z.iso.datetime().nullable(),
    farms: z.array(z.object({ farmId: z.uuid(), farmName: z.string(), status: z.enum(fulfilmentStatuses) })),
  })
  .openapi('OrderSummary');
export type OrderSummary = z.infer<typeof orderSummarySchema>;

export const orderPageSchema = z
  .object({ items: z.array(orderSummarySchema), nextCursor: z.string().nullable() })
  .openapi('OrderPage');
export type OrderPage = z.infer<typeof orderPageSchema>;

/** A fulfilment as its farmer packs it: what to send, from which lots, to whom, and any cancel request. */
export const farmFulfilmentSchema = z
  .object({
    id: z.uuid().openapi({ example: FULFILMENT_ID }),
    orderId: z.uuid().openapi({ example: ORDER_ID }),
    orderNumber: z.string().openapi({ example: ORDER_NUMBER }),
    status: z.enum(fulfilmentStatuses).openapi({ example: 'paid' }),
    deliveryDate: z.iso.date().openapi({ example: '2026-12-10' }),
    dispatchDate: z.iso.date().nullable().openapi({ example: '2026-12-09' }),
    goodsAmount: won.openapi({ example: 78_000 }),
    recipientName: z.string().openapi({ example: '김민지' }),
    cardMessage: z.string().nullable().openapi({ example: '추석 잘 보내세요!' }),
    lines: z.array(
      z.object({
        id: z.uuid(),
        offerId: z.uuid(),
        title: z.string().openapi({ example: '사과 부사 특 5kg' }),
        quantity: z.number().int(),
        shortQuantity: z.number().int(),
        status: z.string(),
        cropFailurePolicy: z.enum(cropFailurePolicies),
        lots: z.array(lineLotSchema),
      }),
    ),
    cancelRequests: z.array(
      z.object({
        id: z.uuid(),
        reason: z.string(),
        lineIds: z.array(z.uuid()),
        status: z.string().openapi({ example: 'pending' }),
        createdAt: z.iso.datetime(),
      }),
    ),
  })
  .openapi('FarmFulfilment');
export type FarmFulfilment = z.infer<typeof farmFulfilmentSchema>;

export const farmFulfilmentListSchema = z
  .object({ items: z.array(farmFulfilmentSchema) })
  .openapi('FarmFulfilmentList');
export type FarmFulfilmentList = z.infer<typeof farmFulfilmentListSchema>;
