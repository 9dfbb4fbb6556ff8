import type { Clock } from '@fruitables/core';
import { formatKrw, toSeoulDate, ValidationFailed } from '@fruitables/core';
import { orderLines } from '@fruitables/schema-orders';
import { and, eq, lte } from 'drizzle-orm';
import type { OrdersDomain } from './build.ts';
import type { OrdersDb } from './context.ts';
import { fulfilmentNotFound, invalidTransition } from './errors.ts';
import { findFulfilment } from './fulfilment-changes.ts';
import { announceFulfilmentContents } from './fulfilment-contents.ts';
import { lockOrder } from './order-rows.ts';
import { requestRefund } from './refunds.ts';
import { requestRestock } from './restock.ts';
import { addTimeline } from './timeline.ts';
import type { FollowUps } from './workflows/follow-ups.ts';

const DAY_MS = 86_400_000;

export interface ShortageReport {
  lines: { lineId: string; shortQuantity: number }[];
  reason: string;
}

/**
 * A farmer reports boxes the farm cannot send (a short harvest, a lot that failed its quality
 * check). Each line gets what its shopper chose at checkout: `refund` gives the short boxes'
 * money back now, `substitute` starts sending the next grade instead (price difference
 * refunded), `wait` gives the farm until the deadline and then refunds. The shopper sees it on
 * the order's timeline. Returns the workflow runs started (refunds, substitutions) to drive now.
 */
export async function reportShortage(
  ctx: Pick<OrdersDomain, 'db' | 'clock' | 'followUps' | 'policy'>,
  farmId: string,
  fulfilmentId: string,
  report: ShortageReport,
): Promise<{ orderId: string; runIds: string[] }> {
  return ctx.db.transaction(async (tx) => {
    const found = await findFulfilment(tx, fulfilmentId);
    if (!found || found.farmId !== farmId) throw fulfilmentNotFound();
    const order = await lockOrder(tx, found.orderId);
    const fulfilment = await findFulfilment(tx, fulfilmentId);
    if (!order || !fulfilment) throw fulfilmentNotFound();
    if (fulfilment.status !== 'paid' && fulfilment.status !== 'preparing') {
      throw invalidTransition(fulfilment.status, 'shortage');
    }
    const lines = await tx.select().from(orderLines).where(eq(orderLines.fulfilmentId, fulfilment.id));
    const problems = report.lines.flatMap((reported, index) => {
      const line = lines.find((candidate) => candidate.id === reported.lineId);
      if (line?.status !== 'active') {
        return [{ field: `lines[${index}].lineId`, message: '이 배송 묶음의 보낼 상품이 아니에요.' }];
      }
      if (line.shortQuantity + reported.shortQuantity > line.quantity) {
        return [
          {
            field: `lines[${index}].shortQuantity`,
            message: `주문 수량 ${line.quantity}상자 중 ${line.quantity - line.shortQuantity}상자까지만 부족으로 알릴 수 있어요.`,
          },
        ];
      }
      return [];
    });
    const duplicates = new Set(report.lines.map((line) => line.lineId)).size !== report.lines.length;
    if (duplicates) problems.push({ field: 'lines', message: '같은 상품을 두 번 적었어요.' });
    if (problems.length > 0) throw new ValidationFailed('부족 수량을 확인해 주세요.', problems);

    const now = ctx.clock.now();
    const runIds: string[] = [];
    for (const reported of report.lines) {
      const line = lines.find((candidate) => candidate.id === reported.lineId);
      if (!line) continue;
      const shortAfter = line.shortQuantity + reported.shortQuantity;
      const whole = shortAfter === line.quantity;
      const base = { orderId: order.id, fulfilmentId: fulfilment.id };
      // The farm does not have these boxes, whatever the shopper chose: catalog stops counting them
      // as sold (shortages are counted from the end of the line, see lotsOfBoxes).
      await requestRestock(
        tx,
        ctx,
        {
          orderId: order.id,
          orderHoldId: order.holdId,
          requestKey: `shortage:${line.id}:${shortAfter}`,
          reason: 'shortage',
        },
        [{ line, from: line.quantity - shortAfter, count: reported.shortQuantity }],
      );
      if (line.cropFailurePolicy === 'refund') {
        await tx
          .update(orderLines)
          .set({ shortQuantity: shortAfter, status: whole ? 'refunded' : 'active' })
          .where(eq(orderLines.id, line.id));
        const amount = reported.shortQuantity * line.unitPrice;
        await addTimeline(tx, now, [
          {
            ...base,
            status: 'shortage_refunded',
            note: `${line.title} ${reported.shortQuantity}상자가 부족해 ${formatKrw(amount)}을 환불해 드려요. (${report.reason})`,
          },
        ]);
        const runId = await requestRefund(
          tx,
          ctx,
          {
            ...base,
            amount,
            reason: 'shortage',
            description: `부족분 환불 (${line.title} ${reported.shortQuantity}상자)`,
            requestKey: `shortage:${line.id}:${shortAfter}`,
          },
          now,
        );
        if (runId) runIds.push(runId);
        continue;
      }
      if (line.cropFailurePolicy === 'wait') {
        const waitUntil = new Date(now.getTime() + ctx.policy.waitDays * DAY_MS);
        await tx
          .update(orderLines)
          .set({ shortQuantity: shortAfter, status: 'waiting', waitUntil })
          .where(eq(orderLines.id, line.id));
        await addTimeline(tx, now, [
          {
            ...base,
            status: 'waiting',
            note: `${line.title} ${reported.shortQuantity}상자가 부족해 다음 수확을 기다려요. ${toSeoulDate(waitUntil)}까지 보내지 못하면 환불해 드려요. (${report.reason})`,
          },
        ]);
        continue;
      }
      await tx.update(orderLines).set({ shortQuantity: shortAfter }).where(eq(orderLines.id, line.id));
      await addTimeline(tx, now, [
        {
          ...base,
          status: 'substituting',
          note: `${line.title} ${reported.shortQuantity}상자가 부족해 다음 등급 상품을 찾고 있어요. (${report.reason})`,
        },
      ]);
      runIds.push(
        await ctx.followUps.substitute(tx, {
          ...base,
          lineId: line.id,
          productId: line.productId,
          offerId: line.offerId,
          grade: line.grade,
          title: line.title,
          quantity: reported.shortQuantity,
          unitPrice: line.unitPrice,
          shortAfter,
        }),
      );
    }
    await announceFulfilmentContents(tx, fulfilment.id, now);
    return { orderId: order.id, runIds };
  });
}

/** `wait` lines whose deadline passed: the boxes never came, so their money goes back. */
export async function refundExpiredWaits(
  ctx: { db: OrdersDb; clock: Clock; followUps: FollowUps },
  limit = 100,
): Promise<number> {
  const now = ctx.clock.now();
  const due = await ctx.db
    .select({ id: orderLines.id, orderId: orderLines.orderId })
    .from(orderLines)
    .where(and(eq(orderLines.status, 'waiting'), lte(orderLines.waitUntil, now)))
    .limit(limit);
  let refunded = 0;
  for (const row of due) {
    const done = await ctx.db.transaction(async (tx) => {
      await lockOrder(tx, row.orderId);
      const [line] = await tx.select().from(orderLines).where(eq(orderLines.id, row.id));
      if (line?.status !== 'waiting') return false;
      const whole = line.shortQuantity === line.quantity;
      await tx
        .update(orderLines)
        .set({ status: whole ? 'refunded' : 'active', waitUntil: null })
        .where(eq(orderLines.id, line.id));
      const amount = line.shortQuantity * line.unitPrice;
      await addTimeline(tx, now, [
        {
          orderId: line.orderId,
          fulfilmentId: line.fulfilmentId,
          status: 'shortage_refunded',
          note: `${line.title} ${line.shortQuantity}상자를 기한까지 보내지 못해 ${formatKrw(amount)}을 환불해 드려요.`,
        },
      ]);
      await requestRefund(
        tx,
        ctx,
        {
          orderId: line.orderId,
          fulfilmentId: line.fulfilmentId,
          amount,
          reason: 'shortage',
          description: `기다림 기한 종료 환불 (${line.title} ${line.shortQuantity}상자)`,
          requestKey: `wait:${line.id}:${line.shortQuantity}`,
        },
        now,
      );
      return true;
    });
    if (done) refunded += 1;
  }
  return refunded;
}
