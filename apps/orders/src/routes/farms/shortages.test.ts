import { call as catalogCall, createdId, daysAgo, seedLot } from '@fruitables/catalog/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { farmFulfilmentSchema, orderViewSchema } from '../../contract/index.ts';
import { refundExpiredWaits } from '../../domain/shortages.ts';
import { checkout, checkoutOf, heldBoxes, offerOnSale, payOrder, sweepRuns } from '../../testing/fixtures.ts';
import { call, createHarness, type OrdersHarness, verifiedShopper } from '../../testing/harness.ts';

let h: OrdersHarness;

beforeAll(async () => {
  h = await createHarness('shortages');
});
afterAll(async () => {
  await h.close();
});

/** A paid order of 3 boxes at 15,000원 (45,000원: free delivery) with the given crop-failure policy. */
async function paidOrder(policy: 'refund' | 'substitute' | 'wait', withNextGrade = false) {
  const offer = await offerOnSale(h, { priceKrw: 15_000, boxes: 20 });
  let nextGradeOfferId: string | undefined;
  if (withNextGrade) {
    const created = await catalogCall(
      h.catalog,
      'POST',
      `/v1/farms/${offer.farmId}/products/${offer.productId}/offers`,
      {
        token: offer.farmToken,
        body: { grade: '상', packKg: 5, priceKrw: 11_000, published: true },
      },
    );
    expect(created.status, created.text).toBe(201);
    nextGradeOfferId = createdId(created);
    await seedLot(h.catalog, { farmId: offer.farmId, token: offer.farmToken }, nextGradeOfferId, {
      lotCode: `NEXT-${crypto.randomUUID().slice(0, 6)}`,
      harvestedOn: daysAgo(h.catalog, 1),
      boxesHarvested: 10,
    });
  }
  const shopperId = crypto.randomUUID();
  const response = await checkout(h, await verifiedShopper(h, shopperId), checkoutOf([{ offer, quantity: 3, policy }]));
  expect(response.status, response.text).toBe(201);
  const order = response.parse(orderViewSchema);
  await payOrder(h, order.id, order.amount);
  const fulfilment = order.fulfilments[0];
  const line = fulfilment?.lines[0];
  if (!fulfilment || !line) throw new Error('no line');
  return {
    offer,
    order,
    fulfilment,
    line,
    shopperId,
    nextGradeOfferId,
    farmToken: await h.signer.farmer([offer.farmId]),
  };
}

const view = async (orderId: string, shopperId: string) =>
  (await call(h, 'GET', `/v1/orders/${orderId}`, { token: await verifiedShopper(h, shopperId) })).parse(
    orderViewSchema,
  );

const report = (farmId: string, fulfilmentId: string, token: string, lineId: string, shortQuantity: number) =>
  call(h, 'POST', `/v1/farms/${farmId}/fulfilments/${fulfilmentId}/shortages`, {
    token,
    body: { lines: [{ lineId, shortQuantity }], reason: '우박 피해' },
  });

describe('a farmer reports a shortage; the line’s crop-failure policy is applied', () => {
  it('refund: the short boxes are refunded at once and the shopper is told', async () => {
    const { offer, order, fulfilment, line, shopperId, farmToken } = await paidOrder('refund');
    const response = await report(offer.farmId, fulfilment.id, farmToken, line.id, 1);
    expect(response.status, response.text).toBe(200);
    expect(response.parse(farmFulfilmentSchema).lines[0]?.shortQuantity).toBe(1);
    const after = await view(order.id, shopperId);
    expect(after.status).toBe('partially_refunded');
    expect(after.refundedTotal).toBe(15_000);
    expect(after.fulfilments[0]?.timeline.some((entry) => entry.note?.includes('15,000원을 환불'))).toBe(true);
  });

  it('substitute: the next grade of the same product goes instead, the price difference refunded', async () => {
    const { offer, order, fulfilment, line, shopperId, farmToken, nextGradeOfferId } = await paidOrder(
      'substitute',
      true,
    );
    const response = await report(offer.farmId, fulfilment.id, farmToken, line.id, 2);
    expect(response.status, response.text).toBe(200);
    await sweepRuns(h);
    const after = await view(order.id, shopperId);
    const lines = after.fulfilments[0]?.lines ?? [];
    const substitute = lines.find((candidate) => candidate.offerId === nextGradeOfferId);
    expect(substitute).toMatchObject({
      quantity: 2,
      unitPrice: 11_000,
      lots: [expect.objectContaining({ quantity: 2 })],
    });
    // (15,000 − 11,000) × 2 back; never charged extra.
    expect(after.refundedTotal).toBe(8_000);
    expect(await heldBoxes(h, nextGradeOfferId ?? '')).toBe(0);
    // logistics is told what the boxes hold now: 1 box of the short line, 2 of the substitute.
    const [contents] = await h.owner<{ data: { lines: { lineId: string; quantity: number }[] } }[]>`
      select envelope->'data' as data from orders.outbox
      where type = 'FulfilmentContentsChanged' and envelope->'data'->>'fulfilmentId' = ${fulfilment.id}
      order by seq desc limit 1`;
    expect(contents?.data.lines.map((entry) => [entry.lineId, entry.quantity])).toEqual(
      expect.arrayContaining([
        [line.id, 1],
        [substitute?.id, 2],
      ]),
    );
    expect(contents?.data.lines).toHaveLength(2);
  });

  it('substitute with no next grade: refunded instead', async () => {
    const { offer, order, fulfilment, line, shopperId, farmToken } = await paidOrder('substitute');
    await report(offer.farmId, fulfilment.id, farmToken, line.id, 1);
    await sweepRuns(h);
    expect((await view(order.id, shopperId)).refundedTotal).toBe(15_000);
  });

  it('wait: the line waits until its deadline, then the sweep refunds it', async () => {
    const { offer, order, fulfilment, line, shopperId, farmToken } = await paidOrder('wait');
    await report(offer.farmId, fulfilment.id, farmToken, line.id, 3);
    let after = await view(order.id, shopperId);
    expect(after.fulfilments[0]?.lines[0]).toMatchObject({ status: 'waiting', shortQuantity: 3 });
    expect(await refundExpiredWaits(h.domain)).toBe(0);
    h.clock.advance(4 * 86_400_000);
    expect(await refundExpiredWaits(h.domain)).toBe(1);
    await sweepRuns(h);
    after = await view(order.id, shopperId);
    expect(after.fulfilments[0]?.lines[0]?.status).toBe('refunded');
    expect(after.refundedTotal).toBe(45_000);
  });

  it('refuses more short boxes than were ordered, naming the field', async () => {
    const { offer, fulfilment, line, farmToken } = await paidOrder('refund');
    const response = await report(offer.farmId, fulfilment.id, farmToken, line.id, 4);
    expect(response.status).toBe(400);
    expect(response.problem.errors?.[0]?.field).toBe('lines[0].shortQuantity');
  });
});

describe('the farmer, the admin and the shopper', () => {
  it("lists a farm's fulfilments by dispatch date; another farm's farmer gets 404", async () => {
    const { offer, fulfilment, farmToken } = await paidOrder('refund');
    const list = await call(h, 'GET', `/v1/farms/${offer.farmId}/fulfilments`, { token: farmToken });
    expect(list.status, list.text).toBe(200);
    const items = (list.json as { items: { id: string; dispatchDate: string }[] }).items;
    expect(items.map((item) => item.id)).toEqual([fulfilment.id]);
    const byDate = await call(
      h,
      'GET',
      `/v1/farms/${offer.farmId}/fulfilments?dispatchDate=${items[0]?.dispatchDate}`,
      {
        token: farmToken,
      },
    );
    expect((byDate.json as { items: unknown[] }).items).toHaveLength(1);
    const stranger = await call(h, 'GET', `/v1/farms/${offer.farmId}/fulfilments`, {
      token: await h.signer.farmer([crypto.randomUUID()]),
    });
    expect(stranger.status).toBe(404);
  });

  it('an admin finds an order by its number, opens it whole and refunds part of it', async () => {
    const { order, fulfilment, shopperId } = await paidOrder('refund');
    const admin = await h.signer.admin();
    const found = await call(h, 'GET', `/v1/admin/orders?q=${order.orderNumber}`, { token: admin });
    expect((found.json as { items: { id: string }[] }).items.map((item) => item.id)).toEqual([order.id]);
    const opened = await call(h, 'GET', `/v1/admin/orders/${order.id}`, { token: admin });
    expect(opened.status, opened.text).toBe(200);
    expect((opened.json as { fulfilments: { id: string }[] }).fulfilments.map((f) => f.id)).toEqual([fulfilment.id]);
    const asShopper = await call(h, 'GET', `/v1/admin/orders/${order.id}`, {
      token: await verifiedShopper(h, shopperId),
    });
    expect(asShopper.status).toBe(403);
    const refunded = await call(h, 'POST', `/v1/admin/orders/${order.id}/refunds`, {
      token: admin,
      body: { fulfilmentId: null, amount: 5_000, reason: '배송 중 파손' },
    });
    expect(refunded.status, refunded.text).toBe(200);
    expect((await view(order.id, shopperId)).refundedTotal).toBe(5_000);
    const tooMuch = await call(h, 'POST', `/v1/admin/orders/${order.id}/refunds`, {
      token: admin,
      body: { fulfilmentId: null, amount: order.amount, reason: '전액' },
    });
    expect(tooMuch.status).toBe(409);
  });

  it('구매확정 by the shopper only once delivered', async () => {
    const { order, fulfilment, shopperId } = await paidOrder('refund');
    const confirm = await call(h, 'POST', `/v1/orders/${order.id}/fulfilments/${fulfilment.id}/confirm`, {
      token: await verifiedShopper(h, shopperId),
    });
    expect(confirm.status).toBe(409);
  });
});
