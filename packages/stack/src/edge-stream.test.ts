import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEdge, stopEdge } from './edge.ts';
import { pickPort } from './ports.ts';

// Live tracking (logistics' Server-Sent Events) through the real Varnish with the project VCL:
// each event must reach the browser when the service writes it, not when the stream ends.
describe('the edge and an event stream', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fruitables-edge-stream-'));
  let edge = '';
  let secondSentAt = 0;
  const backend = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch() {
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(encoder.encode('event: shipment\ndata: {"status":"in_transit"}\n\n'));
          await new Promise((resolve) => setTimeout(resolve, 1_500));
          secondSentAt = Date.now();
          controller.enqueue(encoder.encode('event: shipment\ndata: {"status":"delivered"}\n\n'));
          controller.close();
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' } });
    },
  });

  beforeAll(async () => {
    const port = await pickPort(38180);
    await startEdge(dir, port, { logistics: backend.port ?? 0 }, { purgeSecret: 'test-secret-0123456789' });
    edge = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await stopEdge(dir);
    await backend.stop(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes each event on as it comes, uncompressed', async () => {
    const response = await fetch(`${edge}/api/logistics/v1/orders/x/tracking/stream`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBeNull();
    const reader = response.body?.getReader();
    if (!reader) throw new Error('no body');
    const first = await reader.read();
    const firstAt = Date.now();
    expect(new TextDecoder().decode(first.value)).toContain('in_transit');
    // The first event arrived before the service even wrote the second one.
    expect(secondSentAt === 0 || firstAt < secondSentAt).toBe(true);
    await reader.cancel();
  });
});
