import { type CarrierId, type ShipmentStatus, shipmentEvents, shipments } from '@fruitables/schema-logistics';
import { asc, eq, sql } from 'drizzle-orm';
import type { LogisticsDb } from '../context.ts';
import { orderTrackingNotFound } from '../errors.ts';

export interface ShipmentTracking {
  shipmentId: string;
  orderId: string;
  shopperId: string;
  fulfilmentId: string;
  farmId: string;
  status: ShipmentStatus;
  carrierId: CarrierId | null;
  trackingNumber: string | null;
  promisedBy: Date;
  events: { status: ShipmentStatus; description: string; location: string | null; at: Date }[];
}

/** The shipments of one order (or one shipment) with their timelines, in two queries. */
async function loadTracking(db: LogisticsDb, where: ReturnType<typeof eq>): Promise<ShipmentTracking[]> {
  const rows = await db.select().from(shipments).where(where).orderBy(asc(shipments.createdAt), asc(shipments.id));
  if (rows.length === 0) return [];
  const events = await db
    .select()
    .from(shipmentEvents)
    .where(sql`${shipmentEvents.shipmentId} = any(${sql.param(rows.map((row) => row.id))}::uuid[])`)
    .orderBy(asc(shipmentEvents.occurredAt), asc(shipmentEvents.createdAt));
  return rows.map((row) => ({
    shipmentId: row.id,
    orderId: row.orderId,
    shopperId: row.shopperId,
    fulfilmentId: row.fulfilmentId,
    farmId: row.farmId,
    status: row.status,
    carrierId: row.carrierId,
    trackingNumber: row.trackingNumber,
    promisedBy: row.promisedBy,
    events: events
      .filter((event) => event.shipmentId === row.id)
      .map((event) => ({
        status: event.status,
        description: event.description,
        location: event.location,
        at: event.occurredAt,
      })),
  }));
}

/**
 * The order's shipments for the shopper whose order it is (the booking carried the shopper's
 * id), or for an admin (`shopperId` null). Anyone else's order answers exactly like a missing one.
 */
export async function orderTracking(
  db: LogisticsDb,
  orderId: string,
  shopperId: string | null,
): Promise<ShipmentTracking[]> {
  const found = await loadTracking(db, eq(shipments.orderId, orderId));
  if (found.length === 0 || (shopperId !== null && found.some((shipment) => shipment.shopperId !== shopperId))) {
    throw orderTrackingNotFound();
  }
  return found;
}

export async function shipmentTracking(db: LogisticsDb, shipmentId: string): Promise<ShipmentTracking | undefined> {
  return (await loadTracking(db, eq(shipments.id, shipmentId)))[0];
}
