/** Toss's error body `{ code, message }` with its status, as the stand-in answers. */
export interface TossError {
  status: number;
  code: string;
  message: string;
}

const error = (status: number, code: string, message: string): TossError => ({ status, code, message });

// The codes and Korean messages of Toss's error reference (docs.tosspayments.com/reference/error-codes).
export const tossErrors = {
  unauthorizedKey: () => error(401, 'UNAUTHORIZED_KEY', '인증되지 않은 시크릿 키 혹은 클라이언트 키 입니다.'),
  notFoundPayment: () => error(404, 'NOT_FOUND_PAYMENT', '존재하지 않는 결제 정보 입니다.'),
  alreadyProcessed: () => error(400, 'ALREADY_PROCESSED_PAYMENT', '이미 처리된 결제 입니다.'),
  duplicatedOrderId: () =>
    error(
      400,
      'DUPLICATED_ORDER_ID',
      '이미 승인 및 취소가 진행된 중복된 주문번호 입니다. 다른 주문번호로 진행해주세요.',
    ),
  invalidRequest: (message = '잘못된 요청입니다.') => error(400, 'INVALID_REQUEST', message),
  rejectCardCompany: () => error(403, 'REJECT_CARD_COMPANY', '[한도초과] 결제 승인이 거절되었습니다.'),
  notCancelableAmount: () => error(403, 'NOT_CANCELABLE_AMOUNT', '취소 할 수 없는 금액 입니다.'),
  notCancelablePayment: () => error(403, 'NOT_CANCELABLE_PAYMENT', '취소 할 수 없는 결제 입니다.'),
  refundAccountRequired: () =>
    error(400, 'INVALID_REFUND_ACCOUNT_INFO', '가상계좌 결제 취소에는 환불 받을 계좌 정보가 필요합니다.'),
  invalidBank: () => error(400, 'INVALID_BANK', '유효하지 않은 은행입니다.'),
  invalidRefundAccountNumber: () => error(400, 'INVALID_REFUND_ACCOUNT_NUMBER', '잘못된 환불 계좌번호입니다.'),
  idempotencyKeyReused: () => error(422, 'INVALID_REQUEST', '같은 멱등키로 다른 요청을 보낼 수 없습니다.'),
  internal: () =>
    error(500, 'FAILED_INTERNAL_SYSTEM_PROCESSING', '내부 시스템 처리 작업이 실패했습니다. 잠시 후 다시 시도해주세요.'),
} as const;

export const tossErrorResponse = (e: TossError): Response =>
  Response.json({ code: e.code, message: e.message }, { status: e.status });
