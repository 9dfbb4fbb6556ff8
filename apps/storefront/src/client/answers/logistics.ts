import type {
  Closure,
  ClosureList,
  DeliveryPromise,
  FarmPromise,
  OrderTracking,
  PackingList,
  TrackedShipment,
  TrackingUploadResult,
} from '@fruitables/logistics/contract';
import { answerOf } from './shape.ts';

// logistics' answers, read by the shop and the console alike (types: logistics' contract).

export type { Closure, DeliveryPromise, FarmPromise, PackingList, TrackedShipment, TrackingUploadResult };
export type DeliveryDateOption = FarmPromise['dates'][number];
export type PackedShipment = PackingList['byOrder'][number];

/** `POST /promise`. */
export const readDeliveryPromise = (body: unknown): DeliveryPromise | null => answerOf(body, { farms: 'array' });

/** `GET /orders/{orderId}/tracking`. */
export const readTracking = (body: unknown): TrackedShipment[] | null =>
  answerOf<OrderTracking>(body, { shipments: 'array' })?.shipments ?? null;

/** One `shipment` event of `GET /orders/{orderId}/tracking/stream`. */
export const readTrackedShipment = (body: unknown): TrackedShipment | null =>
  answerOf(body, { shipmentId: 'string', status: 'string', events: 'array' });

/** `GET /farms/{farmId}/packing-list`. */
export const readPackingList = (body: unknown): PackingList | null =>
  answerOf(body, { dispatchDate: 'string', byProduct: 'array', byOrder: 'array' });

/** `POST /farms/{farmId}/shipments/tracking-upload`. */
export const readTrackingUploadResult = (body: unknown): TrackingUploadResult | null =>
  answerOf(body, { shipped: 'number', unchanged: 'number' });

/** `GET /admin/closures`. */
export const readClosures = (body: unknown): Closure[] | null =>
  answerOf<ClosureList>(body, { items: 'array' })?.items ?? null;
