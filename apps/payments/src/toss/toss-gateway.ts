import type { Logger } from 'pino';
import { type CancelRequest, type PaymentGateway, type PgPayment, PgRefused, PgUncertain } from '../domain/pg.ts';
import {
  toPgPayment,
  tossErrorSchema,
  tossPaymentSchema,
  tossPayoutSchema,
  tossSettlementsSchema,
} from './toss-payment-schema.ts';

/**
 * Toss's codes that mean "not now" rather than "no", even when sent with a 4xx: the same
 * request may well succeed later, so what happened is unknown, not refused.
 */
const TRY_AGAIN_CODES = new Set([
  'PROVIDER_ERROR',
  'FAILED_INTERNAL_SYSTEM_PROCESSING',
  'FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING',
  'IDEMPOTENT_REQUEST_PROCESSING',
  'UNKNOWN_PAYMENT_ERROR',
]);

export interface TossGatewayOptions {
  /** `https://api.tosspayments.com` for Toss, the stand-in's URL locally and in tests. */
  apiUrl: string;
  /** The secret key (`test_sk_…`/`live_sk_…`): server side only, sent as Basic auth. */
  secretKey: string;
  /** Per request; a confirm past it is resolved by asking Toss for the order. */
  timeoutMs: number;
  fetch?: typeof fetch;
  logger?: Logger;
}

/**
 * Toss Payments' core API (v1) behind the domain's PaymentGateway: the same code for the real
 * Toss and the stand-in. Auth is `Basic base64(secretKey + ':')`; POSTs carry an
 * Idempotency-Key. A 4xx with Toss's `{ code, message }` is a refusal (PgRefused); anything
 * else that is not a readable Payment (timeout, reset, 5xx, an unreadable body) is PgUncertain:
 * the caller does not know what happened and must ask again.
 */
export function createTossGateway(options: TossGatewayOptions): PaymentGateway {
  const fetchImpl = options.fetch ?? fetch;
  const base = options.apiUrl.replace(/\/+$/, '');
  const authorization = `Basic ${Buffer.from(`${options.secretKey}:`).toString('base64')}`;

  /** One call: the parsed JSON of a 2xx, or PgRefused / PgUncertain. */
  async function request(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<unknown> {
    const headers: Record<string, string> = { authorization, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(`${base}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw new PgUncertain(`${method} ${path}: no answer`, { cause: error });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new PgUncertain(`${method} ${path}: ${response.status} with a body that is not JSON`);
    }
    if (response.ok) return json;
    const problem = tossErrorSchema.safeParse(json);
    if (response.status >= 500 || !problem.success || TRY_AGAIN_CODES.has(problem.data.code)) {
      options.logger?.warn(
        { status: response.status, path, code: problem.data?.code },
        'Toss answered an error we cannot rely on',
      );
      throw new PgUncertain(`${method} ${path}: ${response.status}`);
    }
    throw new PgRefused(response.status, problem.data.code, problem.data.message);
  }

  async function send(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<PgPayment> {
    const payment = tossPaymentSchema.safeParse(await request(method, path, body, idempotencyKey));
    if (!payment.success) throw new PgUncertain(`${method} ${path}: unreadable Payment object`);
    return toPgPayment(payment.data);
  }

  const segment = encodeURIComponent;
  return {
    confirm: (input, idempotencyKey) => send('POST', '/v1/payments/confirm', input, idempotencyKey),
    getByPaymentKey: (paymentKey) => send('GET', `/v1/payments/${segment(paymentKey)}`),
    getByOrderId: (orderId) => send('GET', `/v1/payments/orders/${segment(orderId)}`),
    cancel: (paymentKey: string, cancel: CancelRequest, idempotencyKey: string) =>
      send('POST', `/v1/payments/${segment(paymentKey)}/cancel`, cancel, idempotencyKey),
    async settlements(startDate, endDate) {
      const path = `/v1/settlements?startDate=${segment(startDate)}&endDate=${segment(endDate)}`;
      const list = tossSettlementsSchema.safeParse(await request('GET', path));
      if (!list.success) throw new PgUncertain(`GET ${path}: unreadable settlement list`);
      return list.data.map(({ paymentKey, orderId, amount, soldDate }) => ({ paymentKey, orderId, amount, soldDate }));
    },
    async payout(payout, idempotencyKey) {
      const answer = tossPayoutSchema.safeParse(await request('POST', '/v1/payouts', payout, idempotencyKey));
      if (!answer.success) throw new PgUncertain('POST /v1/payouts: unreadable payout');
      return { payoutKey: answer.data.payoutKey, status: answer.data.status };
    },
  };
}
