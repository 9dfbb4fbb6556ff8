import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createHarness, type LogisticsHarness, seedShipment } from '../../testing/harness.ts';

let h: LogisticsHarness;
beforeAll(async () => {
  h = await createHarness('logistics-stream');
});
afterAll(async () => {
  await h.close();
});

/** Reads the SSE body until `predicate` holds for the text so far (or fails after 5 s). */
async function readUntil(body: ReadableStream<Uint8Array>, predicate: (text: string) => boolean): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + 5_000;
  try {
    while (!predicate(text)) {
      if (Date.now() > deadline) throw new Error(`stream did not deliver in time; got:\n${text}`);
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    return text;
  } finally {
    await reader.cancel();
  }
}

describe('live tracking over SSE', () => {
  it('sends the shipments on connect, then each change within a moment (token in the query)', async () => {
    const farmId = crypto.randomUUID();
    const { orderId, shopperId, shipmentId } = await seedShipment(h, farmId);
    const token = await h.signer.shopper({ sub: shopperId });
    const controller = new AbortController();
    const response = await h.app.request(`/v1/orders/${orderId}/tracking/stream?access_token=${token}`, {
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const body = response.body;
    if (!body) throw new Error('no body');
    const shipping = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const shipped = await call(h, 'POST', `/v1/farms/${farmId}/shipments/${shipmentId}/ship`, {
        token: await h.signer.farmer([farmId]),
        body: { carrierId: 'kr.lotte', trackingNumber: '309912345678' },
      });
      expect(shipped.status).toBe(200);
      return Date.now();
    })();
    const text = await readUntil(body, (so) => so.includes('"status":"at_pickup"'));
    const arrived = Date.now();
    controller.abort();
    expect(text.startsWith('event: shipment\n')).toBe(true);
    expect(text).toContain('"status":"booked"');
    expect(arrived - (await shipping)).toBeLessThan(2_000);
  });

  it('sends a heartbeat comment while nothing changes (Authorization header)', async () => {
    const { orderId, shopperId } = await seedShipment(h, crypto.randomUUID());
    const controller = new AbortController();
    const response = await h.app.request(`/v1/orders/${orderId}/tracking/stream`, {
      headers: { authorization: `Bearer ${await h.signer.shopper({ sub: shopperId })}` },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const body = response.body;
    if (!body) throw new Error('no body');
    // The harness shortens the 15 s heartbeat to 200 ms.
    const text = await readUntil(body, (so) => so.includes(': heartbeat'));
    controller.abort();
    expect(text).toContain('event: shipment');
  });

  it('refuses a stream of someone else’s order with a plain 404', async () => {
    const { orderId } = await seedShipment(h, crypto.randomUUID());
    const response = await call(h, 'GET', `/v1/orders/${orderId}/tracking/stream`, { token: await h.signer.shopper() });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});
