// payments' value lists, free of any database code (tables, contract, event catalogue, browser).

/** How a shopper paid, in Toss Payments' own words (`method` of a Payment object). */
export const paymentMethods = ['카드', '가상계좌', '간편결제', '계좌이체', '휴대폰'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

/** Why money went back to a shopper. */
export const refundReasons = [
  'shopper_cancelled',
  'shortage',
  'substitution',
  'admin',
  'recipient_no_address',
] as const;
export type RefundReason = (typeof refundReasons)[number];
