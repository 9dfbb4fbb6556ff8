import { z } from '@hono/zod-openapi';
import { packingListSchema, shipBody, shipmentSchema } from '../../contract/shipments.ts';
import type { carrierIds, shipmentStatuses } from '../../contract/values.ts';
import type { DispatchShipment } from '../../domain/shipments/packing-list.ts';
import { maskPhone } from '../../labels/mask-phone.ts';

export { packingListSchema, shipBody, shipmentSchema };

export const dispatchDateQuery = z.object({
  dispatchDate: z.iso
    .date('발송일은 2026-12-09처럼 적어 주세요. dispatchDate must be YYYY-MM-DD.')
    .openapi({ example: '2026-12-09' }),
});

export const byOrderBody = (shipment: DispatchShipment) => ({
  shipmentId: shipment.shipmentId,
  orderId: shipment.orderId,
  orderNumber: shipment.contents?.orderNumber ?? null,
  fulfilmentId: shipment.fulfilmentId,
  status: shipment.status,
  boxes: shipment.boxes,
  deliveryDate: shipment.deliveryDate,
  recipientName: shipment.recipient.name,
  recipientPhone: maskPhone(shipment.recipient.phone),
  carrierId: shipment.carrierId,
  trackingNumber: shipment.trackingNumber,
  lines: (shipment.contents?.lines ?? []).map(({ title, quantity, lots }) => ({ title, quantity, lots })),
});

export const shipmentResponse = (row: {
  id: string;
  status: (typeof shipmentStatuses)[number];
  carrierId: (typeof carrierIds)[number] | null;
  trackingNumber: string | null;
  dispatchDate: string;
  deliveryDate: string;
  promisedBy: Date;
}): z.infer<typeof shipmentSchema> => ({
  id: row.id,
  status: row.status,
  carrierId: row.carrierId,
  trackingNumber: row.trackingNumber,
  dispatchDate: row.dispatchDate,
  deliveryDate: row.deliveryDate,
  promisedBy: row.promisedBy.toISOString(),
});
