import { fulfilments, orderLines } from '@fruitables/schema-orders';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { OrdersDb } from './context.ts';

/** The fulfilments of an order as OrderPlaced and OrderPaid carry them: farm, date, booking, lines with lots. */
export async function fulfilmentSummaries(tx: OrdersDb, orderId: string) {
  const [fulfilmentRows, lineRows] = await Promise.all([
    tx
      .select()
      .from(fulfilments)
      .where(and(eq(fulfilments.orderId, orderId), ne(fulfilments.status, 'cancelled')))
      .orderBy(asc(fulfilments.id)),
    tx
      .select()
      .from(orderLines)
      .where(and(eq(orderLines.orderId, orderId), ne(orderLines.status, 'cancelled')))
      .orderBy(asc(orderLines.id)),
  ]);
  return fulfilmentRows.flatMap((fulfilment) => {
    const lines = lineRows.filter((line) => line.fulfilmentId === fulfilment.id);
    if (!fulfilment.bookingId || lines.length === 0) return [];
    return [
      {
        fulfilmentId: fulfilment.id,
        farmId: fulfilment.farmId,
        deliveryDate: fulfilment.deliveryDate,
        bookingId: fulfilment.bookingId,
        goodsAmount: fulfilment.goodsAmount,
        deliveryFee: fulfilment.deliveryFee,
        lines: lines.map((line) => ({
          lineId: line.id,
          offerId: line.offerId,
          productId: line.productId,
          title: line.title,
          quantity: line.quantity,
          unitPrice: line.unitPrice,
          cropFailurePolicy: line.cropFailurePolicy,
          lots: line.lots,
        })),
      },
    ];
  });
}
