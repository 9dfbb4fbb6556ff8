import type { CropFailurePolicy } from '@fruitables/orders/contract/values';

// The Korean words the purchase pages use for the services' codes. An unknown code is
// shown as it came, so a status added later is still visible.

const fulfilmentStatusNames: Record<string, string> = {
  awaiting_payment: '결제 대기',
  paid: '포장 전',
  preparing: '포장 중',
  shipped: '배송 중',
  delivered: '배송 완료',
  completed: '구매 확정',
  cancelled: '취소됨',
};

const orderStatusNames: Record<string, string> = {
  ...fulfilmentStatusNames,
  paid: '결제 완료',
  preparing: '상품 준비 중',
  partially_refunded: '부분 환불',
  refunded: '환불 완료',
};

const shipmentStatusNames: Record<string, string> = {
  booked: '출고 대기',
  at_pickup: '집화 완료',
  in_transit: '배송 중',
  out_for_delivery: '배송 출발',
  delivered: '배송 완료',
  exception: '배송 문제',
  cancelled: '취소됨',
};

export const cropFailurePolicyNames: Record<CropFailurePolicy, string> = {
  refund: '환불',
  substitute: '다음 등급 대체',
  wait: '다음 수확까지 대기',
};

export const fulfilmentStatusName = (status: string): string => fulfilmentStatusNames[status] ?? status;
export const orderStatusName = (status: string): string => orderStatusNames[status] ?? status;
export const shipmentStatusName = (status: string): string => shipmentStatusNames[status] ?? status;
export const cropFailurePolicyName = (policy: string): string =>
  cropFailurePolicyNames[policy as CropFailurePolicy] ?? policy;

/**
 * What the shopper's crop-failure choice will do with the boxes the farm is short of, so
 * the farmer knows before reporting. Orders applies it; this only says it.
 */
export function shortageOutcome(policy: string, shortQuantity: number): string {
  if (shortQuantity <= 0) return '';
  const boxes = `${shortQuantity}상자`;
  switch (policy) {
    case 'refund':
      return `${boxes} 값을 손님에게 바로 환불해요.`;
    case 'substitute':
      return `${boxes}를 같은 상품의 다음 등급으로 바꿔 보내요. 차액은 손님에게 환불하고, 더 받지 않아요. 다음 등급 재고가 없으면 환불해요.`;
    case 'wait':
      return `${boxes}는 다음 수확 로트가 나올 때까지 기다려요. 기한 안에 보내지 못하면 환불해요.`;
    default:
      return `${boxes}는 손님이 고른 방식(${policy})으로 처리해요.`;
  }
}

/** Today in Seoul as YYYY-MM-DD: the farmer's dispatch day, whatever the device's zone. */
export const seoulToday = (now = new Date()): string => now.toLocaleDateString('en-CA', { timeZone: 'Asia/Seoul' });

/** An instant (UTC ISO) as Seoul shows it: 2026. 12. 8. 오전 9:05 */
export function seoulTime(iso: string | null): string {
  if (!iso) return '-';
  const at = new Date(iso);
  return Number.isNaN(at.getTime())
    ? iso
    : at.toLocaleString('ko-KR', { timeZone: 'Asia/Seoul', dateStyle: 'medium', timeStyle: 'short' });
}

/** A tracking number as couriers print it: digits only (spaces and dashes dropped), 8–20 of them. */
export function normaliseTrackingNumber(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{8,20}$/.test(digits) ? digits : null;
}
