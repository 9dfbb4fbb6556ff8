import { z } from '@hono/zod-openapi';
import { carrierIds, shipmentStatuses } from '../../contract/values.ts';
import type { DispatchShipment } from '../../domain/shipments/packing-list.ts';
import { normaliseTrackingNumber } from '../../domain/shipments/shipment-status.ts';
import { maskPhone } from '../../labels/mask-phone.ts';

export const dispatchDateQuery = z.object({
  dispatchDate: z.iso
    .date('발송일은 2026-12-09처럼 적어 주세요. dispatchDate must be YYYY-MM-DD.')
    .openapi({ example: '2026-12-09' }),
});

const lot = z.object({ lotId: z.uuid(), lotCode: z.string(), quantity: z.number().int() });

export const packingListSchema = z
  .object({
    dispatchDate: z.iso.date(),
    boxes: z.number().int().openapi({ description: 'Boxes to pack that day' }),
    byProduct: z.array(
      z.object({ productId: z.uuid(), title: z.string(), quantity: z.number().int(), lots: z.array(lot) }),
    ),
    byOrder: z.array(
      z.object({
        shipmentId: z.uuid(),
        orderId: z.uuid(),
        orderNumber: z.string().nullable(),
        fulfilmentId: z.uuid(),
        status: z.enum(shipmentStatuses),
        boxes: z.number().int(),
        deliveryDate: z.iso.date(),
        recipientName: z.string(),
        /** 010-****-5678 */
        recipientPhone: z.string(),
        carrierId: z.enum(carrierIds).nullable(),
        trackingNumber: z.string().nullable(),
        lines: z.array(z.object({ title: z.string(), quantity: z.number().int(), lots: z.array(lot) })),
      }),
    ),
  })
  .openapi('PackingList');

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
  carrierId: shipment.carrierId as (typeof carrierIds)[number] | null,
  trackingNumber: shipment.trackingNumber,
  lines: (shipment.contents?.lines ?? []).map(({ title, quantity, lots }) => ({ title, quantity, lots })),
});

export const shipBody = z
  .object({
    carrierId: z
      .enum(carrierIds, `택배사는 ${carrierIds.join(', ')} 중 하나예요.`)
      .openapi({ example: 'kr.cjlogistics' }),
    trackingNumber: z
      .string()
      .trim()
      .max(40)
      .refine((value) => normaliseTrackingNumber(value) !== null, '송장번호는 숫자 9~14자리예요.')
      .openapi({ example: '640123456789' }),
  })
  .strict()
  .openapi('ShipRequest');

export const shipmentSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(shipmentStatuses),
    carrierId: z.enum(carrierIds).nullable(),
    trackingNumber: z.string().nullable(),
    dispatchDate: z.iso.date(),
    deliveryDate: z.iso.date(),
    promisedBy: z.iso.datetime(),
  })
  .openapi('Shipment');

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
