import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { recipientListSchema } from '../../contract/gifts.ts';
import { orderViewSchema } from '../../contract/index.ts';
import { heldBoxes, offerOnSale, RECIPIENT } from '../../testing/fixtures.ts';
import { call, createHarness, type OrdersHarness, verifiedShopper } from '../../testing/harness.ts';
import { standInDates } from '../../testing/logistics-stand-in.ts';

let h: OrdersHarness;

beforeAll(async () => {
  h = await createHarness('gifts');
});
afterAll(async () => {
  await h.close();
});

const date = () => standInDates()[2] ?? '';

function upload(token: string, content: Uint8Array | string, name: string) {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const form = new FormData();
  form.append('file', new File([new Uint8Array(bytes)], name));
  return h.client.post('/v1/gift-checkouts/recipients', { token, body: form });
}

describe('gift orders to many recipients', () => {
  it('one checkout, a fulfilment per recipient with their own address, card, date, fee and lots', async () => {
    const offer = await offerOnSale(h, { boxes: 20, priceKrw: 25_000 });
    const token = await verifiedShopper(h);
    const recipients = ['김민지', '이서준', '박지우'].map((name, index) => ({
      ...RECIPIENT,
      name,
      postcode: index === 2 ? '63100' : RECIPIENT.postcode,
      cardMessage: `${name}님, 추석 잘 보내세요!`,
      deliveryDate: date(),
    }));
    const placed = await call(h, 'POST', '/v1/gift-checkouts', {
      token,
      headers: { 'idempotency-key': `gift-${crypto.randomUUID()}` },
      body: {
        items: [{ offerId: offer.offerId, quantity: 2, expectedUnitPrice: 25_000, cropFailurePolicy: 'refund' }],
        recipients,
      },
    });
    expect(placed.status, placed.text).toBe(201);
    const order = placed.parse(orderViewSchema);
    expect(
      order.fulfilments.map((f) => [f.recipientName, f.cardMessage?.slice(0, 3), f.goodsAmount, f.deliveryFee]),
    ).toEqual(
      expect.arrayContaining([
        ['김민지', '김민지', 50_000, 0],
        ['이서준', '이서준', 50_000, 0],
        // Jeju: the surcharge even above the free-delivery line.
        ['박지우', '박지우', 50_000, 3_000],
      ]),
    );
    expect(order.amount).toBe(153_000);
    for (const fulfilment of order.fulfilments) {
      expect(fulfilment.lines[0]?.lots.reduce((sum, lot) => sum + lot.quantity, 0)).toBe(2);
    }
    expect(await heldBoxes(h, offer.offerId)).toBe(6);
    const booked = [...h.logistics.bookings.values()].filter((booking) => booking.orderId === order.id);
    expect(booked.map((booking) => booking.area).sort()).toEqual(['dawn', 'dawn', 'jeju']);
  });

  it('reads a recipient list from CSV and XLSX, and reports every broken row', async () => {
    const token = await h.signer.shopper();
    const csv = [
      '이름,휴대폰,우편번호,주소,상세주소,배송메모,카드메시지,배송일',
      `김민지,010-1234-5678,06236,서울특별시 강남구 테헤란로 123,4층,"문 앞, 부탁해요",추석 잘 보내세요,${date()}`,
      `이서준,010-2222-3333,6236,서울특별시 강남구 역삼로 1,,,,${date()}`,
    ].join('\n');
    const good = await upload(token, csv, 'gifts.csv');
    expect(good.status, good.text).toBe(200);
    const list = good.parse(recipientListSchema);
    expect(list.recipients.map((r) => [r.name, r.postcode, r.deliveryNote])).toEqual([
      ['김민지', '06236', '문 앞, 부탁해요'],
      ['이서준', '06236', null],
    ]);

    const broken = [
      '이름,휴대폰,우편번호,주소,배송일',
      `,010-1234-5678,06236,서울,${date()}`,
      '박지우,02-123-4567,1234567,제주시,2020-01-01',
    ].join('\n');
    const refused = await upload(token, broken, 'broken.csv');
    expect(refused.status).toBe(422);
    expect(refused.problem.code).toBe('recipients_invalid');
    expect(refused.problem.errors?.map((error) => error.field)).toEqual([
      'rows[2].name',
      'rows[3].phone',
      'rows[3].postcode',
      'rows[3].deliveryDate',
    ]);

    const xlsx = await writeXlsxFile(
      [
        ['이름', '휴대폰', '우편번호', '주소', '배송일'],
        ['최하윤', '01098765432', 63100, '제주특별자치도 제주시 1', date()],
      ],
      {},
    ).toBuffer();
    const fromExcel = (await upload(token, new Uint8Array(xlsx), 'gifts.xlsx')).parse(recipientListSchema);
    expect(fromExcel.recipients[0]).toMatchObject({ name: '최하윤', postcode: '63100' });

    const nonsense = await upload(token, new Uint8Array([0xff, 0xfe, 0x00, 0x81, 0x00]), 'x.csv');
    expect(nonsense.status).toBe(422);
  });
});
