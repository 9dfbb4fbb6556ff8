import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { isTossBankCode } from '../domain/banks.ts';
import { createFaults, type FaultRule, type Faults } from './faults.ts';
import { depositPage, messagePage, type PageRequest, paymentPage, type TestCard, testCards } from './payment-page.ts';
import {
  createStandInLedger,
  kst,
  paymentObject,
  type StandInLedger,
  type StandInPayment,
  settlementObjects,
} from './stand-in-ledger.ts';
import { type TossError, tossErrorResponse, tossErrors } from './toss-errors.ts';
import { createWebhookSender, type WebhookSender } from './webhook-sender.ts';

export interface TossStandInOptions {
  /** 0 (default) for a free port. */
  port?: number;
  hostname?: string;
  /** The keys it accepts; random `test_…` ones by default. */
  secretKey?: string;
  clientKey?: string;
  /** Where it posts webhooks (payments' `/v1/webhooks/toss`); none until set. */
  webhookUrl?: string | null;
  /** How long a "minute" of Toss's webhook retry schedule lasts (60,000 ms; tests use a few ms). */
  webhookMinuteMs?: number;
  virtualAccountValidHours?: number;
}

export interface TossStandIn {
  url: string;
  secretKey: string;
  clientKey: string;
  ledger: StandInLedger;
  faults: Faults;
  webhooks: WebhookSender;
  /** Payments the stand-in approved (DONE or cancelled after) per order: a double charge shows as two. */
  chargesOf(orderId: string): StandInPayment[];
  /** Transfers made through `POST /v1/payouts`. */
  payouts: readonly StandInPayout[];
  close(): Promise<void>;
}

const confirmBody = z.object({ paymentKey: z.string().min(1), orderId: z.string().min(1), amount: z.number().int() });
const cancelBody = z.object({
  cancelReason: z.string().min(1).max(200),
  cancelAmount: z.number().int().positive().optional(),
  refundReceiveAccount: z.object({ bank: z.string(), accountNumber: z.string(), holderName: z.string() }).optional(),
});
const payoutBody = z.object({
  bankCode: z.string(),
  accountNumber: z.string(),
  holderName: z.string().min(1),
  amount: z.number().int().positive(),
  memo: z.string().max(20),
});
const createBody = z.object({
  orderId: z.string().min(6).max(64),
  orderName: z.string().min(1).default('테스트 주문'),
  amount: z.number().int().positive(),
  customerKey: z.string().default('anonymous'),
  method: z.enum(['카드', '가상계좌', '간편결제']).default('카드'),
  outcome: z.enum(['approve', 'reject']).default('approve'),
});
const pageQuery = z.object({
  clientKey: z.string().min(1),
  orderId: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/),
  amount: z.coerce.number().int().positive(),
  orderName: z.string().min(1).max(100),
  customerKey: z.string().min(2).max(300),
  successUrl: z.url({ protocol: /^https?$/ }),
  failUrl: z.url({ protocol: /^https?$/ }),
});

const APPROVED = ['DONE', 'PARTIAL_CANCELED', 'CANCELED'];
const random = (bytes: number) => randomBytes(bytes).toString('base64url');

function redirect(base: string, params: Record<string, string>): Response {
  const url = new URL(base);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return new Response(null, { status: 303, headers: { location: url.toString() } });
}

/**
 * A local Toss Payments: a real HTTP server speaking Toss's core API (confirm, lookups, cancel,
 * Basic auth with the secret key, Idempotency-Key, Toss's error codes), a payment window with
 * test cards, virtual accounts with a deposit button, webhooks with Toss's retry schedule, and
 * fault injection for the reliability tests. `./fruitables up` runs it (main.ts); tests start
 * it in-process on a free port.
 */
export interface StandInPayout {
  payoutKey: string;
  status: 'COMPLETED';
  bankCode: string;
  accountNumber: string;
  holderName: string;
  amount: number;
  memo: string;
  requestedAt: string;
}

export function startTossStandIn(options: TossStandInOptions = {}): TossStandIn {
  const secretKey = options.secretKey ?? `test_sk_standin_${random(18)}`;
  const clientKey = options.clientKey ?? `test_ck_standin_${random(18)}`;
  const ledger = createStandInLedger({ virtualAccountValidHours: options.virtualAccountValidHours ?? 24 });
  const faults = createFaults();
  const webhooks = createWebhookSender({
    url: options.webhookUrl ?? null,
    minuteMs: options.webhookMinuteMs ?? 60_000,
  });
  const idempotent = new Map<string, { fingerprint: string; status: number; body: string }>();
  /** Transfers made through the payout API, in order: a farm paid twice shows as two. */
  const payouts: StandInPayout[] = [];
  const expectedAuthorization = `Basic ${Buffer.from(`${secretKey}:`).toString('base64')}`;

  const statusChanged = (payment: StandInPayment) =>
    webhooks.send({
      eventType: 'PAYMENT_STATUS_CHANGED',
      createdAt: kst(new Date()).slice(0, 19),
      data: paymentObject(payment),
    });
  const depositCallback = (payment: StandInPayment) =>
    webhooks.send({
      createdAt: kst(new Date()).slice(0, 19),
      secret: payment.secret,
      status: payment.status,
      transactionKey: payment.lastTransactionKey,
      orderId: payment.orderId,
    });

  const answer = (result: { ok: true; payment: StandInPayment } | { ok: false; error: TossError }): Response =>
    result.ok ? Response.json(paymentObject(result.payment)) : tossErrorResponse(result.error);

  async function readJson<T>(
    request: Request,
    schema: z.ZodType<T>,
  ): Promise<{ ok: true; value: T; text: string } | { ok: false }> {
    const text = await request.text();
    try {
      const parsed = schema.safeParse(JSON.parse(text));
      return parsed.success ? { ok: true, value: parsed.data, text } : { ok: false };
    } catch {
      return { ok: false };
    }
  }

  /** Runs a state-changing call under its Idempotency-Key: a repeat answers the first answer again. */
  async function once(request: Request, fingerprint: string, operation: () => Response): Promise<Response> {
    const key = request.headers.get('idempotency-key');
    if (key === null) return operation();
    if (key.length > 300) return tossErrorResponse(tossErrors.invalidRequest('멱등키는 300자를 넘을 수 없습니다.'));
    const stored = idempotent.get(key);
    if (stored) {
      if (stored.fingerprint !== fingerprint) return tossErrorResponse(tossErrors.idempotencyKeyReused());
      return new Response(stored.body, { status: stored.status, headers: { 'content-type': 'application/json' } });
    }
    const response = operation();
    const body = await response.text();
    idempotent.set(key, { fingerprint, status: response.status, body });
    return new Response(body, { status: response.status, headers: { 'content-type': 'application/json' } });
  }

  async function hang(request: Request): Promise<Response> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 120_000);
      request.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return tossErrorResponse(tossErrors.internal());
  }

  /** The API path of a call, with its faults and latency around the operation. */
  async function withFaults(
    request: Request,
    endpoint: 'confirm' | 'cancel' | 'lookup' | 'payout',
    orderId: string | undefined,
    operation: () => Promise<Response>,
  ): Promise<Response> {
    const latency = faults.latencyMs();
    if (latency > 0) await Bun.sleep(latency);
    const rule: FaultRule | undefined = faults.take(endpoint, orderId);
    if (!rule) return operation();
    if (rule.afterApplying) await operation();
    if (rule.kind === 'hang') return hang(request);
    return Response.json(
      {
        code: 'FAILED_INTERNAL_SYSTEM_PROCESSING',
        message: '내부 시스템 처리 작업이 실패했습니다. 잠시 후 다시 시도해주세요.',
      },
      { status: rule.status },
    );
  }

  async function api(request: Request, path: string): Promise<Response | undefined> {
    if (path === '/v1/payments/confirm' && request.method === 'POST') {
      const body = await readJson(request, confirmBody);
      if (!body.ok) return tossErrorResponse(tossErrors.invalidRequest());
      return withFaults(request, 'confirm', body.value.orderId, () =>
        once(request, `confirm ${body.text}`, () => {
          const result = ledger.confirm(body.value);
          if (result.ok) statusChanged(result.payment);
          return answer(result);
        }),
      );
    }
    if (path === '/v1/payouts' && request.method === 'POST') {
      const body = await readJson(request, payoutBody);
      if (!body.ok) return tossErrorResponse(tossErrors.invalidRequest());
      return withFaults(request, 'payout', undefined, async () =>
        once(request, `payout ${body.text}`, () => {
          const payout = body.value;
          // Banks' three-digit codes (KFTC) or Toss's two-digit ones; digits only, as a bank takes them.
          if (!isTossBankCode(payout.bankCode.replace(/^0(?=\d\d$)/, '')))
            return tossErrorResponse(tossErrors.invalidBank());
          if (!/^\d{8,20}$/.test(payout.accountNumber))
            return tossErrorResponse(tossErrors.invalidRefundAccountNumber());
          const sent = {
            payoutKey: `po_${random(16)}`,
            status: 'COMPLETED' as const,
            ...payout,
            requestedAt: kst(new Date()),
          };
          payouts.push(sent);
          return Response.json(sent);
        }),
      );
    }
    if (path === '/v1/settlements' && request.method === 'GET') {
      const query = new URL(request.url).searchParams;
      const dates = z.object({ startDate: z.iso.date(), endDate: z.iso.date() }).safeParse(Object.fromEntries(query));
      if (!dates.success) return tossErrorResponse(tossErrors.invalidRequest());
      return Response.json(settlementObjects(ledger.all(), dates.data.startDate, dates.data.endDate));
    }
    const byOrder = /^\/v1\/payments\/orders\/([^/]+)$/.exec(path);
    if (byOrder && request.method === 'GET') {
      const orderId = decodeURIComponent(byOrder[1] ?? '');
      return withFaults(request, 'lookup', orderId, async () => {
        const all = ledger.byOrder(orderId);
        const chosen =
          all.find((payment) => APPROVED.includes(payment.status) || payment.status === 'WAITING_FOR_DEPOSIT') ??
          all.at(-1);
        return chosen ? answer({ ok: true, payment: chosen }) : tossErrorResponse(tossErrors.notFoundPayment());
      });
    }
    const cancel = /^\/v1\/payments\/([^/]+)\/cancel$/.exec(path);
    if (cancel && request.method === 'POST') {
      const paymentKey = decodeURIComponent(cancel[1] ?? '');
      const body = await readJson(request, cancelBody);
      if (!body.ok) return tossErrorResponse(tossErrors.invalidRequest());
      return withFaults(request, 'cancel', ledger.payments.get(paymentKey)?.orderId, () =>
        once(request, `cancel ${paymentKey} ${body.text}`, () => {
          const result = ledger.cancel(paymentKey, body.value);
          if (result.ok) statusChanged(result.payment);
          return answer(result);
        }),
      );
    }
    const byKey = /^\/v1\/payments\/([^/]+)$/.exec(path);
    if (byKey && request.method === 'GET') {
      const payment = ledger.payments.get(decodeURIComponent(byKey[1] ?? ''));
      return withFaults(request, 'lookup', payment?.orderId, async () => {
        return payment ? answer({ ok: true, payment }) : tossErrorResponse(tossErrors.notFoundPayment());
      });
    }
    return undefined;
  }

  function settleVirtualAccount(paymentKey: string, how: 'deposit' | 'expire') {
    const result = how === 'deposit' ? ledger.deposit(paymentKey) : ledger.expire(paymentKey);
    if (result.ok) {
      depositCallback(result.payment);
      statusChanged(result.payment);
    }
    return result;
  }

  async function admin(request: Request, path: string): Promise<Response | undefined> {
    if (path === '/__admin/faults' && request.method === 'POST') {
      try {
        faults.set(await request.json());
        return new Response(null, { status: 204 });
      } catch {
        return tossErrorResponse(tossErrors.invalidRequest());
      }
    }
    if (path === '/__admin/faults' && request.method === 'DELETE') {
      faults.clear();
      return new Response(null, { status: 204 });
    }
    if (path === '/__admin/payouts' && request.method === 'GET') {
      return Response.json(payouts);
    }
    if (path === '/__admin/payments' && request.method === 'GET') {
      return Response.json(ledger.all().map(paymentObject));
    }
    if (path === '/__admin/payments' && request.method === 'POST') {
      const body = await readJson(request, createBody);
      if (!body.ok) return tossErrorResponse(tossErrors.invalidRequest());
      return Response.json(paymentObject(ledger.create(body.value)), { status: 201 });
    }
    if (path === '/__admin/webhook-url' && request.method === 'PUT') {
      const body = await readJson(request, z.object({ url: z.url().nullable() }));
      if (!body.ok) return tossErrorResponse(tossErrors.invalidRequest());
      webhooks.setUrl(body.value.url);
      return new Response(null, { status: 204 });
    }
    const settle = /^\/__admin\/virtual-accounts\/([^/]+)\/(deposit|expire)$/.exec(path);
    if (settle && request.method === 'POST') {
      return answer(
        settleVirtualAccount(decodeURIComponent(settle[1] ?? ''), settle[2] === 'expire' ? 'expire' : 'deposit'),
      );
    }
    return undefined;
  }

  async function pay(request: Request): Promise<Response> {
    const form = await request.formData();
    const fields = Object.fromEntries([...form.entries()].map(([name, value]) => [name, String(value)]));
    const query = pageQuery.safeParse(fields);
    const card = testCards.find((candidate) => candidate.value === fields.card)?.value as TestCard | undefined;
    if (!query.success || !card || query.data.clientKey !== clientKey) {
      return messagePage('잘못된 결제 요청', '결제창에 전달된 값이 올바르지 않아요.');
    }
    const { orderId, amount, orderName, customerKey, successUrl, failUrl } = query.data;
    if (card === 'cancel') {
      return redirect(failUrl, {
        code: 'PAY_PROCESS_CANCELED',
        message: '사용자에 의해 결제가 취소되었습니다.',
        orderId,
      });
    }
    if (card === 'limit') {
      const refused = tossErrors.rejectCardCompany();
      return redirect(failUrl, { code: refused.code, message: refused.message, orderId });
    }
    const method = card === 'virtual-account' ? '가상계좌' : card === 'easy-pay' ? '간편결제' : '카드';
    const payment = ledger.create({ orderId, orderName, amount, customerKey, method, outcome: 'approve' });
    return redirect(successUrl, { paymentKey: payment.paymentKey, orderId, amount: String(amount) });
  }

  async function route(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname;
    if (path === '/healthz') return Response.json({ status: 'ok' });
    if (path === '/payment-page' && request.method === 'GET') {
      const query = pageQuery.safeParse(Object.fromEntries(url.searchParams));
      if (!query.success) return messagePage('잘못된 결제 요청', '결제창에 전달된 값이 올바르지 않아요.');
      if (query.data.clientKey !== clientKey)
        return messagePage('잘못된 결제 요청', '클라이언트 키가 올바르지 않아요.');
      return paymentPage(query.data satisfies PageRequest);
    }
    if (path === '/payment-page/pay' && request.method === 'POST') return pay(request);
    if (path === '/virtual-accounts' && request.method === 'GET') {
      return depositPage(ledger.all().filter((payment) => payment.status === 'WAITING_FOR_DEPOSIT'));
    }
    const deposit = /^\/virtual-accounts\/([^/]+)\/deposit$/.exec(path);
    if (deposit && request.method === 'POST') {
      const result = settleVirtualAccount(decodeURIComponent(deposit[1] ?? ''), 'deposit');
      return result.ok
        ? messagePage('입금 완료', `${result.payment.totalAmount.toLocaleString('ko-KR')}원을 입금했어요.`)
        : messagePage('입금할 수 없어요', result.error.message);
    }
    if (path.startsWith('/v1/') || path.startsWith('/__admin/')) {
      if (request.headers.get('authorization') !== expectedAuthorization) {
        return tossErrorResponse(tossErrors.unauthorizedKey());
      }
      const handled = path.startsWith('/v1/') ? await api(request, path) : await admin(request, path);
      if (handled) return handled;
    }
    return tossErrorResponse({ status: 404, code: 'NOT_FOUND', message: '존재하지 않는 정보 입니다.' });
  }

  const server = Bun.serve({
    port: options.port ?? 0,
    hostname: options.hostname ?? '127.0.0.1',
    // A hung call (fault injection) must outlive Bun's default 10 s idle timeout.
    idleTimeout: 0,
    fetch: route,
  });
  return {
    url: `http://${options.hostname ?? '127.0.0.1'}:${server.port}`,
    secretKey,
    clientKey,
    ledger,
    faults,
    webhooks,
    payouts,
    chargesOf: (orderId) =>
      ledger.byOrder(orderId).filter((payment) => payment.approvedAt !== null && APPROVED.includes(payment.status)),
    async close() {
      webhooks.close();
      await server.stop(true);
    },
  };
}
