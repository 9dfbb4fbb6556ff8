import {
  type BookingContents,
  type BookingRecipient,
  bookings,
  type CarrierId,
  shipments,
} from '@fruitables/schema-logistics';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { DomainContext } from '../context.ts';

export interface DispatchShipment {
  shipmentId: string;
  orderId: string;
  fulfilmentId: string;
  status: typeof shipments.$inferSelect.status;
  boxes: number;
  deliveryDate: string;
  area: typeof bookings.$inferSelect.area;
  carrierId: CarrierId | null;
  trackingNumber: string | null;
  recipient: BookingRecipient;
  contents: BookingContents | null;
}

/** The farm's shipments to pack on a dispatch date (not the cancelled ones), oldest order first. */
export async function listDispatchShipments(
  ctx: Pick<DomainContext, 'db'>,
  farmId: string,
  dispatchDate: string,
): Promise<DispatchShipment[]> {
  return ctx.db
    .select({
      shipmentId: shipments.id,
      orderId: shipments.orderId,
      fulfilmentId: shipments.fulfilmentId,
      status: shipments.status,
      boxes: bookings.boxes,
      deliveryDate: shipments.deliveryDate,
      area: bookings.area,
      carrierId: shipments.carrierId,
      trackingNumber: shipments.trackingNumber,
      recipient: bookings.recipient,
      contents: bookings.contents,
    })
    .from(shipments)
    .innerJoin(bookings, eq(bookings.id, shipments.bookingId))
    .where(
      and(eq(shipments.farmId, farmId), eq(shipments.dispatchDate, dispatchDate), ne(shipments.status, 'cancelled')),
    )
    .orderBy(asc(shipments.createdAt), asc(shipments.id));
}

export interface PackingByProduct {
  productId: string;
  title: string;
  quantity: number;
  lots: { lotId: string; lotCode: string; quantity: number }[];
}

/** The same shipments summed by product and lot: what to take out of the store. */
export function packingByProduct(list: readonly DispatchShipment[]): PackingByProduct[] {
  const products = new Map<string, PackingByProduct>();
  for (const shipment of list) {
    for (const line of shipment.contents?.lines ?? []) {
      const product = products.get(line.productId) ?? {
        productId: line.productId,
        title: line.title,
        quantity: 0,
        lots: [],
      };
      product.quantity += line.quantity;
      for (const lot of line.lots) {
        const existing = product.lots.find((candidate) => candidate.lotId === lot.lotId);
        if (existing) existing.quantity += lot.quantity;
        else product.lots.push({ ...lot });
      }
      products.set(line.productId, product);
    }
  }
  return [...products.values()].sort((a, b) => a.title.localeCompare(b.title, 'ko'));
}
