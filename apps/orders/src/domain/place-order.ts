import { formatKrw, newId, ValidationFailed } from '@fruitables/core';
import { quotePromise } from '@fruitables/logistics/contract';
import {
  type CropFailurePolicy,
  checkoutKeys,
  fulfilments,
  orderLines,
  orders,
  type StoredRecipient,
} from '@fruitables/schema-orders';
import { and, eq } from 'drizzle-orm';
import type { OrdersDomain } from './build.ts';
import type { DomainContext } from './context.ts';
import {
  areaUnserved,
  checkoutFailed,
  dateFull,
  dateUnavailable,
  emailNotVerified,
  idempotencyKeyReused,
  offerUnavailable,
  overPerOrderLimit,
  priceChanged,
  soldOut,
} from './errors.ts';
import { deliveryFeeOf } from './fees.ts';
import { addressDueAtFor } from './gift-links.ts';
import { nextOrderNumber } from './order-numbers.ts';
import { loadOrderView, type OrderView } from './order-views.ts';
import { offerTitle, type PricedOffer, priceOffers } from './pricing.ts';
import { errorCodeOf } from './workflows/refusals.ts';

export interface CheckoutRequest {
  items: { offerId: string; quantity: number; expectedUnitPrice: number; cropFailurePolicy: CropFailurePolicy }[];
  recipient: StoredRecipient;
  deliveryDates: Record<string, string>;
}

export interface Buyer {
  shopperId: string;
  emailVerified: boolean;
}

export interface PlacedOrder {
  order: OrderView;
  /** False when the key was seen before: the same order again. */
  created: boolean;
  /** False when the workflow had not settled within the wait: the order is still being placed. */
  settled: boolean;
}

/** The same body in any key order is the same request. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, inner]) => [key, canonical(inner)]),
    );
  }
  return value;
}

async function hashOf(body: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(canonical(body)));
  return Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
}

class KeyTaken extends Error {}

/** logistics books at most this many boxes per fulfilment (its contract). */
const MAX_BOXES_PER_FARM = 500;

/** Every line priced on the server: gone, price changed, over the limit, or sold out is refused here, before anything is held. */
function checkLines(items: CheckoutRequest['items'], priced: Map<string, PricedOffer>, copies: number) {
  const unavailable = items.flatMap((item, index) =>
    priced.has(item.offerId) ? [] : [{ field: `items[${index}].offerId`, message: '판매가 끝난 상품이에요.' }],
  );
  if (unavailable.length > 0) throw offerUnavailable(unavailable);
  const changed = items.flatMap((item, index) => {
    const offer = priced.get(item.offerId);
    return offer && offer.priceKrw !== item.expectedUnitPrice
      ? [
          {
            field: `items[${index}].expectedUnitPrice`,
            message: `가격이 ${formatKrw(item.expectedUnitPrice)}에서 ${formatKrw(offer.priceKrw)}으로 바뀌었어요.`,
          },
        ]
      : [];
  });
  if (changed.length > 0) throw priceChanged(changed);
  const over = items.flatMap((item, index) => {
    const limit = priced.get(item.offerId)?.perOrderLimit ?? null;
    return limit !== null && item.quantity > limit
      ? [{ field: `items[${index}].quantity`, message: `한 번에 ${limit}개까지 주문할 수 있어요.` }]
      : [];
  });
  if (over.length > 0) throw overPerOrderLimit(over);
  const tooMany = items.flatMap((item, index) =>
    item.quantity * copies > 1_000
      ? [{ field: `items[${index}].quantity`, message: '받는 분 모두 합쳐 한 상품에 1,000상자까지 주문할 수 있어요.' }]
      : [],
  );
  if (tooMany.length > 0) throw new ValidationFailed('주문 수량을 확인해 주세요.', tooMany);
  const gone = items.flatMap((item) => {
    const offer = priced.get(item.offerId);
    return offer?.stockState === 'sold_out' ? [offerTitle(offer)] : [];
  });
  if (gone.length > 0) throw soldOut(gone);
}

function checkShape(items: CheckoutRequest['items']) {
  const seen = new Set<string>();
  const fields = items.flatMap((item, index) => {
    if (seen.has(item.offerId))
      return [{ field: `items[${index}].offerId`, message: '같은 상품이 두 번 들어 있어요.' }];
    seen.add(item.offerId);
    return [];
  });
  if (fields.length > 0) throw new ValidationFailed('주문 내용을 확인해 주세요.', fields);
}

/** Who one fulfilment group goes to: the order's recipient, or one gift recipient with a card and a date. */
export interface Parcel {
  recipient: StoredRecipient;
  cardMessage: string | null;
  /** The chosen date of every farm in the cart. */
  deliveryDates: Record<string, string>;
  /** The recipient types their own address through a link by a deadline: no booking until then. */
  addressByLink: boolean;
}

/** A link recipient's address until they give it: empty, never booked or shown. */
const ADDRESS_TO_COME = { postcode: '', address1: '', address2: '', deliveryNote: null } as const;

export interface GiftCheckoutRequest {
  items: CheckoutRequest['items'];
  recipients: (
    | (StoredRecipient & { cardMessage: string | null; deliveryDate: string })
    | { name: string; phone: string; cardMessage: string | null; deliveryDate: string; addressByLink: true }
  )[];
}

/**
 * Places an order: prices every line on the server, asks logistics for each farm's promise
 * (the fee rule and whether the chosen date is open), then commits the order, its fulfilments
 * and lines, the key, and the checkout workflow's run in one transaction, and drives the run
 * (bookings, then the stock hold) while the shopper waits, within `checkoutWaitMs`.
 */
export function placeOrder(
  ctx: OrdersDomain,
  buyer: Buyer,
  idempotencyKey: string,
  request: CheckoutRequest,
  requestId?: string,
): Promise<PlacedOrder> {
  const parcel = {
    recipient: request.recipient,
    cardMessage: null,
    deliveryDates: request.deliveryDates,
    addressByLink: false,
  };
  return placeParcels(ctx, buyer, idempotencyKey, request, request.items, [parcel], requestId);
}

/**
 * A gift order (명절 선물): the same items to each recipient, each with their own address,
 * card message and date. Every recipient gets a fulfilment per farm, booked, tracked,
 * cancelled and refunded on its own; one payment for all.
 */
export function placeGiftOrder(
  ctx: OrdersDomain,
  buyer: Buyer,
  idempotencyKey: string,
  request: GiftCheckoutRequest,
  requestId?: string,
): Promise<PlacedOrder> {
  const parcels = request.recipients.map((wanted): Parcel => {
    if ('addressByLink' in wanted) {
      const { name, phone, cardMessage, deliveryDate } = wanted;
      const recipient = { name, phone, ...ADDRESS_TO_COME };
      return { recipient, cardMessage, deliveryDates: { '*': deliveryDate }, addressByLink: true };
    }
    const { cardMessage, deliveryDate, ...recipient } = wanted;
    return { recipient, cardMessage, deliveryDates: { '*': deliveryDate }, addressByLink: false };
  });
  return placeParcels(ctx, buyer, idempotencyKey, request, request.items, parcels, requestId);
}

const dateFor = (parcel: Parcel, farmId: string): string | undefined =>
  parcel.deliveryDates[farmId] ?? parcel.deliveryDates['*'];

async function placeParcels(
  ctx: OrdersDomain,
  buyer: Buyer,
  idempotencyKey: string,
  body: unknown,
  items: CheckoutRequest['items'],
  parcels: readonly Parcel[],
  requestId?: string,
): Promise<PlacedOrder> {
  if (!buyer.emailVerified) throw emailNotVerified();
  const bodyHash = await hashOf(body);
  const seen = await findByKey(ctx, buyer.shopperId, idempotencyKey);
  if (seen) return repeat(ctx, seen, bodyHash);
  checkShape(items);

  const priced = await priceOffers(
    ctx.remotes,
    items.map((item) => item.offerId),
    requestId,
  );
  checkLines(items, priced, parcels.length);

  // One fulfilment per farm (and per recipient), in the order the farms first appear.
  const farms = new Map<
    string,
    { farmName: string; items: (CheckoutRequest['items'][number] & { offer: PricedOffer })[] }
  >();
  for (const item of items) {
    const offer = priced.get(item.offerId);
    if (!offer) continue;
    const farm = farms.get(offer.farmId) ?? { farmName: offer.farmName, items: [] };
    farm.items.push({ ...item, offer });
    farms.set(offer.farmId, farm);
  }
  const missingDates = [...farms.keys()].filter((farmId) => parcels.some((parcel) => !dateFor(parcel, farmId)));
  if (missingDates.length > 0) {
    throw new ValidationFailed(
      '농장마다 배송일을 골라 주세요.',
      missingDates.map((farmId) => ({ field: `deliveryDates.${farmId}`, message: '배송일을 골라 주세요.' })),
    );
  }
  const boxesOf = (farm: { items: { quantity: number }[] }) => farm.items.reduce((sum, item) => sum + item.quantity, 0);
  const oversized = [...farms.entries()].filter(([, farm]) => boxesOf(farm) > MAX_BOXES_PER_FARM);
  if (oversized.length > 0) {
    throw new ValidationFailed(
      `한 농장에서 한 번에 ${MAX_BOXES_PER_FARM}상자까지 주문할 수 있어요.`,
      oversized.map(([farmId]) => ({
        field: `deliveryDates.${farmId}`,
        message: `at most ${MAX_BOXES_PER_FARM} boxes per farm`,
      })),
    );
  }
  // One promise per postcode: gift recipients may live anywhere. A link recipient's address is not
  // known yet: they get the farm's base fee (the dawn area's promise, asked without a postcode);
  // a 제주·도서산간 surcharge found later is absorbed, never charged after payment.
  const postcodes = [...new Set(parcels.map((parcel) => parcel.recipient.postcode))];
  const promises = new Map(
    await Promise.all(
      postcodes.map(
        async (postcode) =>
          [
            postcode,
            await ctx.remotes.logistics.call(
              quotePromise,
              {
                body: {
                  ...(postcode === '' ? {} : { postcode }),
                  farms: [...farms.entries()].map(([farmId, farm]) => ({ farmId, boxes: boxesOf(farm) })),
                },
              },
              requestId === undefined ? {} : { requestId },
            ),
          ] as const,
      ),
    ),
  );
  const plan = parcels.flatMap((parcel) =>
    [...farms.entries()].map(([farmId, farm]) => {
      const farmPromise = promises
        .get(parcel.recipient.postcode)
        ?.farms.find((candidate) => candidate.farmId === farmId);
      if (!farmPromise?.deliverable) throw areaUnserved(farm.farmName, farmPromise?.reason ?? null);
      const deliveryDate = dateFor(parcel, farmId) ?? '';
      const option = farmPromise.dates.find((date) => date.date === deliveryDate);
      if (!option?.available) throw dateFull(farm.farmName);
      const addressDueAt = parcel.addressByLink ? addressDueAtFor(option.dispatchDate) : null;
      if (addressDueAt && addressDueAt.getTime() <= ctx.clock.now().getTime()) throw dateUnavailable(deliveryDate);
      const goodsAmount = farm.items.reduce((sum, item) => sum + item.quantity * item.offer.priceKrw, 0);
      return {
        fulfilmentId: newId(),
        farmId,
        farmName: farm.farmName,
        deliveryDate,
        goodsAmount,
        deliveryFee: deliveryFeeOf(goodsAmount, farmPromise.fee),
        items: farm.items,
        parcel,
        addressDueAt,
      };
    }),
  );

  const now = ctx.clock.now();
  const orderId = newId();
  const goodsTotal = plan.reduce((sum, farm) => sum + farm.goodsAmount, 0);
  const deliveryTotal = plan.reduce((sum, farm) => sum + farm.deliveryFee, 0);
  const titles = [...farms.values()].flatMap((farm) => farm.items.map((item) => offerTitle(item.offer)));
  const orderName = titles.length > 1 ? `${titles[0]} 외 ${titles.length - 1}건` : (titles[0] ?? '주문');
  const gift = parcels.length > 1 || parcels.some((parcel) => parcel.cardMessage !== null);
  const firstRecipient = parcels[0]?.recipient;
  if (!firstRecipient)
    throw new ValidationFailed('받는 분을 적어 주세요.', [{ field: 'recipients', message: 'at least one' }]);
  // catalog holds one line per offer: every recipient's boxes of it together.
  const held = new Map<string, number>();
  for (const farm of plan)
    for (const item of farm.items) held.set(item.offerId, (held.get(item.offerId) ?? 0) + item.quantity);
  try {
    await ctx.db.transaction(async (tx) => {
      const [order] = await tx
        .insert(orders)
        .values({
          id: orderId,
          orderNumber: await nextOrderNumber(tx, now),
          shopperId: buyer.shopperId,
          status: 'awaiting_payment',
          amount: goodsTotal + deliveryTotal,
          goodsTotal,
          deliveryTotal,
          orderName,
          recipient: firstRecipient,
          expiresAt: new Date(now.getTime() + ctx.policy.paymentWindowSeconds * 1000),
        })
        .returning({ id: orders.id });
      if (!order) throw new Error('order insert returned nothing');
      const [key] = await tx
        .insert(checkoutKeys)
        .values({ shopperId: buyer.shopperId, idempotencyKey, bodyHash, orderId })
        .onConflictDoNothing()
        .returning({ orderId: checkoutKeys.orderId });
      // A concurrent request with the same key committed first: this one becomes a repeat of it.
      if (!key) throw new KeyTaken();
      await tx.insert(fulfilments).values(
        plan.map((farm) => ({
          id: farm.fulfilmentId,
          orderId,
          farmId: farm.farmId,
          farmName: farm.farmName,
          status: 'awaiting_payment' as const,
          deliveryDate: farm.deliveryDate,
          goodsAmount: farm.goodsAmount,
          deliveryFee: farm.deliveryFee,
          recipient: gift ? farm.parcel.recipient : null,
          cardMessage: farm.parcel.cardMessage,
          addressDueAt: farm.addressDueAt,
        })),
      );
      await tx.insert(orderLines).values(
        plan.flatMap((farm) =>
          farm.items.map((item) => ({
            id: newId(),
            orderId,
            fulfilmentId: farm.fulfilmentId,
            offerId: item.offerId,
            productId: item.offer.productId,
            title: offerTitle(item.offer),
            grade: item.offer.grade,
            quantity: item.quantity,
            unitPrice: item.offer.priceKrw,
            cropFailurePolicy: item.cropFailurePolicy,
          })),
        ),
      );
      await ctx.engine.start(
        tx,
        ctx.workflows.checkout,
        {
          orderId,
          shopperId: buyer.shopperId,
          ttlSeconds: ctx.policy.paymentWindowSeconds + ctx.policy.holdMarginSeconds,
          recipient: firstRecipient,
          fulfilments: plan.map((farm) => ({
            fulfilmentId: farm.fulfilmentId,
            farmId: farm.farmId,
            deliveryDate: farm.deliveryDate,
            boxes: boxesOf(farm),
            ...(gift ? { recipient: farm.parcel.recipient } : {}),
            ...(farm.parcel.addressByLink ? { addressByLink: true } : {}),
          })),
          lines: [...held.entries()].map(([offerId, quantity]) => ({ offerId, quantity })),
        },
        { id: orderId },
      );
    });
  } catch (error) {
    if (!(error instanceof KeyTaken)) throw error;
    const taken = await findByKey(ctx, buyer.shopperId, idempotencyKey);
    if (!taken) throw error;
    return repeat(ctx, taken, bodyHash);
  }
  return settle(ctx, orderId, true);
}

async function findByKey(ctx: Pick<DomainContext, 'db'>, shopperId: string, idempotencyKey: string) {
  const [row] = await ctx.db
    .select()
    .from(checkoutKeys)
    .where(and(eq(checkoutKeys.shopperId, shopperId), eq(checkoutKeys.idempotencyKey, idempotencyKey)));
  return row;
}

function repeat(ctx: OrdersDomain, seen: { orderId: string; bodyHash: string }, bodyHash: string) {
  if (seen.bodyHash !== bodyHash) throw idempotencyKeyReused();
  return settle(ctx, seen.orderId, false);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Drives the checkout run now (or waits for whoever drives it) until it settles or the wait
 * runs out; a crash or a timeout here loses nothing, the sweeper finishes the run. A run that
 * was undone answers with the refusal that undid it, every time the key is repeated.
 */
async function settle(ctx: OrdersDomain, orderId: string, created: boolean): Promise<PlacedOrder> {
  const deadline = Date.now() + ctx.policy.checkoutWaitMs;
  for (;;) {
    await ctx.engine.runNow(orderId);
    const [order] = await ctx.db.select().from(orders).where(eq(orders.id, orderId));
    if (!order) throw checkoutFailed();
    if (order.checkoutState === 'failed') throw await refusalOf(ctx, order.id, order.checkoutError);
    if (order.checkoutState === 'placed' || Date.now() >= deadline) {
      const view = await loadOrderView(ctx.db, orderId);
      if (!view) throw checkoutFailed();
      return { order: view, created, settled: order.checkoutState === 'placed' };
    }
    await pause(25);
  }
}

async function refusalOf(ctx: Pick<DomainContext, 'db'>, orderId: string, error: string | null) {
  const code = errorCodeOf(error);
  const lines = await ctx.db
    .select({ offerId: orderLines.offerId, title: orderLines.title })
    .from(orderLines)
    .where(eq(orderLines.orderId, orderId));
  if (code === 'sold_out') {
    // catalog names the offers it could not fill in its detail; else every line is suspect.
    const named = lines.filter((line) => error?.includes(line.offerId));
    return soldOut((named.length > 0 ? named : lines).map((line) => line.title));
  }
  const [farm] = await ctx.db
    .select({ farmName: fulfilments.farmName })
    .from(fulfilments)
    .where(eq(fulfilments.orderId, orderId));
  if (code === 'date_full' || code === 'date_unavailable') return dateFull(farm?.farmName ?? '농장');
  if (code === 'area_unserved') return areaUnserved(farm?.farmName ?? '농장', null);
  return checkoutFailed();
}
