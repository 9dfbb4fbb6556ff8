import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { giftAddressViewSchema } from '../../contract/gifts.ts';
import { orderViewSchema } from '../../contract/index.ts';
import { cancelUnansweredRecipients } from '../../domain/gift-addresses.ts';
import { addressDueAtFor, signGiftLink } from '../../domain/gift-links.ts';
import { freeBoxes, type OfferOnSale, offerOnSale, payOrder, RECIPIENT, sweepRuns } from '../../testing/fixtures.ts';
import { call, createHarness, type OrdersHarness, TEST_POLICY, verifiedShopper } from '../../testing/harness.ts';
import { standInDates } from '../../testing/logistics-stand-in.ts';

// Against the REAL catalog app (stock held, confirmed and returned there) and orders' logistics
// and payments stand-ins (src/testing/), which honour those services' contracts.
let h: OrdersHarness;
beforeAll(async () => {
  h = await createHarness('gift-links');
});
afterAll(async () => {
  await h.close();
});

// The stand-in dispatches the day before; the last date it offers leaves the link two days or more.
const farDate = () => standInDates(h.clock.now())[4] ?? '';
const ADDRESS = {
  ...RECIPIENT,
  name: '이서준',
  phone: '010-2222-3333',
  address2: '',
  deliveryNote: '문 앞에 놓아 주세요',
};

async function giftWithLink(offer: OfferOnSale, deliveryDate = farDate()) {
  const shopperId = crypto.randomUUID();
  const token = await verifiedShopper(h, shopperId);
  return {
    shopperId,
    token,
    response: await call(h, 'POST', '/v1/gift-checkouts', {
      token,
      headers: { 'idempotency-key': `gift-link-${crypto.randomUUID()}` },
      body: {
        items: [
          { offerId: offer.offerId, quantity: 2, expectedUnitPrice: offer.priceKrw, cropFailurePolicy: 'refund' },
        ],
        recipients: [
          { ...RECIPIENT, cardMessage: null, deliveryDate },
          {
            name: '이서준',
            phone: '010-2222-3333',
            cardMessage: '추석 잘 보내세요',
            deliveryDate,
            addressByLink: true,
          },
        ],
      },
    }),
  };
}

/** A paid gift order with one addressed recipient and one by link, and that link's token as the buyer sees it. */
async function paidGiftWithLink(offer: OfferOnSale) {
  const { shopperId, token, response } = await giftWithLink(offer);
  expect(response.status, response.text).toBe(201);
  const placed = response.parse(orderViewSchema);
  await payOrder(h, placed.id, placed.amount);
  const order = (await call(h, 'GET', `/v1/orders/${placed.id}`, { token })).parse(orderViewSchema);
  const linked = order.fulfilments.find((fulfilment) => fulfilment.addressLink !== null);
  const link = linked?.addressLink?.token;
  if (!linked || !link) throw new Error('no link recipient');
  return { shopperId, token, order, linked, link };
}

describe('gift recipients who give their own address through a link', () => {
  it('are held and paid with the order, booked only when the address comes, then told to logistics', async () => {
    const offer = await offerOnSale(h, { boxes: 10, priceKrw: 20_000 });
    const { order, linked, link } = await paidGiftWithLink(offer);
    expect(order.status).toBe('paid');
    // The base fee: no postcode yet, never a surcharge charged after payment.
    expect(linked).toMatchObject({ recipientName: '이서준', goodsAmount: 40_000, status: 'paid' });
    expect(await freeBoxes(h, offer.offerId)).toBe(6);
    const before = [...h.logistics.bookings.values()].filter((booking) => booking.orderId === order.id);
    expect(before.map((booking) => booking.fulfilmentId)).not.toContain(linked.id);

    const page = await call(h, 'GET', `/v1/gift-addresses/${link}`);
    expect(page.status, page.text).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.parse(giftAddressViewSchema)).toMatchObject({
      recipientName: '이서준',
      farmName: '햇살농원',
      cardMessage: '추석 잘 보내세요',
      deliveryDate: linked.deliveryDate,
    });
    expect(page.text).not.toContain(RECIPIENT.address1);

    const given = await call(h, 'PUT', `/v1/gift-addresses/${link}`, { body: ADDRESS });
    expect(given.status, given.text).toBe(200);
    await sweepRuns(h);
    const booking = [...h.logistics.bookings.values()].find((candidate) => candidate.fulfilmentId === linked.id);
    expect(booking).toMatchObject({ status: 'confirmed', deliveryDate: linked.deliveryDate });
    const [contents] = await h.owner<{ data: { bookingId: string; lines: { quantity: number }[] } }[]>`
      select envelope->'data' as data from orders.outbox
      where type = 'FulfilmentContentsChanged' and envelope->'data'->>'fulfilmentId' = ${linked.id}`;
    expect(contents?.data.bookingId).toBe(booking?.id);
    expect(contents?.data.lines.map((line) => line.quantity)).toEqual([2]);

    // Once only: the page and a second answer are 409, and the buyer's view no longer carries the token.
    expect((await call(h, 'PUT', `/v1/gift-addresses/${link}`, { body: ADDRESS })).problem.code).toBe(
      'address_already_given',
    );
    expect((await call(h, 'GET', `/v1/gift-addresses/${link}`)).status).toBe(409);
  });

  it('answer 404 to a link not signed by us, or altered, and 400 to a broken address, storing nothing', async () => {
    const offer = await offerOnSale(h, { boxes: 10 });
    const { linked, link } = await paidGiftWithLink(offer);
    const forged = await signGiftLink(
      'another-secret-of-at-least-32-characters',
      linked.id,
      new Date(linked.addressLink?.dueAt ?? 0),
    );
    const later = await signGiftLink(
      TEST_POLICY.giftLinkSecret,
      linked.id,
      new Date(Date.parse(linked.addressLink?.dueAt ?? '') + 86_400_000),
    );
    for (const token of [forged, later, `${link}x`, 'not-a-token', link.split('.')[0] ?? '']) {
      const answer = await call(h, 'GET', `/v1/gift-addresses/${encodeURIComponent(token)}`);
      expect([token, answer.status]).toEqual([token, 404]);
    }
    const broken = await call(h, 'PUT', `/v1/gift-addresses/${link}`, {
      body: { ...ADDRESS, postcode: '123', phone: '02-123' },
    });
    expect(broken.status).toBe(400);
    expect(broken.problem.errors?.map((error) => error.field).sort()).toEqual(['phone', 'postcode']);
    h.logistics.unservedPostcodes.add('59000');
    const unserved = await call(h, 'PUT', `/v1/gift-addresses/${link}`, { body: { ...ADDRESS, postcode: '59000' } });
    expect(unserved.problem.code).toBe('area_unserved');
    expect((await call(h, 'GET', `/v1/gift-addresses/${link}`)).status).toBe(200);
  });

  it('refuse a date too close for the recipient to answer before the farm packs', async () => {
    const offer = await offerOnSale(h, { boxes: 10 });
    const { response } = await giftWithLink(offer, standInDates(h.clock.now())[0]);
    expect(response.status).toBe(409);
    expect(response.problem.code).toBe('date_unavailable');
    expect(await freeBoxes(h, offer.offerId)).toBe(10);
  });

  it('cancel a recipient who did not answer by the deadline: refunded alone, boxes restocked, the rest kept', async () => {
    const offer = await offerOnSale(h, { boxes: 10, priceKrw: 20_000 });
    const { shopperId, order, linked, link } = await paidGiftWithLink(offer);
    const dueAt = Date.parse(linked.addressLink?.dueAt ?? '');
    expect(dueAt).toBe(addressDueAtFor(dayBefore(linked.deliveryDate)).getTime());
    h.clock.advance(dueAt + 1_000 - h.clock.now().getTime());
    expect((await call(h, 'GET', `/v1/gift-addresses/${link}`)).problem.code).toBe('address_deadline_passed');
    // Earlier tests' unanswered links are due too: each cancelled once.
    expect(await cancelUnansweredRecipients(h.domain)).toBeGreaterThanOrEqual(1);
    expect(await cancelUnansweredRecipients(h.domain)).toBe(0);
    await sweepRuns(h);
    // The clock moved past the first token's life: a fresh one for the same buyer.
    const token = await verifiedShopper(h, shopperId);
    const after = (await call(h, 'GET', `/v1/orders/${order.id}`, { token })).parse(orderViewSchema);
    const cancelled = after.fulfilments.find((fulfilment) => fulfilment.id === linked.id);
    expect(cancelled?.status).toBe('cancelled');
    expect(after.fulfilments.filter((fulfilment) => fulfilment.status === 'paid')).toHaveLength(1);
    const refund = h.payments.refunds.find(
      (candidate) => candidate.orderId === order.id && candidate.reason === 'recipient_no_address',
    );
    expect(refund?.amount).toBe((linked.goodsAmount ?? 0) + (linked.deliveryFee ?? 0));
    expect(await freeBoxes(h, offer.offerId)).toBe(8);
    expect((await call(h, 'GET', `/v1/gift-addresses/${link}`)).status).toBe(404);
  });
});

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
