import { z } from '@hono/zod-openapi';
import { BOOKING_ID, FARM_ID, SHIPMENT_ID } from '../contract/examples.ts';

const id = (name: string, example: string) =>
  z.uuid(`${name}가 올바른 ID가 아닙니다. Not a valid id.`).openapi({ param: { name, in: 'path' }, example });

export const bookingParams = z.object({ bookingId: id('bookingId', BOOKING_ID) });
export const farmParams = z.object({ farmId: id('farmId', FARM_ID) });
export const farmShipmentParams = z.object({
  farmId: id('farmId', FARM_ID),
  shipmentId: id('shipmentId', SHIPMENT_ID),
});
