import type { ShipmentStatus } from '@fruitables/schema-logistics';

/** tracker.delivery's TrackEventStatusCode (API v2). */
export const trackerStatusCodes = [
  'UNKNOWN',
  'INFORMATION_RECEIVED',
  'AT_PICKUP',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'ATTEMPT_FAIL',
  'DELIVERED',
  'AVAILABLE_FOR_PICKUP',
  'EXCEPTION',
] as const;
export type TrackerStatusCode = (typeof trackerStatusCodes)[number];

/** One courier event as the tracker reports it. */
export interface CourierEvent {
  code: TrackerStatusCode;
  /** The carrier's own name of the event ("간선상차"), if any. */
  name: string | null;
  description: string | null;
  location: string | null;
  time: Date;
}

const NORMALISED: Record<TrackerStatusCode, ShipmentStatus | null> = {
  UNKNOWN: null,
  INFORMATION_RECEIVED: 'at_pickup',
  AT_PICKUP: 'at_pickup',
  IN_TRANSIT: 'in_transit',
  // Waiting at a pick-up point (편의점 택배함) still has to reach the shopper's door.
  AVAILABLE_FOR_PICKUP: 'out_for_delivery',
  OUT_FOR_DELIVERY: 'out_for_delivery',
  ATTEMPT_FAIL: 'exception',
  DELIVERED: 'delivered',
  EXCEPTION: 'exception',
};

const KOREAN_FALLBACK: Record<ShipmentStatus, string> = {
  booked: '상품을 준비하고 있어요.',
  at_pickup: '택배사가 상품을 인수했어요.',
  in_transit: '상품이 이동 중이에요.',
  out_for_delivery: '배송 기사님이 배송을 시작했어요.',
  delivered: '배송을 완료했어요.',
  exception: '배송에 문제가 생겼어요. 택배사에서 확인 중이에요.',
  cancelled: '배송이 취소되었어요.',
};

/** Our status for a courier code; null for UNKNOWN, which says nothing. */
export const normaliseCode = (code: TrackerStatusCode): ShipmentStatus | null => NORMALISED[code];

/** The courier's words when it gave any (Korean couriers write Korean), else ours. */
export function describeEvent(event: CourierEvent, status: ShipmentStatus): string {
  const text = [event.name, event.description].filter((part): part is string => Boolean(part?.trim()));
  return text.length > 0 ? [...new Set(text)].join(' · ') : KOREAN_FALLBACK[status];
}
