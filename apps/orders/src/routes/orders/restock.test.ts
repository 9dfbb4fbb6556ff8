import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { farmFulfilmentSchema, orderViewSchema } from '../../contract/index.ts';
import {
  checkout,
  checkoutOf,
  freeBoxes,
  type OfferOnSale,
  offerOnSale,
  payOrder,
  sweepRuns,
} from '../../testing/fixtures.ts';
import { call, createHarness, type OrdersHarness, verifiedShopper } from '../../testing/harness.ts';

// Against the REAL catalog app (the harness serves it): a paid order's cancelled or short boxes
// come back through catalog's return operation, driven by orders' restock workflow.
let h: OrdersHarness;
beforeAll(async () => {
  h = await createHarness('restock');
});
afterAll(async () => {
  await h.close();
});

async function soldBoxes(offerId: string): Promise<number> {
  const [row] = await h.catalog.owner<{ sold: number }[]>`
    select coalesce(sum(sold), 0)::int as sold from catalog.lots where offer_id = ${offerId}`;
  return row?.sold ?? 0;
}

async function paidOrder(offer: OfferOnSale, quantity: number) {
  const token = await verifiedShopper(h);
  const response = await checkout(h, token, checkoutOf([{ offer, quantity }]));
  expect(response.status, response.text).toBe(201);
  const order = response.parse(orderViewSchema);
  await payOrder(h, order.id, order.amount);
  const paid = (await call(h, 'GET', `/v1/orders/${order.id}`, { token })).parse(orderViewSchema);
  const fulfilment = paid.fulfilments[0];
  const line = fulfilment?.lines[0];
  if (!fulfilment || !line) throw new Error('no fulfilment');
  return { token, order: paid, fulfilment, line };
}

const cancel = (token: string, orderId: string, fulfilmentId: string) =>
  call(h, 'POST', `/v1/orders/${orderId}/fulfilments/${fulfilmentId}/cancel`, { token, body: { reason: '변심' } });

describe('boxes of a paid order that will not be sent', () => {
  it('go back on sale at catalog when the shopper cancels before packing, once however often asked', async () => {
    const offer = await offerOnSale(h, { boxes: 10 });
    const { token, order, fulfilment } = await paidOrder(offer, 3);
    expect({ free: await freeBoxes(h, offer.offerId), sold: await soldBoxes(offer.offerId) }).toEqual({
      free: 7,
      sold: 3,
    });
    expect((await cancel(token, order.id, fulfilment.id)).status).toBe(200);
    await sweepRuns(h);
    expect({ free: await freeBoxes(h, offer.offerId), sold: await soldBoxes(offer.offerId) }).toEqual({
      free: 10,
      sold: 0,
    });
    expect((await cancel(token, order.id, fulfilment.id)).status).toBe(409);
    // A second run for the same cancel (a crash between commit and drive, a replay) returns nothing more.
    const [row] = await h.owner<{ hold_id: string }[]>`select hold_id from orders.orders where id = ${order.id}`;
    const lotId = fulfilment.lines[0]?.lots[0]?.lotId ?? '';
    await h.db.transaction((tx) =>
      h.domain.followUps.restock(tx, {
        orderId: order.id,
        requestKey: `cancel:${fulfilment.id}:${fulfilment.lines.map((line) => line.id).join(',')}`,
        reason: 'cancelled',
        holds: [{ holdId: row?.hold_id ?? '', lines: [{ lotId, quantity: 3 }] }],
      }),
    );
    await sweepRuns(h);
    expect(await freeBoxes(h, offer.offerId)).toBe(10);
    const [returns] = await h.catalog.owner<{ count: number }[]>`
      select count(*)::int as count from catalog.hold_returns where hold_id = ${row?.hold_id ?? ''}`;
    expect(returns?.count).toBe(1);
  });

  it('go back when the farmer accepts a cancel request after packing began', async () => {
    const offer = await offerOnSale(h, { boxes: 10 });
    const { token, order, fulfilment } = await paidOrder(offer, 2);
    const farmToken = await h.signer.farmer([offer.farmId]);
    const packing = await call(h, 'POST', `/v1/farms/${offer.farmId}/fulfilments/${fulfilment.id}/start-packing`, {
      token: farmToken,
    });
    expect(packing.parse(farmFulfilmentSchema).status).toBe('preparing');
    expect((await cancel(token, order.id, fulfilment.id)).status).toBe(202);
    const list = await call(h, 'GET', `/v1/farms/${offer.farmId}/fulfilments?status=preparing`, { token: farmToken });
    const requestId = (list.json as { items: { cancelRequests: { id: string }[] }[] }).items[0]?.cancelRequests[0]?.id;
    const accepted = await call(h, 'POST', `/v1/farms/${offer.farmId}/cancel-requests/${requestId}/accept`, {
      token: farmToken,
      body: {},
    });
    expect(accepted.status, accepted.text).toBe(200);
    await sweepRuns(h);
    expect({ free: await freeBoxes(h, offer.offerId), sold: await soldBoxes(offer.offerId) }).toEqual({
      free: 10,
      sold: 0,
    });
  });

  it('stop counting as sold on a shortage but never go on sale; the rest come back on a later cancel', async () => {
    const offer = await offerOnSale(h, { boxes: 10 });
    const { token, order, fulfilment, line } = await paidOrder(offer, 3);
    const farmToken = await h.signer.farmer([offer.farmId]);
    const short = await call(h, 'POST', `/v1/farms/${offer.farmId}/fulfilments/${fulfilment.id}/shortages`, {
      token: farmToken,
      body: { lines: [{ lineId: line.id, shortQuantity: 1 }], reason: '우박 피해' },
    });
    expect(short.status, short.text).toBe(200);
    await sweepRuns(h);
    expect({ free: await freeBoxes(h, offer.offerId), sold: await soldBoxes(offer.offerId) }).toEqual({
      free: 7,
      sold: 2,
    });
    expect((await cancel(token, order.id, fulfilment.id)).status).toBe(200);
    await sweepRuns(h);
    expect({ free: await freeBoxes(h, offer.offerId), sold: await soldBoxes(offer.offerId) }).toEqual({
      free: 9,
      sold: 0,
    });
  });
});
