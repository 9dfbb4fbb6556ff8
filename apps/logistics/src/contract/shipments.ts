import { z } from '@hono/zod-openapi';
import { SHIPMENT_ID } from './examples.ts';
import { carrierIds, shipmentStatuses } from './values.ts';

/** The farmer console's shapes: packing list, shipping one box with its 송장번호, the CSV upload's result. */

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
        shipmentId: z.uuid().openapi({ example: SHIPMENT_ID }),
        orderId: z.uuid(),
        orderNumber: z.string().nullable(),
        fulfilmentId: z.uuid(),
        status: z.enum(shipmentStatuses),
        boxes: z.number().int(),
        deliveryDate: z.iso.date(),
        recipientName: z.string(),
        /** 010-****-5678 */
        recipientPhone: z.string().openapi({ example: '010-****-5678' }),
        carrierId: z.enum(carrierIds).nullable(),
        trackingNumber: z.string().nullable(),
        lines: z.array(z.object({ title: z.string(), quantity: z.number().int(), lots: z.array(lot) })),
      }),
    ),
  })
  .openapi('PackingList');
export type PackingList = z.infer<typeof packingListSchema>;

/** 송장번호 as couriers print them: 9 to 14 digits, dashes and spaces allowed. */
export const trackingNumberText = z
  .string()
  .trim()
  .max(40)
  .refine((value) => /^\d{9,14}$/.test(value.replaceAll(/[\s-]/g, '')), '송장번호는 숫자 9~14자리예요.')
  .openapi({ example: '640123456789' });

export const shipBody = z
  .object({
    carrierId: z
      .enum(carrierIds, `택배사는 ${carrierIds.join(', ')} 중 하나예요.`)
      .openapi({ example: 'kr.cjlogistics' }),
    trackingNumber: trackingNumberText,
  })
  .strict()
  .openapi('ShipRequest');

export const shipmentSchema = z
  .object({
    id: z.uuid().openapi({ example: SHIPMENT_ID }),
    status: z.enum(shipmentStatuses),
    carrierId: z.enum(carrierIds).nullable(),
    trackingNumber: z.string().nullable(),
    dispatchDate: z.iso.date(),
    deliveryDate: z.iso.date(),
    promisedBy: z.iso.datetime(),
  })
  .openapi('Shipment');

export const trackingUploadResultSchema = z
  .object({ shipped: z.number().int(), unchanged: z.number().int() })
  .openapi('TrackingUploadResult');
export type TrackingUploadResult = z.infer<typeof trackingUploadResultSchema>;

/** The dawn run's capacity of one arrival date (`GET|PUT /v1/admin/hub-capacity/{deliveryDate}`). */
export const hubCapacitySchema = z
  .object({
    hubId: z.string(),
    deliveryDate: z.iso.date(),
    capacity: z.number().int(),
    booked: z.number().int(),
    /** False while the service's default capacity applies. */
    customised: z.boolean(),
  })
  .openapi('HubCapacity');
