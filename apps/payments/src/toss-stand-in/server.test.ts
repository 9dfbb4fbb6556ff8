import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTossStandIn, type TossStandIn } from './server.ts';

let toss: TossStandIn;
let auth: string;
beforeAll(() => {
  toss = startTossStandIn();
  auth = `Basic ${Buffer.from(`${toss.secretKey}:`).toString('base64')}`;
});
afterAll(async () => {
  await toss.close();
});

const api = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${toss.url}${path}`, {
    method,
    headers: { authorization: auth, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const orderId = () => `order-${crypto.randomUUID()}`;
const ready = (amount = 10_000, method: '카드' | '가상계좌' = '카드', outcome: 'approve' | 'reject' = 'approve') =>
  toss.ledger.create({ orderId: orderId(), orderName: '테스트', amount, customerKey: 'c1', method, outcome });

describe('the Toss stand-in API', () => {
  it('answers /healthz', async () => {
    expect((await fetch(`${toss.url}/healthz`)).status).toBe(200);
  });

  it("refuses a call without Basic auth of the secret key with Toss's 401 UNAUTHORIZED_KEY", async () => {
    const response = await fetch(`${toss.url}/v1/payments/nope`, {
      headers: { authorization: `Basic ${Buffer.from('test_sk_wrong:').toString('base64')}` },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'UNAUTHORIZED_KEY' });
  });

  it('confirms once; the same Idempotency-Key answers the same, another key ALREADY_PROCESSED_PAYMENT', async () => {
    const payment = ready();
    const body = { paymentKey: payment.paymentKey, orderId: payment.orderId, amount: 10_000 };
    const first = await api('POST', '/v1/payments/confirm', body, { 'idempotency-key': 'k-1' });
    expect(first.status).toBe(200);
    const approved = await first.json();
    expect(approved).toMatchObject({ status: 'DONE', method: '카드', totalAmount: 10_000, balanceAmount: 10_000 });
    const again = await api('POST', '/v1/payments/confirm', body, { 'idempotency-key': 'k-1' });
    expect(await again.json()).toEqual(approved);
    const other = await api('POST', '/v1/payments/confirm', body, { 'idempotency-key': 'k-2' });
    expect(other.status).toBe(400);
    expect(await other.json()).toMatchObject({ code: 'ALREADY_PROCESSED_PAYMENT' });
    const byOrder = await (await api('GET', `/v1/payments/orders/${payment.orderId}`)).json();
    expect(byOrder).toMatchObject({ paymentKey: payment.paymentKey, status: 'DONE' });
  });

  it('refuses a wrong amount, an unknown key and a declined card with their codes', async () => {
    const payment = ready();
    const wrong = await api('POST', '/v1/payments/confirm', {
      ...payment,
      amount: 9_999,
      paymentKey: payment.paymentKey,
    });
    expect(wrong.status).toBe(400);
    const unknown = await api('POST', '/v1/payments/confirm', {
      paymentKey: 'nope',
      orderId: payment.orderId,
      amount: 1,
    });
    expect(await unknown.json()).toMatchObject({ code: 'NOT_FOUND_PAYMENT' });
    const declined = ready(10_000, '카드', 'reject');
    const refused = await api('POST', '/v1/payments/confirm', {
      paymentKey: declined.paymentKey,
      orderId: declined.orderId,
      amount: 10_000,
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'REJECT_CARD_COMPANY' });
  });

  it('cancels in part and in full, never past the balance', async () => {
    const payment = ready(10_000);
    await api('POST', '/v1/payments/confirm', {
      paymentKey: payment.paymentKey,
      orderId: payment.orderId,
      amount: 10_000,
    });
    const cancel = (cancelAmount: number, key: string) =>
      api(
        'POST',
        `/v1/payments/${payment.paymentKey}/cancel`,
        { cancelReason: '부분 환불', cancelAmount },
        { 'idempotency-key': key },
      );
    const partial = await (await cancel(3_000, 'c-1')).json();
    expect(partial).toMatchObject({ status: 'PARTIAL_CANCELED', balanceAmount: 7_000 });
    expect((await (await cancel(3_000, 'c-1')).json()).balanceAmount).toBe(7_000);
    const over = await cancel(8_000, 'c-2');
    expect(over.status).toBe(403);
    expect(await over.json()).toMatchObject({ code: 'NOT_CANCELABLE_AMOUNT' });
    const rest = await (await cancel(7_000, 'c-3')).json();
    expect(rest).toMatchObject({ status: 'CANCELED', balanceAmount: 0 });
    expect(rest.cancels).toHaveLength(2);
  });

  it('issues a virtual account, takes the deposit and posts DEPOSIT_CALLBACK', async () => {
    const received: unknown[] = [];
    const hook = Bun.serve({
      port: 0,
      async fetch(request) {
        received.push(await request.json());
        return new Response('ok');
      },
    });
    toss.webhooks.setUrl(`http://127.0.0.1:${hook.port}/`);
    try {
      const payment = ready(20_000, '가상계좌');
      const issued = await (
        await api('POST', '/v1/payments/confirm', {
          paymentKey: payment.paymentKey,
          orderId: payment.orderId,
          amount: 20_000,
        })
      ).json();
      expect(issued).toMatchObject({
        status: 'WAITING_FOR_DEPOSIT',
        method: '가상계좌',
        virtualAccount: { bankCode: '20' },
      });
      const page = await fetch(`${toss.url}/virtual-accounts`);
      expect(await page.text()).toContain('입금하기');
      const deposit = await fetch(`${toss.url}/virtual-accounts/${payment.paymentKey}/deposit`, { method: 'POST' });
      expect(await deposit.text()).toContain('입금 완료');
      const deadline = Date.now() + 2_000;
      while (received.length < 3 && Date.now() < deadline) await Bun.sleep(10);
      expect(received).toContainEqual(
        expect.objectContaining({ status: 'DONE', orderId: payment.orderId, secret: issued.secret }),
      );
    } finally {
      toss.webhooks.setUrl(null);
      await hook.stop(true);
    }
  });

  it('drops the confirm response after applying it when told to (a lost answer)', async () => {
    const payment = ready();
    toss.faults.set({ rules: [{ endpoint: 'confirm', kind: 'hang', afterApplying: true }] });
    const lost = await fetch(`${toss.url}/v1/payments/confirm`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ paymentKey: payment.paymentKey, orderId: payment.orderId, amount: 10_000 }),
      signal: AbortSignal.timeout(300),
    }).then(
      () => 'answered',
      () => 'no answer',
    );
    expect(lost).toBe('no answer');
    expect(toss.chargesOf(payment.orderId)).toHaveLength(1);
  }, 10_000);
});

describe('the payment page', () => {
  const query = (overrides: Record<string, string> = {}) =>
    new URLSearchParams({
      clientKey: toss.clientKey,
      orderId: 'order-abcdef-1',
      amount: '38000',
      orderName: '성주 꿀참외 2kg 외 2건',
      customerKey: 'customer-1',
      successUrl: 'http://shop.test/checkout/success',
      failUrl: 'http://shop.test/checkout/fail',
      ...overrides,
    });

  it('is plain Korean HTML with a button per test card and no script', async () => {
    const response = await fetch(`${toss.url}/payment-page?${query()}`);
    const html = await response.text();
    expect(html).toContain('lang="ko"');
    expect(html).toContain('한도초과');
    expect(html).toContain('가상계좌');
    expect(html).not.toContain('<script');
  });

  it('sends a success to successUrl with paymentKey, orderId and amount; 한도초과 and 취소 to failUrl', async () => {
    const pay = (card: string) =>
      fetch(`${toss.url}/payment-page/pay`, {
        method: 'POST',
        body: new URLSearchParams({ ...Object.fromEntries(query()), card }),
        redirect: 'manual',
      });
    const success = new URL((await pay('success')).headers.get('location') ?? '');
    expect(success.pathname).toBe('/checkout/success');
    expect(success.searchParams.get('amount')).toBe('38000');
    expect(toss.ledger.payments.get(success.searchParams.get('paymentKey') ?? '')?.status).toBe('READY');
    const limit = new URL((await pay('limit')).headers.get('location') ?? '');
    expect([limit.pathname, limit.searchParams.get('code')]).toEqual(['/checkout/fail', 'REJECT_CARD_COMPANY']);
    const cancelled = new URL((await pay('cancel')).headers.get('location') ?? '');
    expect(cancelled.searchParams.get('code')).toBe('PAY_PROCESS_CANCELED');
  });

  it('refuses an unknown client key', async () => {
    expect(await (await fetch(`${toss.url}/payment-page?${query({ clientKey: 'test_ck_other' })}`)).text()).toContain(
      '클라이언트 키',
    );
  });
});
