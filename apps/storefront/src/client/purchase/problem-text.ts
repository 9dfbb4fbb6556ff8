import type { Problem } from '../session-store.ts';

/**
 * The Korean sentence a shopper reads when a cart, checkout, payment or order call fails,
 * saying what happened and what to do next. The services' own Korean `detail` is kept when
 * it names something the shopper needs (which item is sold out), else the sentence is ours.
 */
export function purchaseProblemText(status: number, problem: Problem | null): string {
  const detail = problem?.detail && /[가-힣]/.test(problem.detail) ? problem.detail : null;
  switch (problem?.code) {
    case 'sold_out':
      return detail ?? '품절된 상품이 있어요. 장바구니에서 빼고 다시 주문해 주세요.';
    case 'price_changed':
      return '주문하는 사이 가격이 바뀌었어요. 바뀐 가격을 확인하고 다시 주문해 주세요.';
    case 'date_full':
      return '고른 배송일이 마감됐어요. 다른 날짜를 골라 주세요.';
    case 'area_unserved':
      return detail ?? '이 주소로는 배송할 수 없어요. 다른 주소를 입력해 주세요.';
    case 'email_not_verified':
      return '주문하려면 이메일 인증이 필요해요. 메일함의 인증 링크를 눌러 주세요.';
    case 'idempotency_key_reused':
      return '주문 내용이 바뀌었어요. 다시 한 번 주문하기를 눌러 주세요.';
    case 'amount_mismatch':
      return '결제 금액이 주문 금액과 달라요. 결제하지 않았어요. 주문 내역에서 다시 결제해 주세요.';
    case 'order_not_payable':
      return '결제할 수 없는 주문이에요. 이미 결제했거나 결제 시간이 지났는지 주문 내역에서 확인해 주세요.';
    case 'signed_out':
      return '로그인이 필요해요. 다시 로그인해 주세요.';
  }
  if (status === 0) return '연결이 원활하지 않아요. 잠시 후 다시 시도해 주세요.';
  if (status === 401) return '로그인이 필요해요. 다시 로그인해 주세요.';
  if (status === 403) return detail ?? '이 작업을 할 수 없는 계정이에요.';
  if (status === 404) return '찾을 수 없어요. 주소를 확인해 주세요.';
  if (status === 429) return '요청이 너무 많아요. 잠시 후 다시 시도해 주세요.';
  if (status === 400 || status === 422) return detail ?? '입력한 내용을 확인해 주세요.';
  if (status === 409) return detail ?? '요청을 처리할 수 없어요. 새로고침한 뒤 다시 시도해 주세요.';
  if (status >= 500) return '잠시 문제가 생겼어요. 잠시 후 다시 시도해 주세요.';
  return detail ?? '요청을 처리하지 못했어요. 다시 시도해 주세요.';
}

/** Where the field hint of a problem's `errors` belongs: `body.recipient.phone` → `recipient.phone`. */
export function fieldOf(field: string): string {
  return field.replace(/^body\./, '');
}

/**
 * Toss's failure codes as the fail page explains them (the rest keep Toss's own message):
 * what happened, and whether trying again can help.
 */
export const paymentFailures: Record<string, { text: string; retry: boolean }> = {
  PAY_PROCESS_CANCELED: { text: '결제를 취소했어요. 주문은 그대로 있으니 다시 결제할 수 있어요.', retry: true },
  PAY_PROCESS_ABORTED: { text: '결제가 중간에 멈췄어요. 다시 결제해 주세요.', retry: true },
  REJECT_CARD_COMPANY: {
    text: '카드사에서 결제를 거절했어요. 다른 카드나 결제 수단으로 다시 결제해 주세요.',
    retry: true,
  },
  REJECT_CARD_PAYMENT: {
    text: '한도 초과나 잔액 부족으로 결제가 거절됐어요. 다른 카드로 다시 결제해 주세요.',
    retry: true,
  },
  EXCEED_MAX_AMOUNT: { text: '결제 한도를 넘었어요. 다른 결제 수단으로 다시 결제해 주세요.', retry: true },
  EXCEED_MAX_DAILY_PAYMENT_COUNT: {
    text: '오늘 결제할 수 있는 횟수를 넘었어요. 다른 카드로 결제해 주세요.',
    retry: true,
  },
  INVALID_CARD_EXPIRATION: { text: '카드 유효기간을 확인하고 다시 결제해 주세요.', retry: true },
  INVALID_STOPPED_CARD: { text: '정지된 카드예요. 다른 카드로 결제해 주세요.', retry: true },
  NOT_AVAILABLE_PAYMENT: { text: '지금은 이 결제 수단을 쓸 수 없어요. 다른 수단으로 결제해 주세요.', retry: true },
  amount_mismatch: {
    text: '결제 금액이 주문 금액과 달라 결제하지 않았어요. 주문 내역에서 다시 결제해 주세요.',
    retry: true,
  },
};

/** The fail page's explanation of a code, falling back to the PG's own (Korean) message. */
export function paymentFailureText(code: string | null, message: string | null): { text: string; retry: boolean } {
  const known = code ? paymentFailures[code] : undefined;
  if (known) return known;
  const ownWords = message && /[가-힣]/.test(message) ? message : null;
  return { text: `${ownWords ?? '결제하지 못했어요.'} 다시 결제해 주세요.`, retry: true };
}
