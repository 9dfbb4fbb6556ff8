import jsQR from 'jsqr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createHarness, type LogisticsHarness, outboxTypes, seedShipment } from '../../testing/harness.ts';
import { packingListSchema, shipmentSchema } from './schema.ts';

let h: LogisticsHarness;
beforeAll(async () => {
  h = await createHarness('logistics-shipments');
});
afterAll(async () => {
  await h.close();
});

/** Rasterises an SVG QR code and reads it back, as a phone camera would. */
async function decodeQr(svg: string): Promise<string | undefined> {
  const { data, info } = await sharp(Buffer.from(svg), { density: 300 })
    .resize(400, 400)
    .flatten({ background: '#ffffff' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data;
}

describe('the farmer’s dispatch day', () => {
  it('lists what to pack by product and lot and by order, with masked phones', async () => {
    const farmId = crypto.randomUUID();
    const token = await h.signer.farmer([farmId]);
    const first = await seedShipment(h, farmId, { boxes: 2, lotCode: 'SJ-A' });
    await seedShipment(h, farmId, { boxes: 1, lotCode: 'SJ-B' });
    const response = await call(h, 'GET', `/v1/farms/${farmId}/packing-list?dispatchDate=2026-12-08`, { token });
    expect(response.status).toBe(200);
    const list = response.parse(packingListSchema);
    expect(list.boxes).toBe(3);
    expect(list.byProduct).toHaveLength(1);
    expect(list.byProduct[0]).toMatchObject({ title: '성주 꿀참외 특 2kg', quantity: 3 });
    expect(list.byProduct[0]?.lots.map((lot) => [lot.lotCode, lot.quantity])).toEqual([
      ['SJ-A', 2],
      ['SJ-B', 1],
    ]);
    expect(list.byOrder[0]).toMatchObject({
      orderNumber: first.orderNumber,
      recipientPhone: '010-****-5678',
      boxes: 2,
    });
  });

  it('prints one thermal label per box whose QR code opens the lot’s trace page', async () => {
    const farmId = crypto.randomUUID();
    const token = await h.signer.farmer([farmId]);
    const { orderNumber } = await seedShipment(h, farmId, { boxes: 2, lotCode: 'SJ-1208/A' });
    const response = await call(h, 'GET', `/v1/farms/${farmId}/labels?dispatchDate=2026-12-08&format=thermal`, {
      token,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = response.text;
    expect(html).toContain('@page { size: 100mm 150mm');
    expect(html.match(/class="label"/g)).toHaveLength(2);
    expect(html).toContain('010-****-5678');
    expect(html).not.toContain('010-1234-5678');
    expect(html).toContain(orderNumber);
    const svg = html.match(/<svg[\s\S]*?<\/svg>/)?.[0];
    expect(svg).toBeDefined();
    expect(await decodeQr(svg ?? '')).toBe(`https://shop.test/farms/${farmId}/lots/SJ-1208%2FA/`);
  });

  it('prints A4 sheets too, and says so when nothing ships that day', async () => {
    const farmId = crypto.randomUUID();
    const token = await h.signer.farmer([farmId]);
    const empty = await call(h, 'GET', `/v1/farms/${farmId}/labels?dispatchDate=2026-12-08&format=a4`, { token });
    expect(empty.text).toContain('@page { size: A4');
    expect(empty.text).toContain('이 날 보낼 배송이 없어요');
  });

  it("serves the label page's stylesheet on its own, for a window that keeps the console's CSP", async () => {
    const sheet = await call(h, 'GET', '/v1/labels/styles/thermal');
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('content-type')).toContain('text/css');
    expect(sheet.text).toContain('@page { size: 100mm 150mm');
    const farmId = crypto.randomUUID();
    const page = await call(h, 'GET', `/v1/farms/${farmId}/labels?dispatchDate=2026-12-08&format=thermal`, {
      token: await h.signer.farmer([farmId]),
    });
    expect(page.text).toContain(sheet.text);
    expect((await call(h, 'GET', '/v1/labels/styles/letter')).status).toBe(400);
  });

  it('ships with a 송장번호: at_pickup and ShipmentStatusChanged; the same again is a no-op; a taken number is refused', async () => {
    const farmId = crypto.randomUUID();
    const token = await h.signer.farmer([farmId]);
    const { shipmentId } = await seedShipment(h, farmId);
    const path = `/v1/farms/${farmId}/shipments/${shipmentId}/ship`;
    const body = { carrierId: 'kr.cjlogistics', trackingNumber: '6401-2345-6789' };
    const shipped = await call(h, 'POST', path, { token, body });
    expect(shipped.status).toBe(200);
    expect(shipped.parse(shipmentSchema)).toMatchObject({ status: 'at_pickup', trackingNumber: '640123456789' });
    expect((await call(h, 'POST', path, { token, body })).status).toBe(200);
    const changes = (await outboxTypes(h)).filter((type) => type === 'ShipmentStatusChanged');
    expect(changes).toHaveLength(1);
    const other = await seedShipment(h, farmId);
    const taken = await call(h, 'POST', `/v1/farms/${farmId}/shipments/${other.shipmentId}/ship`, { token, body });
    expect(taken.status).toBe(409);
    expect(taken.problem.code).toBe('tracking_number_taken');
    const bad = await call(h, 'POST', path, { token, body: { carrierId: 'kr.cjlogistics', trackingNumber: '12-34' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('송장번호는 숫자');
  });

  it('answers another farm’s shipment with 404', async () => {
    const farmId = crypto.randomUUID();
    const { shipmentId } = await seedShipment(h, farmId);
    const otherFarm = crypto.randomUUID();
    const response = await call(h, 'POST', `/v1/farms/${otherFarm}/shipments/${shipmentId}/ship`, {
      token: await h.signer.farmer([otherFarm]),
      body: { carrierId: 'kr.epost', trackingNumber: '1234567890123' },
    });
    expect(response.status).toBe(404);
  });
});

describe('the courier CSV upload', () => {
  const upload = (farmId: string, token: string, csv: string) =>
    h.client.request('POST', `/v1/farms/${farmId}/shipments/tracking-upload`, {
      token,
      body: csv,
      headers: { 'content-type': 'text/csv; charset=utf-8' },
    });

  it('ships every row by 주문번호 and courier names', async () => {
    const farmId = crypto.randomUUID();
    const token = await h.signer.farmer([farmId]);
    const a = await seedShipment(h, farmId);
    const b = await seedShipment(h, farmId);
    const csv = `\uFEFF주문번호,수령인,택배사,송장번호\r\n${a.orderNumber},김민지,CJ대한통운,640100000001\r\n"${b.orderNumber}","김, 민지",우체국택배,1234-5678-90123\r\n`;
    const response = await upload(farmId, token, csv);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ shipped: 2, unchanged: 0 });
    expect((await upload(farmId, token, csv)).json).toEqual({ shipped: 0, unchanged: 2 });
  });

  it('reports every row error in Korean and saves nothing', async () => {
    const farmId = crypto.randomUUID();
    const token = await h.signer.farmer([farmId]);
    const a = await seedShipment(h, farmId);
    const csv = [
      '주문번호,택배사,송장번호',
      `${a.orderNumber},CJ대한통운,640100000011`,
      '없는주문,CJ대한통운,640100000012',
      `${a.orderNumber},번개택배,640100000013`,
      `${a.orderNumber},CJ대한통운,12`,
      `${a.orderNumber},CJ대한통운,640100000011`,
    ].join('\n');
    const response = await upload(farmId, token, csv);
    expect(response.status).toBe(422);
    expect(response.problem.code).toBe('tracking_upload_invalid');
    const errors = (response.json as { errors: { row: number; column: string; code: string; message: string }[] })
      .errors;
    expect(errors.map((error) => [error.row, error.column, error.code])).toEqual([
      [3, '주문번호', 'unknown_order'],
      [4, '택배사', 'unknown_carrier'],
      [5, '송장번호', 'invalid_tracking_number'],
      [6, '송장번호', 'duplicate_tracking_number'],
    ]);
    expect(errors[0]?.message).toBe("3행 '주문번호': 이 농장의 주문 중에 주문번호 '없는주문'이(가) 없어요.");
    const [row] = await h.owner<
      { status: string }[]
    >`select status from logistics.shipments where id = ${a.shipmentId}`;
    expect(row?.status).toBe('booked');
  });

  it('names a missing column, and refuses anything but text/csv', async () => {
    const farmId = crypto.randomUUID();
    const token = await h.signer.farmer([farmId]);
    const missing = await upload(farmId, token, '주문번호,송장번호\n1,640100000001\n');
    expect(missing.status).toBe(422);
    expect(JSON.stringify(missing.json)).toContain("'택배사' 열이 필요해요");
    const json = await call(h, 'POST', `/v1/farms/${farmId}/shipments/tracking-upload`, { token, body: { csv: 'x' } });
    expect(json.status).toBe(415);
  });
});
