import { describe, expect, it } from 'vitest';
import { PgRefused, PgUncertain } from '../domain/pg.ts';
import { createTossGateway } from './toss-gateway.ts';

/** One canned answer per request, recording what the gateway sent. */
function answering(status: number, body: unknown) {
  const sent: Request[] = [];
  const fetchStub = (async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push(new Request(input, init));
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  }) as typeof fetch;
  return {
    sent,
    gateway: createTossGateway({
      apiUrl: 'https://api.example/',
      secretKey: 'test_sk_x',
      timeoutMs: 1_000,
      fetch: fetchStub,
    }),
  };
}

describe('the Toss gateway', () => {
  it("sends Basic base64(secretKey + ':') and the Idempotency-Key", async () => {
    const { sent, gateway } = answering(404, { code: 'NOT_FOUND_PAYMENT', message: '존재하지 않는 결제 정보 입니다.' });
    await gateway.confirm({ paymentKey: 'pk', orderId: 'o-123456', amount: 1_000 }, 'key-1').catch(() => undefined);
    expect(sent[0]?.url).toBe('https://api.example/v1/payments/confirm');
    expect(sent[0]?.headers.get('authorization')).toBe(`Basic ${btoa('test_sk_x:')}`);
    expect(sent[0]?.headers.get('idempotency-key')).toBe('key-1');
  });

  it("turns a 4xx with Toss's code into a refusal carrying the code and message", async () => {
    const { gateway } = answering(403, {
      code: 'REJECT_CARD_COMPANY',
      message: '[한도초과] 결제 승인이 거절되었습니다.',
    });
    const error = await gateway.getByOrderId('o-123456').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PgRefused);
    expect(error).toMatchObject({ pgCode: 'REJECT_CARD_COMPANY', status: 403 });
  });

  it('treats a 5xx, a body that is not JSON, and "try again" codes as uncertain', async () => {
    for (const [status, body] of [
      [500, { code: 'FAILED_INTERNAL_SYSTEM_PROCESSING', message: '...' }],
      [502, '<html>bad gateway</html>'],
      [400, { code: 'PROVIDER_ERROR', message: '일시적인 오류가 발생했습니다.' }],
      [409, { code: 'IDEMPOTENT_REQUEST_PROCESSING', message: '...' }],
      [200, { not: 'a payment' }],
    ] as const) {
      const { gateway } = answering(status, body);
      await expect(gateway.getByPaymentKey('pk')).rejects.toBeInstanceOf(PgUncertain);
    }
  });
});
