import { formatSeoulDateTime } from '@fruitables/core';

// How an order, its fulfilments, shipments and refunds read in Korean. The value lists are
// orders', payments' and logistics' (packages/schema-*/src/values.ts); a value this page
// does not know yet is shown as it came rather than hidden.

export const orderStatusLabels: Record<string, string> = {
  awaiting_payment: '결제 대기',
  paid: '결제 완료',
  preparing: '상품 준비 중',
  shipped: '배송 중',
  delivered: '배송 완료',
  completed: '구매 확정',
  cancelled: '주문 취소',
  partially_refunded: '일부 환불',
  refunded: '환불 완료',
};

/**
 * A line's own state, shown beside it only when it is not the fulfilment's: an `active` line
 * (the usual case) says nothing, so it has no label.
 */
export const lineStatusLabels: Record<string, string> = {
  cancelled: '취소',
  refunded: '환불',
  substituted: '대체 상품으로 변경',
  waiting: '다음 수확을 기다리는 중',
};

/** The words beside a line, or null for a line going out as ordered. */
export const lineStatusNote = (status: string | null | undefined): string | null =>
  !status || status === 'active' ? null : labelOf(lineStatusLabels, status);

export const shipmentStatusLabels: Record<string, string> = {
  booked: '배송 예약',
  at_pickup: '택배사 인수',
  in_transit: '이동 중',
  out_for_delivery: '배송 출발',
  delivered: '배송 완료',
  exception: '배송 문제 발생',
  cancelled: '배송 취소',
};

export const policyLabels: Record<string, string> = {
  refund: '모자라면 환불',
  substitute: '모자라면 다음 등급으로 대체',
  wait: '모자라면 다음 수확까지 기다리기',
};

export const refundReasonLabels: Record<string, string> = {
  shopper_cancelled: '주문 취소',
  shortage: '수확 부족',
  substitution: '대체 상품 차액',
  admin: '고객센터 환불',
  recipient_no_address: '받는 분 주소 미입력',
};

export const carrierLabels: Record<string, string> = {
  'kr.cjlogistics': 'CJ대한통운',
  'kr.epost': '우체국택배',
  'kr.lotte': '롯데택배',
  'kr.hanjin': '한진택배',
  'kr.logen': '로젠택배',
};

export const labelOf = (labels: Record<string, string>, value: string): string => labels[value] ?? value;

/** An instant from the API (UTC) as a shopper in Korea reads it: `2026. 12. 8. 오후 9:31`. */
export function seoulTime(iso: string): string {
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? iso : formatSeoulDateTime(instant);
}

/** `2026-12-10` → `12월 10일 (목)`: a calendar date needs no time zone. */
export function seoulDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const weekday = '일월화수목금토'[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
  return `${month}월 ${day}일 (${weekday})`;
}
