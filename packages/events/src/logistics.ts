import { defineEvent } from '@fruitables/bus';
import { carrierIds, shipmentStatuses } from '@fruitables/schema-logistics/values';
import { z } from 'zod';

// What logistics tells the platform about boxes on their way. Every event names the order and
// fulfilment it belongs to, so orders (and notifications) follow without asking logistics.
// No recipient name, phone or address in any payload.

const timestamp = z.iso.datetime({ offset: true });

const shipmentRef = {
  shipmentId: z.uuid(),
  bookingId: z.uuid(),
  orderId: z.uuid(),
  fulfilmentId: z.uuid(),
  farmId: z.uuid(),
};

export const shipmentCreated = defineEvent({
  type: 'ShipmentCreated',
  version: 1,
  description:
    "A paid fulfilment's booking became a shipment for its farm to pack on `dispatchDate`, promised to arrive by `promisedBy`.",
  data: z.object({
    ...shipmentRef,
    dispatchDate: z.iso.date(),
    deliveryDate: z.iso.date(),
    promisedBy: timestamp,
    createdAt: timestamp,
  }),
});

export const shipmentStatusChanged = defineEvent({
  type: 'ShipmentStatusChanged',
  version: 1,
  description:
    "A shipment moved (the farmer handed it to the courier with a 송장번호, or the courier reported progress), normalised to at_pickup → in_transit → out_for_delivery → delivered, or exception. `description` is the courier's event in Korean.",
  data: z.object({
    ...shipmentRef,
    previousStatus: z.enum(shipmentStatuses),
    status: z.enum(shipmentStatuses),
    carrierId: z.enum(carrierIds).nullable(),
    trackingNumber: z.string().nullable(),
    description: z.string(),
    occurredAt: timestamp,
  }),
});

export const shipmentDelivered = defineEvent({
  type: 'ShipmentDelivered',
  version: 1,
  description:
    'The courier delivered the shipment. orders marks the fulfilment delivered and starts its 구매확정 clock.',
  data: z.object({
    ...shipmentRef,
    deliveredAt: timestamp,
    onTime: z.boolean(),
  }),
});

export const shipmentLate = defineEvent({
  type: 'ShipmentLate',
  version: 1,
  description: 'A shipment missed its promised arrival and is not delivered yet. The shopper is told.',
  data: z.object({
    ...shipmentRef,
    promisedBy: timestamp,
    detectedAt: timestamp,
  }),
});

export const logisticsEvents = [shipmentCreated, shipmentStatusChanged, shipmentDelivered, shipmentLate] as const;
