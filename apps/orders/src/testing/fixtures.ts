import { daysAgo, seedFarm, seedLot, seedOffer } from '@fruitables/catalog/testing';
import { newId } from '@fruitables/core';
import type { PlatformEvent, PlatformEventType } from '@fruitables/events';
import { applyPaymentCompleted } from '../domain/payment-events.ts';
import { call, type OrdersHarness } from './harness.ts';
import { standInDates } from './logistics-stand-in.ts';

export interface OfferOnSale {
  farmId: string;
  farmToken: string;
  productId: string;
  offerId: string;
  priceKrw: number;
}

/** A farm at the real catalog with one published offer and one lot of `boxes`, harvested two days ago. */
export async function offerOnSale(
  h: OrdersHarness,
  options: { boxes?: number; priceKrw?: number; perOrderLimit?: number; farmName?: string; grade?: string } = {},
): Promise<OfferOnSale> {
  const farm = await seedFarm(h.catalog, options.farmName ?? '햇살농원');
  const priceKrw = options.priceKrw ?? 12_000;
  const { productId, offerId } = await seedOffer(h.catalog, farm, {
    variety: `품종${newId().slice(-6)}`,
    priceKrw,
    ...(options.perOrderLimit === undefined ? {} : { perOrderLimit: options.perOrderLimit }),
    ...(options.grade === undefined ? {} : { grade: options.grade }),
  });
  await seedLot(h.catalog, farm, offerId, {
    lotCode: `LOT-${newId().slice(-8)}`,
    harvestedOn: daysAgo(h.catalog, 2),
    boxesHarvested: options.boxes ?? 50,
  });
  return { farmId: farm.farmId, farmToken: farm.token, productId, offerId, priceKrw };
}

export const RECIPIENT = {
  name: '김민지',
  phone: '010-1234-5678',
  postcode: '06236',
  address1: '서울특별시 강남구 테헤란로 123',
  address2: '4층 401호',
  deliveryNote: null,
};

/** A checkout body for these offers (one box each unless said), delivered on the first date offered. */
export function checkoutOf(
  lines: { offer: OfferOnSale; quantity?: number; policy?: 'refund' | 'substitute' | 'wait'; price?: number }[],
  overrides: { postcode?: string; date?: string } = {},
) {
  const date = overrides.date ?? standInDates()[1] ?? '';
  return {
    items: lines.map((line) => ({
      offerId: line.offer.offerId,
      quantity: line.quantity ?? 1,
      expectedUnitPrice: line.price ?? line.offer.priceKrw,
      cropFailurePolicy: line.policy ?? 'refund',
    })),
    recipient: { ...RECIPIENT, ...(overrides.postcode ? { postcode: overrides.postcode } : {}) },
    deliveryDates: Object.fromEntries(lines.map((line) => [line.offer.farmId, date])),
  };
}

export function checkout(h: OrdersHarness, token: string, body: unknown, key = `test-${crypto.randomUUID()}`) {
  return call(h, 'POST', '/v1/checkouts', { token, body, headers: { 'idempotency-key': key } });
}

/** An event as another service's producer would build it, for calling orders' handlers directly. */
export function eventOf<T extends PlatformEventType>(type: T, data: PlatformEvent<T>['data']): PlatformEvent<T> {
  return {
    id: newId(),
    type,
    version: 1,
    source: 'test',
    aggregateId: (data as { orderId?: string }).orderId ?? newId(),
    occurredAt: new Date().toISOString(),
    data,
  } as unknown as PlatformEvent<T>;
}

/** Free boxes catalog still has for the offer (held ones excluded). */
export async function freeBoxes(h: OrdersHarness, offerId: string): Promise<number> {
  const [row] = await h.catalog.owner<{ free: number }[]>`
    select coalesce(sum(on_hand - reserved), 0)::int as free from catalog.lots where offer_id = ${offerId}`;
  return row?.free ?? 0;
}

export async function heldBoxes(h: OrdersHarness, offerId: string): Promise<number> {
  const [row] = await h.catalog.owner<{ held: number }[]>`
    select coalesce(sum(reserved), 0)::int as held from catalog.lots where offer_id = ${offerId}`;
  return row?.held ?? 0;
}

/** The types of the events in orders' outbox, in publish order. */
export async function outboxTypes(h: OrdersHarness): Promise<string[]> {
  const rows = await h.owner<{ type: string }[]>`select type from orders.outbox order by seq`;
  return rows.map((row) => row.type);
}

/** Drives every due workflow run (the sweeper's job in production) until none is left. */
export async function sweepRuns(h: OrdersHarness): Promise<void> {
  while ((await h.domain.engine.sweepOnce(50)) > 0) {
    // keep sweeping
  }
}

/** PaymentCompleted as payments would publish it, applied through orders' handler, then the pay run driven. */
export async function payOrder(h: OrdersHarness, orderId: string, amount: number): Promise<void> {
  h.payments.paid(orderId, amount);
  const event = eventOf('PaymentCompleted', {
    orderId,
    paymentKey: `pk-${orderId.slice(-12)}`,
    amount,
    method: '카드',
    approvedAt: new Date().toISOString(),
  });
  await h.db.transaction((tx) => applyPaymentCompleted(tx, h.domain, event));
  await sweepRuns(h);
}
