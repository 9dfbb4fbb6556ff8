import { Conflict, NotFound, ValidationFailed } from '@fruitables/core';

// Domain errors with stable codes; the kit maps their kinds to problem+json. The Korean comes
// first (what the shop shows the shopper), English after.

export const orderNotFound = () =>
  new NotFound('주문을 찾을 수 없어요. No order with this id for you.', 'order_not_found');

export const paymentNotFound = () =>
  new NotFound('결제 내역을 찾을 수 없어요. No payment for this order.', 'payment_not_found');

export const amountMismatch = (expected: number) =>
  new Conflict(
    `결제 금액이 주문 금액(${expected.toLocaleString('ko-KR')}원)과 달라요. 주문 내역에서 다시 결제해 주세요. The amount differs from the order's.`,
    'amount_mismatch',
    [{ field: 'amount', message: `must be the order's amount, ${expected}` }],
  );

export const orderNotAwaitingPayment = () =>
  new Conflict(
    '결제를 기다리는 주문이 아니에요. 주문 내역에서 상태를 확인해 주세요. The order is not awaiting payment.',
    'order_not_awaiting_payment',
  );

export const orderExpired = () =>
  new Conflict(
    '결제 시간이 지나 주문이 취소되었어요. 장바구니에서 다시 주문해 주세요. The order expired before it was paid.',
    'order_expired',
  );

export const alreadyPaid = () =>
  new Conflict('이미 결제가 끝난 주문이에요. This order is already paid.', 'already_paid');

export const confirmInProgress = () =>
  new Conflict(
    '이 주문의 결제를 확인하고 있어요. 잠시 후 다시 확인해 주세요. A confirm of this order is in progress.',
    'confirm_in_progress',
  );

export const paymentNotCompleted = () =>
  new Conflict('결제가 끝나지 않은 주문은 환불할 수 없어요. The payment is not completed.', 'payment_not_completed');

export const refundExceedsPaid = (refundable: number) =>
  new Conflict(
    `환불할 수 있는 금액(${refundable.toLocaleString('ko-KR')}원)을 넘었어요. The refund exceeds what is left of the payment.`,
    'refund_exceeds_paid',
    [{ field: 'amount', message: `at most ${refundable}` }],
  );

export const idempotencyKeyReused = () =>
  new Conflict(
    '이 Idempotency-Key는 다른 요청에 쓰였어요. This Idempotency-Key was used for a different request.',
    'idempotency_key_reused',
  );

export const returnUrlOffShop = (fields: readonly string[], shopOrigin: string) =>
  new ValidationFailed(
    "결제 후 돌아갈 주소는 우리 쇼핑몰 주소여야 해요. The return URLs must be on the shop's origin.",
    fields.map((field) => ({ field, message: `must start with ${shopOrigin}/` })),
  );
