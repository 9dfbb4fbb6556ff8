import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { farmFulfilmentSchema, orderViewSchema } from '../../contract/index.ts';
import { checkout, checkoutOf, offerOnSale, payOrder } from '../../testing/fixtures.ts';
import { call, createHarness, type OrdersHarness, verifiedShopper } from '../../testing/harness.ts';

let h: OrdersHarness;

beforeAll(async () => {
  h = await createHarness('cancel');
});
afterAll(async () => {
  await h.close();
});

/** A paid order of 2 × 12,000원 from one farm (under the free-delivery line: 3,000원 fee). */
async function paidOrder() {
  const apples = await offerOnSale(h, { priceKrw: 12_000 });
  const token = await verifiedShopper(h);
  const response = await checkout(h, token, checkoutOf([{ offer: apples, quantity: 2 }]));
  expect(response.status, response.text).toBe(201);
  const order = response.parse(orderViewSchema);
  await payOrder(h, order.id, order.amount);
  const fulfilment = order.fulfilments[0];
  if (!fulfilment) throw new Error('no fulfilment');
  // The farmer's token for orders (the catalog harness signs its own).
  const farmToken = await h.signer.farmer([apples.farmId]);
  return { token, order, fulfilment, farmToken, farmId: apples.farmId };
}

const cancel = (token: string, orderId: string, fulfilmentId: string, body: unknown) =>
  call(h, 'POST', `/v1/orders/${orderId}/fulfilments/${fulfilmentId}/cancel`, { token, body });

describe('cancelling a fulfilment', () => {
  it('before packing: cancelled and refunded through payments at once, goods and fee', async () => {
    const { token, order, fulfilment } = await paidOrder();
    const response = await cancel(token, order.id, fulfilment.id, { reason: '마음이 바뀌었어요' });
    expect(response.status, response.text).toBe(200);
    const after = response.parse(orderViewSchema);
    expect(after.fulfilments[0]?.status).toBe('cancelled');
    expect(after.status).toBe('refunded');
    expect(after.refundedTotal).toBe(order.amount);
    expect(after.refunds).toEqual([expect.objectContaining({ amount: order.amount, status: 'completed' })]);
    // Asking again refunds nothing more.
    const again = await cancel(token, order.id, fulfilment.id, { reason: '마음이 바뀌었어요' });
    expect(again.status).toBe(409);
    expect(h.payments.refunds.filter((refund) => refund.orderId === order.id)).toHaveLength(1);
  });

  it('after the farm starts packing: a request the farmer accepts (refund) or declines (with a reason)', async () => {
    for (const decision of ['accept', 'decline'] as const) {
      const { token, order, fulfilment, farmToken, farmId } = await paidOrder();
      const packing = await call(h, 'POST', `/v1/farms/${farmId}/fulfilments/${fulfilment.id}/start-packing`, {
        token: farmToken,
      });
      expect(packing.status, packing.text).toBe(200);
      expect(packing.parse(farmFulfilmentSchema).status).toBe('preparing');
      const asked = await cancel(token, order.id, fulfilment.id, { reason: '주소를 잘못 적었어요' });
      expect(asked.status, asked.text).toBe(202);
      const list = await call(h, 'GET', `/v1/farms/${farmId}/fulfilments?status=preparing`, { token: farmToken });
      const requestId = (list.json as { items: { cancelRequests: { id: string }[] }[] }).items[0]?.cancelRequests[0]
        ?.id;
      const decided = await call(h, 'POST', `/v1/farms/${farmId}/cancel-requests/${requestId}/${decision}`, {
        token: farmToken,
        body: { reason: '이미 택배사에 넘겼어요' },
      });
      expect(decided.status, decided.text).toBe(200);
      const after = (await call(h, 'GET', `/v1/orders/${order.id}`, { token })).parse(orderViewSchema);
      if (decision === 'accept') {
        expect(after.fulfilments[0]?.status).toBe('cancelled');
        expect(after.refundedTotal).toBe(order.amount);
      } else {
        expect(after.fulfilments[0]?.status).toBe('preparing');
        expect(after.fulfilments[0]?.timeline.at(-1)?.note).toContain('이미 택배사에 넘겼어요');
      }
    }
  });

  it('cancel and start-packing racing: exactly one of them wins', async () => {
    for (let round = 0; round < 5; round += 1) {
      const { token, order, fulfilment, farmToken, farmId } = await paidOrder();
      const [cancelled, packing] = await Promise.all([
        cancel(token, order.id, fulfilment.id, { reason: '급해요' }),
        call(h, 'POST', `/v1/farms/${farmId}/fulfilments/${fulfilment.id}/start-packing`, { token: farmToken }),
      ]);
      const after = (await call(h, 'GET', `/v1/orders/${order.id}`, { token })).parse(orderViewSchema);
      if (cancelled.status === 200) {
        expect(packing.status).toBe(409);
        expect(after.fulfilments[0]?.status).toBe('cancelled');
      } else {
        expect(packing.status).toBe(200);
        expect(cancelled.status).toBe(202);
        expect(after.fulfilments[0]?.status).toBe('preparing');
        expect(after.refundedTotal).toBe(0);
      }
    }
  });

  it('before payment cancels the whole order', async () => {
    const offer = await offerOnSale(h);
    const token = await verifiedShopper(h);
    const order = (await checkout(h, token, checkoutOf([{ offer }]))).parse(orderViewSchema);
    const response = await cancel(token, order.id, order.fulfilments[0]?.id ?? '', { reason: '다시 담을게요' });
    expect(response.status, response.text).toBe(200);
    expect(response.parse(orderViewSchema).status).toBe('cancelled');
  });

  it("is 404 on another shopper's order", async () => {
    const { order, fulfilment } = await paidOrder();
    const response = await cancel(await verifiedShopper(h), order.id, fulfilment.id, { reason: '남의 주문' });
    expect(response.status).toBe(404);
  });
});
