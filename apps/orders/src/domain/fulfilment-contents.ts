import type { LineLot } from '@fruitables/schema-orders';
import { fulfilments, orderLines, orders } from '@fruitables/schema-orders';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { OrdersDb } from './context.ts';
import { publishOrdersEvents } from './events.ts';

/** The lots of a line's first `count` boxes: short boxes are counted from the end (see lotsOfBoxes). */
function lotsToSend(lots: readonly LineLot[], count: number): LineLot[] {
  const sent: LineLot[] = [];
  let left = count;
  for (const lot of lots) {
    if (left === 0) break;
    const take = Math.min(left, lot.quantity);
    sent.push({ ...lot, quantity: take });
    left -= take;
  }
  return sent;
}

/**
 * Tells logistics what a paid fulfilment's boxes hold now (FulfilmentContentsChanged), after a
 * substitute line was added, lines were cancelled or the farm came up short, so the packing list
 * and the labels print what is really sent. Only for a fulfilment logistics has confirmed
 * (paid or packing); before payment OrderPaid will carry the contents anyway.
 */
export async function announceFulfilmentContents(tx: OrdersDb, fulfilmentId: string, now: Date): Promise<void> {
  const [fulfilment] = await tx
    .select({
      id: fulfilments.id,
      orderId: fulfilments.orderId,
      farmId: fulfilments.farmId,
      status: fulfilments.status,
      bookingId: fulfilments.bookingId,
      orderNumber: orders.orderNumber,
    })
    .from(fulfilments)
    .innerJoin(orders, eq(orders.id, fulfilments.orderId))
    .where(eq(fulfilments.id, fulfilmentId));
  if (!fulfilment?.bookingId || !['paid', 'preparing'].includes(fulfilment.status)) return;
  const lines = await tx
    .select()
    .from(orderLines)
    .where(and(eq(orderLines.fulfilmentId, fulfilmentId), inArray(orderLines.status, ['active', 'waiting'])))
    .orderBy(asc(orderLines.id));
  await publishOrdersEvents(tx, [
    {
      type: 'FulfilmentContentsChanged',
      aggregateId: fulfilment.orderId,
      occurredAt: now,
      data: {
        orderId: fulfilment.orderId,
        orderNumber: fulfilment.orderNumber,
        fulfilmentId: fulfilment.id,
        farmId: fulfilment.farmId,
        bookingId: fulfilment.bookingId,
        lines: lines.flatMap((line) => {
          const toSend = line.quantity - line.shortQuantity;
          if (toSend <= 0) return [];
          return [
            {
              lineId: line.id,
              offerId: line.offerId,
              productId: line.productId,
              title: line.title,
              quantity: toSend,
              unitPrice: line.unitPrice,
              cropFailurePolicy: line.cropFailurePolicy,
              lots: lotsToSend(line.lots, toSend),
            },
          ];
        }),
        changedAt: now.toISOString(),
      },
    },
  ]);
}
