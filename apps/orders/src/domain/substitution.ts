import { formatKrw, newId } from '@fruitables/core';
import { type LineLot, orderLines } from '@fruitables/schema-orders';
import { eq } from 'drizzle-orm';
import type { OrdersDb } from './context.ts';
import { announceFulfilmentContents } from './fulfilment-contents.ts';
import { requestRefund } from './refunds.ts';
import { addTimeline } from './timeline.ts';
import type { FollowUps } from './workflows/follow-ups.ts';

export interface SubstituteInput {
  orderId: string;
  fulfilmentId: string;
  lineId: string;
  productId: string;
  /** The short line's own offer, whose box size the substitute should match. */
  offerId: string;
  grade: string;
  title: string;
  /** Short boxes to replace. */
  quantity: number;
  unitPrice: number;
  /** The line's short count after this shortage: keys the refunds, one per shortage. */
  shortAfter: number;
}

export interface Substitution {
  offerId: string;
  title: string;
  grade: string;
  priceKrw: number;
  lots: LineLot[];
  /** The substitute's own catalog hold, which a later cancel gives its boxes back to. */
  holdId?: string;
}

/**
 * The substitute's boxes are confirmed: they join the fulfilment as a line of their own at
 * the price the shopper paid or less, and the difference goes back (never charged extra).
 */
export async function applySubstitution(
  tx: OrdersDb,
  deps: { followUps: FollowUps },
  runId: string,
  input: SubstituteInput,
  substitute: Substitution,
  now: Date,
): Promise<void> {
  const [line] = await tx.select().from(orderLines).where(eq(orderLines.id, input.lineId));
  if (!line) return;
  const unitPrice = Math.min(substitute.priceKrw, input.unitPrice);
  await tx.insert(orderLines).values({
    id: newId(),
    orderId: input.orderId,
    fulfilmentId: input.fulfilmentId,
    offerId: substitute.offerId,
    productId: input.productId,
    title: substitute.title,
    grade: substitute.grade,
    quantity: input.quantity,
    unitPrice,
    cropFailurePolicy: line.cropFailurePolicy,
    lots: substitute.lots,
    holdId: substitute.holdId ?? null,
  });
  if (line.shortQuantity >= line.quantity) {
    await tx.update(orderLines).set({ status: 'substituted' }).where(eq(orderLines.id, line.id));
  }
  // The packing list must show the substitute, not the short line.
  await announceFulfilmentContents(tx, input.fulfilmentId, now);
  const difference = (input.unitPrice - unitPrice) * input.quantity;
  await addTimeline(tx, now, [
    {
      orderId: input.orderId,
      fulfilmentId: input.fulfilmentId,
      status: 'substituted',
      note:
        `${input.title} ${input.quantity}상자가 부족해 ${substitute.title}(으)로 바꿔 보내 드려요.` +
        (difference > 0 ? ` 차액 ${formatKrw(difference)}은 환불해 드려요.` : ''),
    },
  ]);
  if (difference <= 0) return;
  await requestRefund(
    tx,
    deps,
    {
      orderId: input.orderId,
      fulfilmentId: input.fulfilmentId,
      amount: difference,
      reason: 'substitution',
      description: `대체 상품 차액 환불 (${input.title} → ${substitute.title})`,
      requestKey: `substitute:${input.lineId}:${input.shortAfter}:${runId}`,
    },
    now,
  );
}

/** No next grade to send (or it sold out meanwhile): the short boxes are refunded instead. */
export async function refundUnsubstitutable(
  tx: OrdersDb,
  deps: { followUps: FollowUps },
  runId: string,
  input: SubstituteInput,
  now: Date,
): Promise<void> {
  const [line] = await tx.select().from(orderLines).where(eq(orderLines.id, input.lineId));
  if (!line) return;
  if (line.shortQuantity >= line.quantity) {
    await tx.update(orderLines).set({ status: 'refunded' }).where(eq(orderLines.id, line.id));
  }
  const amount = input.quantity * input.unitPrice;
  await addTimeline(tx, now, [
    {
      orderId: input.orderId,
      fulfilmentId: input.fulfilmentId,
      status: 'refunded',
      note: `${input.title} ${input.quantity}상자가 부족한데 바꿔 보낼 다음 등급이 없어 ${formatKrw(amount)}을 환불해 드려요.`,
    },
  ]);
  await requestRefund(
    tx,
    deps,
    {
      orderId: input.orderId,
      fulfilmentId: input.fulfilmentId,
      amount,
      reason: 'shortage',
      description: `부족분 환불 (${input.title} ${input.quantity}상자)`,
      requestKey: `shortage:${input.lineId}:${input.shortAfter}:${runId}`,
    },
    now,
  );
}
