import type { CarrierId, ShipmentStatus } from '@fruitables/schema-logistics';

/** How far along the way each status is: a courier event never moves a shipment back. */
export const STATUS_RANK: Record<ShipmentStatus, number> = {
  booked: 0,
  at_pickup: 1,
  in_transit: 2,
  out_for_delivery: 3,
  exception: 3,
  delivered: 4,
  cancelled: 5,
};

/** What the shopper's order page says. */
export const STATUS_LABELS: Record<ShipmentStatus, string> = {
  booked: '상품 준비중',
  at_pickup: '집하 완료',
  in_transit: '배송중',
  out_for_delivery: '배송 출발',
  delivered: '배송 완료',
  exception: '배송 지연',
  cancelled: '배송 취소',
};

export const CARRIER_NAMES: Record<CarrierId, string> = {
  'kr.cjlogistics': 'CJ대한통운',
  'kr.epost': '우체국택배',
  'kr.lotte': '롯데택배',
  'kr.hanjin': '한진택배',
  'kr.logen': '로젠택배',
};

/**
 * Whether a reported status replaces the current one: forward only, `exception` from any
 * status on the way (and back out of it), nothing after delivered or cancelled.
 */
export function advances(current: ShipmentStatus, next: ShipmentStatus): boolean {
  if (current === 'delivered' || current === 'cancelled' || current === next) return false;
  if (next === 'exception' || current === 'exception') return next !== 'booked';
  return STATUS_RANK[next] > STATUS_RANK[current];
}

/** 송장번호 as couriers print them: digits (dashes and spaces dropped), 9 to 14 of them. */
export function normaliseTrackingNumber(raw: string): string | null {
  const digits = raw.replaceAll(/[\s-]/g, '');
  return /^\d{9,14}$/.test(digits) ? digits : null;
}
