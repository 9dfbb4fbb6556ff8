import { formatKrw } from '@fruitables/core';
import type { DeliveryPromise, FarmPromise } from '@fruitables/logistics/contract';
import { quotePromise } from '@fruitables/logistics/contract';
import { cartItems } from '@fruitables/schema-orders';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DomainContext, OrdersDb } from './context.ts';
import { deliveryFeeOf } from './fees.ts';
import { offerTitle, type PricedOffer, priceOffers } from './pricing.ts';

/** At most this many different offers in a cart (catalog prices and holds 50 at a time). */
export const MAX_CART_ITEMS = 50;

export interface CartLine {
  offerId: string;
  quantity: number;
  addedUnitPrice: number | null;
}

export interface CartView {
  items: {
    offerId: string;
    productId: string | null;
    farmId: string | null;
    farmName: string | null;
    title: string | null;
    grade: PricedOffer['grade'] | null;
    packKg: number | null;
    quantity: number;
    unitPrice: number | null;
    addedUnitPrice: number | null;
    priceChanged: boolean;
    stockState: PricedOffer['stockState'];
    perOrderLimit: number | null;
    lineTotal: number;
    productUrl: string | null;
  }[];
  farms: { farmId: string; farmName: string; goodsTotal: number; deliveryFee: number; promise: FarmPromise | null }[];
  goodsTotal: number;
  deliveryTotal: number;
  total: number;
  problems: { offerId: string | null; code: string; message: string }[];
}

/** The shopper's saved cart, oldest line first. */
export async function loadCart(db: OrdersDb, shopperId: string): Promise<CartLine[]> {
  return db
    .select({ offerId: cartItems.offerId, quantity: cartItems.quantity, addedUnitPrice: cartItems.addedUnitPrice })
    .from(cartItems)
    .where(eq(cartItems.shopperId, shopperId))
    .orderBy(asc(cartItems.createdAt), asc(cartItems.offerId));
}

export async function putCartItem(db: OrdersDb, shopperId: string, line: CartLine, now: Date): Promise<void> {
  await db
    .insert(cartItems)
    .values({ shopperId, ...line, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [cartItems.shopperId, cartItems.offerId],
      set: { quantity: line.quantity, addedUnitPrice: line.addedUnitPrice, updatedAt: now },
    });
}

export async function removeCartItem(db: OrdersDb, shopperId: string, offerId: string): Promise<void> {
  await db.delete(cartItems).where(and(eq(cartItems.shopperId, shopperId), eq(cartItems.offerId, offerId)));
}

/**
 * A guest's cart joins the shopper's at log-in: the same offer's quantities add, capped by the
 * offer's per-order limit; the price first seen stays the one compared against. One
 * statement per line under the primary key, so two tabs merging at once add up correctly.
 */
export async function mergeCart(
  ctx: Pick<DomainContext, 'db' | 'remotes'>,
  shopperId: string,
  lines: readonly CartLine[],
  now: Date,
): Promise<void> {
  const priced = await priceOffers(
    ctx.remotes,
    lines.map((line) => line.offerId),
  );
  for (const line of lines) {
    const limit = priced.get(line.offerId)?.perOrderLimit ?? 1_000;
    await ctx.db
      .insert(cartItems)
      .values({ shopperId, ...line, quantity: Math.min(line.quantity, limit), createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [cartItems.shopperId, cartItems.offerId],
        set: {
          quantity: sql`least(${cartItems.quantity} + ${line.quantity}, ${limit}::int)`,
          addedUnitPrice: sql`coalesce(${cartItems.addedUnitPrice}, excluded.added_unit_price)`,
          updatedAt: now,
        },
      });
  }
}

async function promiseFor(
  ctx: Pick<DomainContext, 'remotes' | 'logger'>,
  farms: Map<string, number>,
  postcode: string | undefined,
): Promise<DeliveryPromise | undefined> {
  if (farms.size === 0) return undefined;
  try {
    return await ctx.remotes.logistics.call(quotePromise, {
      body: {
        ...(postcode === undefined ? {} : { postcode }),
        farms: [...farms.entries()].map(([farmId, boxes]) => ({ farmId, boxes: Math.min(boxes, 500) })),
      },
    });
  } catch (error) {
    // The cart still answers without a promise; checkout will ask again and refuse if it must.
    ctx.logger.warn({ err: error }, 'delivery promise unavailable for a cart');
    return undefined;
  }
}

/**
 * The cart as the shopper sees it: live prices from catalog (a price changed since the line
 * was added is flagged, never silently charged), stock states, per-farm subtotals, each farm's
 * delivery fee under its rule from logistics, and its delivery promise.
 */
export async function priceCart(
  ctx: Pick<DomainContext, 'remotes' | 'logger'>,
  lines: readonly CartLine[],
  postcode?: string,
): Promise<CartView> {
  const priced = await priceOffers(
    ctx.remotes,
    lines.map((line) => line.offerId),
  );
  const problems: CartView['problems'] = [];
  const items = lines.map((line) => {
    const offer = priced.get(line.offerId);
    if (!offer) {
      problems.push({ offerId: line.offerId, code: 'offer_unavailable', message: '더 이상 판매하지 않는 상품이에요.' });
      return {
        offerId: line.offerId,
        productId: null,
        farmId: null,
        farmName: null,
        title: null,
        grade: null,
        packKg: null,
        quantity: line.quantity,
        unitPrice: null,
        addedUnitPrice: line.addedUnitPrice,
        priceChanged: false,
        stockState: 'sold_out' as const,
        perOrderLimit: null,
        lineTotal: 0,
        productUrl: null,
      };
    }
    const priceChanged = line.addedUnitPrice !== null && line.addedUnitPrice !== offer.priceKrw;
    if (priceChanged && line.addedUnitPrice !== null) {
      problems.push({
        offerId: offer.id,
        code: 'price_changed',
        message: `담은 뒤 가격이 바뀌었어요: ${formatKrw(line.addedUnitPrice)} → ${formatKrw(offer.priceKrw)}`,
      });
    }
    if (offer.stockState === 'sold_out') {
      problems.push({ offerId: offer.id, code: 'sold_out', message: `품절된 상품이에요: ${offerTitle(offer)}` });
    }
    if (offer.perOrderLimit !== null && line.quantity > offer.perOrderLimit) {
      problems.push({
        offerId: offer.id,
        code: 'over_per_order_limit',
        message: `한 번에 ${offer.perOrderLimit}개까지 주문할 수 있어요.`,
      });
    }
    return {
      offerId: offer.id,
      productId: offer.productId,
      farmId: offer.farmId,
      farmName: offer.farmName,
      title: offerTitle(offer),
      grade: offer.grade,
      packKg: offer.packKg,
      quantity: line.quantity,
      unitPrice: offer.priceKrw,
      addedUnitPrice: line.addedUnitPrice,
      priceChanged,
      stockState: offer.stockState,
      perOrderLimit: offer.perOrderLimit,
      lineTotal: offer.priceKrw * line.quantity,
      productUrl: `/products/${encodeURIComponent(offer.productId)}/`,
    };
  });
  const farmTotals = new Map<string, { farmName: string; goodsTotal: number; boxes: number }>();
  for (const item of items) {
    if (!item.farmId || !item.farmName) continue;
    const farm = farmTotals.get(item.farmId) ?? { farmName: item.farmName, goodsTotal: 0, boxes: 0 };
    farm.goodsTotal += item.lineTotal;
    farm.boxes += item.quantity;
    farmTotals.set(item.farmId, farm);
  }
  const promise = await promiseFor(
    ctx,
    new Map([...farmTotals.entries()].map(([farmId, farm]) => [farmId, farm.boxes])),
    postcode,
  );
  if (farmTotals.size > 0 && !promise) {
    problems.push({
      offerId: null,
      code: 'promise_unavailable',
      message: '배송 일정을 불러오지 못했어요. 잠시 뒤 다시 확인해 주세요.',
    });
  }
  const farms = [...farmTotals.entries()].map(([farmId, farm]) => {
    const farmPromise = promise?.farms.find((candidate) => candidate.farmId === farmId) ?? null;
    return {
      farmId,
      farmName: farm.farmName,
      goodsTotal: farm.goodsTotal,
      deliveryFee: farmPromise ? deliveryFeeOf(farm.goodsTotal, farmPromise.fee) : 0,
      promise: farmPromise,
    };
  });
  const goodsTotal = farms.reduce((sum, farm) => sum + farm.goodsTotal, 0);
  const deliveryTotal = farms.reduce((sum, farm) => sum + farm.deliveryFee, 0);
  return { items, farms, goodsTotal, deliveryTotal, total: goodsTotal + deliveryTotal, problems };
}
