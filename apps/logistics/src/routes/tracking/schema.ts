import type { z } from '@hono/zod-openapi';
import { orderTrackingSchema, trackedShipmentSchema } from '../../contract/tracking.ts';
import type { ShipmentTracking } from '../../domain/shipments/order-tracking.ts';
import { STATUS_LABELS } from '../../domain/shipments/shipment-status.ts';

export { orderTrackingSchema, trackedShipmentSchema };

export const trackedShipmentBody = (shipment: ShipmentTracking): z.infer<typeof trackedShipmentSchema> => ({
  shipmentId: shipment.shipmentId,
  fulfilmentId: shipment.fulfilmentId,
  farmId: shipment.farmId,
  status: shipment.status,
  statusLabel: STATUS_LABELS[shipment.status],
  carrierId: shipment.carrierId,
  trackingNumber: shipment.trackingNumber,
  promisedBy: shipment.promisedBy.toISOString(),
  events: shipment.events.map((event) => ({ ...event, at: event.at.toISOString() })),
});
