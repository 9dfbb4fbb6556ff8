import { z } from '@hono/zod-openapi';
import { carrierIds, shipmentStatuses } from './values.ts';

/** One shipment as the shopper's order page shows it (`GET /v1/orders/{orderId}/tracking`, and each SSE `shipment` event). */
export const trackedShipmentSchema = z
  .object({
    shipmentId: z.uuid(),
    fulfilmentId: z.uuid(),
    farmId: z.uuid(),
    status: z.enum(shipmentStatuses).openapi({ example: 'in_transit' }),
    carrierId: z.enum(carrierIds).nullable().openapi({ example: 'kr.cjlogistics' }),
    trackingNumber: z.string().nullable().openapi({ example: '640123456789' }),
    promisedBy: z.iso.datetime(),
    /** Korean status label ("배송중"). */
    statusLabel: z.string().openapi({ example: '배송중' }),
    events: z.array(
      z.object({
        status: z.enum(shipmentStatuses),
        /** The courier's event in Korean. */
        description: z.string().openapi({ example: '간선상차' }),
        location: z.string().nullable().openapi({ example: '옥천HUB' }),
        at: z.iso.datetime(),
      }),
    ),
  })
  .openapi('TrackedShipment');

export type TrackedShipment = z.infer<typeof trackedShipmentSchema>;

export const orderTrackingSchema = z.object({ shipments: z.array(trackedShipmentSchema) }).openapi('OrderTracking');
export type OrderTracking = z.infer<typeof orderTrackingSchema>;
