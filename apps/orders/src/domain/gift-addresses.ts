import { type Clock, Conflict, NotFound } from '@fruitables/core';
import { quotePromise } from '@fruitables/logistics/contract';
import { fulfilments, orderLines, orders, type StoredRecipient } from '@fruitables/schema-orders';
import { and, asc, eq, isNull, lte, ne } from 'drizzle-orm';
import type { OrdersDomain } from './build.ts';
import { applyCancellation } from './cancel-fulfilment.ts';
import type { OrdersDb } from './context.ts';
import { areaUnserved } from './errors.ts';
import { type FulfilmentRow, findFulfilment } from './fulfilment-changes.ts';
import { announceFulfilmentContents } from './fulfilment-contents.ts';
import { readGiftLink } from './gift-links.ts';
import { lockOrder } from './order-rows.ts';
import { addTimeline } from './timeline.ts';
import type { FollowUps } from './workflows/follow-ups.ts';

/** The `book` run: a link recipient's address came; book and confirm their date at logistics. */
export interface BookInput {
  orderId: string;
  fulfilmentId: string;
  shopperId: string;
  farmId: string;
  deliveryDate: string;
  boxes: number;
  recipient: StoredRecipient;
}

/** What the recipient's page shows: who it is for, from which farm, what and when; nothing of the buyer. */
export interface GiftAddressView {
  recipientName: string;
  farmName: string;
  products: { title: string; quantity: number }[];
  deliveryDate: string;
  addressDueAt: string;
  cardMessage: string | null;
}

const linkNotFound = () =>
  new NotFound('주소 입력 링크를 찾을 수 없어요. 링크를 다시 확인해 주세요.', 'gift_link_not_found');
const addressAlreadyGiven = () =>
  new Conflict('이미 주소를 입력하셨어요. 선물은 입력하신 주소로 보내 드려요.', 'address_already_given');
const deadlinePassed = () =>
  new Conflict('주소 입력 기한이 지났어요. 보내신 분께 환불됐어요.', 'address_deadline_passed');
const notPaidYet = () =>
  new Conflict('보내신 분의 결제가 아직 끝나지 않았어요. 잠시 뒤 다시 시도해 주세요.', 'order_not_paid');

/**
 * The fulfilment a link names, if the link is ours and still the fulfilment's (its deadline as
 * signed): anything else is 404, so a guessed or altered token learns nothing. A cancelled
 * fulfilment's link is gone too.
 */
async function linkedFulfilment(db: OrdersDb, secret: string, token: string) {
  const link = await readGiftLink(secret, token);
  if (!link) throw linkNotFound();
  const fulfilment = await findFulfilment(db, link.fulfilmentId);
  if (
    !fulfilment?.addressDueAt ||
    fulfilment.addressDueAt.getTime() !== link.addressDueAt.getTime() ||
    fulfilment.status === 'cancelled'
  ) {
    throw linkNotFound();
  }
  return fulfilment;
}

function checkStillOpen(fulfilment: { addressGivenAt: Date | null; addressDueAt: Date | null }, now: Date) {
  if (fulfilment.addressGivenAt) throw addressAlreadyGiven();
  if (!fulfilment.addressDueAt || fulfilment.addressDueAt.getTime() <= now.getTime()) throw deadlinePassed();
}

/** `GET /v1/gift-addresses/{token}`: what the recipient needs to know to give their address. */
export async function readGiftAddress(
  ctx: Pick<OrdersDomain, 'db' | 'clock' | 'policy'>,
  token: string,
): Promise<GiftAddressView> {
  const fulfilment = await linkedFulfilment(ctx.db, ctx.policy.giftLinkSecret, token);
  checkStillOpen(fulfilment, ctx.clock.now());
  return viewOf(ctx.db, fulfilment);
}

async function viewOf(db: OrdersDb, fulfilment: FulfilmentRow): Promise<GiftAddressView> {
  const lines = await db
    .select({ title: orderLines.title, quantity: orderLines.quantity })
    .from(orderLines)
    .where(and(eq(orderLines.fulfilmentId, fulfilment.id), ne(orderLines.status, 'cancelled')))
    .orderBy(asc(orderLines.id));
  return {
    recipientName: fulfilment.recipient?.name ?? '',
    farmName: fulfilment.farmName,
    products: lines,
    deliveryDate: fulfilment.deliveryDate,
    addressDueAt: (fulfilment.addressDueAt ?? fulfilment.createdAt).toISOString(),
    cardMessage: fulfilment.cardMessage,
  };
}

/**
 * `PUT /v1/gift-addresses/{token}`: the recipient's address, once, before the deadline and
 * after the buyer paid. The area is checked at logistics first (an unserved address is refused
 * here, while the recipient can still give another); then, under the order's lock, the address
 * is stored and a `book` run starts in the same commit, so the booking follows even if this
 * process dies now.
 */
export async function giveGiftAddress(
  ctx: Pick<OrdersDomain, 'db' | 'clock' | 'policy' | 'remotes' | 'followUps'>,
  token: string,
  recipient: StoredRecipient,
  requestId?: string,
): Promise<GiftAddressView> {
  const found = await linkedFulfilment(ctx.db, ctx.policy.giftLinkSecret, token);
  checkStillOpen(found, ctx.clock.now());
  const boxes = (
    await ctx.db
      .select({ quantity: orderLines.quantity })
      .from(orderLines)
      .where(and(eq(orderLines.fulfilmentId, found.id), ne(orderLines.status, 'cancelled')))
  ).reduce((sum, line) => sum + line.quantity, 0);
  const promise = await ctx.remotes.logistics.call(
    quotePromise,
    { body: { postcode: recipient.postcode, farms: [{ farmId: found.farmId, boxes }] } },
    requestId === undefined ? {} : { requestId },
  );
  const farmPromise = promise.farms.find((farm) => farm.farmId === found.farmId);
  if (!farmPromise?.deliverable) throw areaUnserved(found.farmName, farmPromise?.reason ?? null);

  await ctx.db.transaction(async (tx) => {
    const order = await lockOrder(tx, found.orderId);
    const fulfilment = await findFulfilment(tx, found.id);
    if (!order || !fulfilment || fulfilment.status === 'cancelled') throw linkNotFound();
    const now = ctx.clock.now();
    checkStillOpen(fulfilment, now);
    if (fulfilment.status !== 'paid') throw notPaidYet();
    await tx
      .update(fulfilments)
      .set({ recipient, addressGivenAt: now, updatedAt: now })
      .where(eq(fulfilments.id, fulfilment.id));
    await addTimeline(tx, now, [
      { orderId: order.id, fulfilmentId: fulfilment.id, status: 'address_given', note: '받는 분이 주소를 입력했어요.' },
    ]);
    await ctx.followUps.book(tx, {
      orderId: order.id,
      fulfilmentId: fulfilment.id,
      shopperId: order.shopperId,
      farmId: fulfilment.farmId,
      deliveryDate: fulfilment.deliveryDate,
      boxes,
      recipient,
    });
  });
  const given = await findFulfilment(ctx.db, found.id);
  if (!given) throw linkNotFound();
  return viewOf(ctx.db, given);
}

/** The `book` run's last commit: the booking on the fulfilment, and logistics told its boxes and lots. */
export async function markBooked(
  tx: OrdersDb,
  input: BookInput,
  booking: { bookingId: string; dispatchDate: string } | undefined,
  now: Date,
): Promise<void> {
  if (!booking) return;
  const order = await lockOrder(tx, input.orderId);
  const fulfilment = await findFulfilment(tx, input.fulfilmentId);
  if (!order || !fulfilment || fulfilment.bookingId) return;
  await tx
    .update(fulfilments)
    .set({ bookingId: booking.bookingId, dispatchDate: booking.dispatchDate, updatedAt: now })
    .where(eq(fulfilments.id, fulfilment.id));
  await announceFulfilmentContents(tx, fulfilment.id, now);
}

/** The date filled before the address came: that recipient is cancelled and refunded alone. */
export async function cancelUnbookable(
  tx: OrdersDb,
  deps: { followUps: FollowUps },
  input: BookInput,
  now: Date,
): Promise<void> {
  const order = await lockOrder(tx, input.orderId);
  const fulfilment = await findFulfilment(tx, input.fulfilmentId);
  if (!order || fulfilment?.status !== 'paid' || fulfilment.bookingId) return;
  await applyCancellation(tx, deps, order, fulfilment, [], 'checkout_failed', now);
}

/**
 * The deadline sweep: a paid recipient who did not give their address by `addressDueAt` is
 * cancelled under the order's lock through the ordinary cancel path: their goods and fee
 * refunded under `no-address:<fulfilment>` (reason `recipient_no_address`), their boxes
 * restocked, OrderCancelled only when nothing else of the order is left. Unpaid orders are
 * left to the expiry sweep.
 */
export async function cancelUnansweredRecipients(
  ctx: { db: OrdersDb; clock: Clock; followUps: FollowUps },
  limit = 100,
): Promise<number> {
  const now = ctx.clock.now();
  const due = await ctx.db
    .select({ id: fulfilments.id, orderId: fulfilments.orderId })
    .from(fulfilments)
    .innerJoin(orders, eq(orders.id, fulfilments.orderId))
    .where(and(isNull(fulfilments.addressGivenAt), lte(fulfilments.addressDueAt, now), eq(fulfilments.status, 'paid')))
    .limit(limit);
  let cancelled = 0;
  for (const row of due) {
    const done = await ctx.db.transaction(async (tx) => {
      const order = await lockOrder(tx, row.orderId);
      const fulfilment = await findFulfilment(tx, row.id);
      if (!order || fulfilment?.status !== 'paid' || fulfilment.addressGivenAt) return false;
      await applyCancellation(tx, ctx, order, fulfilment, [], 'recipient_no_address', now);
      return true;
    });
    if (done) cancelled += 1;
  }
  return cancelled;
}
