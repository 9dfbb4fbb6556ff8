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

/**
 * An order's payment as payments keeps it: awaiting a confirm, a virtual account waiting for
 * the deposit, paid, a virtual account that expired unpaid, or cancelled in full.
 */
export const paymentStatuses = ['awaiting', 'waiting_for_deposit', 'paid', 'expired', 'cancelled'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

/** A confirm sent to the PG: in flight, settled either way, or unknown until the PG is asked. */
export const confirmAttemptStates = ['in_flight', 'succeeded', 'failed', 'unknown'] as const;
export type ConfirmAttemptState = (typeof confirmAttemptStates)[number];

/** A refund: its amount reserved (`pending`), returned by the PG, or refused by it. */
export const refundStatuses = ['pending', 'completed', 'failed'] as const;
export type RefundStatus = (typeof refundStatuses)[number];
