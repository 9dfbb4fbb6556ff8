import { newId } from '@fruitables/core';
import postgres from 'postgres';
import { quick } from '../closed-loop.ts';
import { startBenchLogistics } from '../servers/logistics-service.ts';
import { freePort, RECIPIENT, waitHealthy } from '../servers/purchase-stack.ts';
import { percentile } from '../stats.ts';
import type { Benchmark } from './types.ts';

interface Watcher {
  orderId: string;
  /** Resolves with the stream's first `event: shipment` (the page's initial state). */
  connected: Promise<void>;
  /** Resolves when a shipment event with status `delivered` arrives. */
  delivered: Promise<void>;
  deliveredAt: number | null;
  close(): void;
}

/** A shopper's order page: the live tracking stream, read as a browser's EventSource would. */
async function watchOrder(base: string, orderId: string, token: string): Promise<Watcher> {
  const abort = new AbortController();
  let onConnected = () => {};
  let onDelivered = () => {};
  const watcher: Watcher = {
    orderId,
    connected: new Promise((resolve) => {
      onConnected = resolve;
    }),
    delivered: new Promise((resolve) => {
      onDelivered = resolve;
    }),
    deliveredAt: null,
    close: () => abort.abort(),
  };
  const response = await fetch(`${base}/v1/orders/${orderId}/tracking/stream`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  if (response.status !== 200 || !response.body) throw new Error(`tracking stream answered ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffered = '';
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        buffered += chunk.value;
        let end = buffered.indexOf('\n\n');
        while (end >= 0) {
          const message = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          end = buffered.indexOf('\n\n');
          if (!message.startsWith('event: shipment')) continue;
          onConnected();
          const data = message.split('\n').find((line) => line.startsWith('data: '));
          if (watcher.deliveredAt === null && data && JSON.parse(data.slice(6)).status === 'delivered') {
            watcher.deliveredAt = Date.now();
            onDelivered();
          }
        }
      }
    } catch {
      // Aborted at the end of the benchmark.
    }
  })();
  return watcher;
}

const SHIPMENTS = quick ? 100 : 2_000;
/** One shopper watching each shipment's order page live. */
const WATCHERS = SHIPMENTS;
const AT_ONCE = 10;

const json = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

async function call(url: string, token: string, body: unknown, method = 'POST', headers: Record<string, string> = {}) {
  const response = await fetch(url, { method, headers: { ...json(token), ...headers }, body: JSON.stringify(body) });
  if (response.status >= 300) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

async function eventually(what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`tracking: ${what} within ${ms / 1000} s`);
    await Bun.sleep(100);
  }
}

/**
 * Tracking ingestion (issue #14): the real logistics process polling the real tracker stand-in
 * (its own process, a courier step every millisecond so each journey is complete by the next
 * poll). Shipments are booked, confirmed and handed to the courier through logistics' API;
 * once each has been polled once (the courier has picked it up), the tracker calls back for
 * all of them at once and the measure is how fast the remaining courier statuses (in transit ×2,
 * out for delivery, delivered) are stored: status events per second, webhook to last one stored.
 */
export const logisticsTrackingBenchmark: Benchmark = {
  name: 'logistics tracking ingestion',
  async run(context) {
    const trackerPort = freePort();
    const tracker = Bun.spawn(
      [
        'taskset',
        '-c',
        String(context.loadCpu),
        process.execPath,
        new URL('../../../../apps/logistics/src/tracker-stand-in/main.ts', import.meta.url).pathname,
      ],
      { env: { ...process.env, PORT: String(trackerPort), TRACKER_STEP_MS: '1' }, stdout: 'ignore', stderr: 'inherit' },
    );
    const owner = postgres(context.postgresAdminUrl, { max: 2, onnotice: () => {} });
    try {
      await waitHealthy(`http://127.0.0.1:${trackerPort}`, 'the tracker stand-in');
      const logistics = await startBenchLogistics(context, {
        LOGISTICS_TRACKER_URL: `http://127.0.0.1:${trackerPort}/graphql`,
        LOGISTICS_TRACKING_POLL_MS: '600000',
        LOGISTICS_TRACKING_SWEEP_MS: '100',
        DB_POOL_MAX: '20',
      });
      try {
        const farmId = newId();
        const farmer = await logistics.signer.farmer([farmId]);
        const orders = await logistics.signer.service('orders', { aud: 'logistics', scope: 'logistics:bookings' });
        await call(
          `${logistics.base}/v1/farms/${farmId}/settings`,
          farmer,
          {
            dispatchWeekdays: [1, 2, 3, 4, 5, 6],
            cutoff: '23:00',
            dailyCapacity: 100_000,
            baseFee: 3_000,
            freeFrom: 30_000,
          },
          'PUT',
        );
        const promise = (await (
          await fetch(`${logistics.base}/v1/promise`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ postcode: '06236', farms: [{ farmId, boxes: 1 }] }),
          })
        ).json()) as { farms: { earliest: { date: string } | null }[] };
        const date = promise.farms[0]?.earliest?.date;
        if (!date) throw new Error('logistics offered no delivery date');
        const shipped: { trackingNumber: string; orderId: string; shopperId: string }[] = [];
        for (let start = 0; start < SHIPMENTS; start += AT_ONCE) {
          await Promise.all(
            Array.from({ length: Math.min(AT_ONCE, SHIPMENTS - start) }, async (_, slot) => {
              const orderId = newId();
              const shopperId = newId();
              const booking = await call(
                `${logistics.base}/internal/v1/bookings`,
                orders,
                {
                  orderId,
                  fulfilmentId: newId(),
                  shopperId,
                  farmId,
                  deliveryDate: date,
                  boxes: 1,
                  recipient: RECIPIENT,
                },
                'POST',
                { 'idempotency-key': crypto.randomUUID() },
              );
              await call(`${logistics.base}/internal/v1/bookings/${booking.id}/confirm`, orders, {});
              const [shipment] = await owner<
                { id: string }[]
              >`select id from logistics.shipments where booking_id = ${String(booking.id)}`;
              if (!shipment) throw new Error('a confirmed booking has no shipment');
              const trackingNumber = String(640_000_000_000 + start + slot);
              await call(`${logistics.base}/v1/farms/${farmId}/shipments/${shipment.id}/ship`, farmer, {
                carrierId: 'kr.cjlogistics',
                trackingNumber,
              });
              shipped.push({ trackingNumber, orderId, shopperId });
            }),
          );
        }
        const eventCount = async () => {
          const [row] = await owner<{ count: number }[]>`
            select count(*)::int as count from logistics.shipment_events e
            join logistics.shipments s on s.id = e.shipment_id where s.farm_id = ${farmId}`;
          return row?.count ?? 0;
        };
        // The hand-over and the courier's pick-up for each: every journey has now begun at the tracker.
        await eventually('every shipment polled once', 120_000, async () => (await eventCount()) >= SHIPMENTS * 2);
        const watchers = await Promise.all(
          shipped
            .slice(0, WATCHERS)
            .map(async (shipment) =>
              watchOrder(logistics.base, shipment.orderId, await logistics.signer.shopper({ sub: shipment.shopperId })),
            ),
        );
        await Promise.all(watchers.map((watcher) => watcher.connected));
        await Bun.sleep(50);
        const before = await eventCount();
        const started = performance.now();
        await Promise.all(
          shipped.map(async ({ trackingNumber }) => {
            const response = await fetch(`${logistics.base}/v1/webhooks/tracker`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ carrierId: 'kr.cjlogistics', trackingNumber }),
            });
            if (response.status !== 202) throw new Error(`tracker webhook answered ${response.status}`);
          }),
        );
        await eventually('every shipment delivered', 300_000, async () => {
          const [row] = await owner<{ open: number }[]>`
            select count(*)::int as open from logistics.shipments where farm_id = ${farmId} and status <> 'delivered'`;
          return row?.open === 0;
        });
        const seconds = (performance.now() - started) / 1000;
        const events = (await eventCount()) - before;
        // Event to browser: the delivered status stored (its row's created_at, the storing transaction's
        // start, so the transaction itself counts against logistics) to the watcher reading it.
        await Promise.race([Promise.all(watchers.map((watcher) => watcher.delivered)), Bun.sleep(30_000)]);
        const stored = await owner<{ orderId: string; at: number }[]>`
          select s.order_id as "orderId", extract(epoch from e.created_at) * 1000 as at
          from logistics.shipment_events e join logistics.shipments s on s.id = e.shipment_id
          where s.farm_id = ${farmId} and e.status = 'delivered'`;
        const storedAt = new Map(stored.map((row) => [row.orderId, Number(row.at)]));
        const missed = watchers.filter((watcher) => watcher.deliveredAt === null).length;
        const delays = watchers
          .flatMap((watcher) =>
            watcher.deliveredAt === null
              ? []
              : [watcher.deliveredAt - (storedAt.get(watcher.orderId) ?? watcher.deliveredAt)],
          )
          .sort((a, b) => a - b);
        for (const watcher of watchers) watcher.close();
        const p99 = percentile(delays, 99);
        context.log(
          `live tracking: ${WATCHERS} watchers, event to browser p50 ${Math.round(percentile(delays, 50))} ms, p99 ${Math.round(p99)} ms, ${missed} never saw it`,
        );
        const perSecond = events / seconds;
        context.log(
          `tracking: ${events} status events for ${SHIPMENTS} shipments in ${seconds.toFixed(2)} s (${Math.round(perSecond)}/s)`,
        );
        return [
          {
            id: 'logistics-tracking-ingestion',
            title: `Tracking ingestion: courier callbacks for ${SHIPMENTS.toLocaleString('en-US')} shipments at once, polled and stored`,
            value: Math.round(perSecond),
            unit: 'events/s',
            target: '≥ 1,000 status events/s',
            met: perSecond >= 1_000,
            detail: `${events} status events stored in ${seconds.toFixed(2)} s (webhook → poll of the tracker stand-in → stored, every shipment delivered); logistics polls 50 a pass, 8 at once; ${WATCHERS} live watchers connected meanwhile`,
          },
          {
            id: 'logistics-live-tracking-p99',
            title: `Live tracking: ${WATCHERS.toLocaleString('en-US')} shoppers watching at once, event to browser p99`,
            value: Math.round(p99),
            unit: 'ms',
            target: '≤ 500 ms, every watcher sees its delivery',
            met: p99 <= 500 && missed === 0,
            detail: `SSE streams (one per order, shopper token each) open during the ingestion burst; from the delivered event stored (created_at, its transaction's start) to the watcher reading it; p50 ${Math.round(percentile(delays, 50))} ms; ${missed} watchers never saw it`,
          },
        ];
      } finally {
        await logistics.stop();
      }
    } finally {
      tracker.kill('SIGTERM');
      await tracker.exited;
      await owner.end();
    }
  },
};
