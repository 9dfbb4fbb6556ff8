import type {
  CheckoutSessionResponse,
  ConfirmResultResponse,
  FarmBalance,
  FarmStatement,
  PaymentResponse,
} from '@fruitables/payments/contract';
import { answerOf } from './shape.ts';

// payments' answers, read by the shop and the console alike (types: payments' contract).

export type { CheckoutSessionResponse, ConfirmResultResponse, FarmBalance, FarmStatement, PaymentResponse };

/** `POST /checkout-sessions`. */
export function readCheckoutSession(body: unknown): CheckoutSessionResponse | null {
  const session = answerOf<CheckoutSessionResponse>(body, { orderId: 'string', amount: 'number', provider: 'string' });
  return session && (session.provider === 'toss' || session.provider === 'stand-in') ? session : null;
}

/** `POST /confirm`. */
export const readConfirmResult = (body: unknown): ConfirmResultResponse | null =>
  answerOf(body, { orderId: 'string', status: 'string', amount: 'number' });

/** `GET /orders/{orderId}/payment`. */
export const readPayment = (body: unknown): PaymentResponse | null =>
  answerOf(body, { orderId: 'string', status: 'string', refunds: 'array' });

/** `GET /farms/{farmId}/balance`. */
export const readFarmBalance = (body: unknown): FarmBalance | null =>
  answerOf(body, { balance: 'number', upcomingPayout: 'number', onHold: 'boolean' });

/** `GET /farms/{farmId}/statements`. */
export const readFarmStatement = (body: unknown): FarmStatement | null =>
  answerOf(body, { from: 'string', to: 'string', lines: 'array' });
