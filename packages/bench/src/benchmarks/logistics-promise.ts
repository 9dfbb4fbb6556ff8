import { type BenchLogistics, startBenchLogistics } from '../servers/logistics-service.ts';
import { median, percentile } from '../stats.ts';
import type { BenchContext, Benchmark } from './types.ts';

const PROMISE_REQUESTS = 2_000;
const RACE_REQUESTS = 1_000;
const RACE_PLACES = 50;
const ROUNDS = 3;

const json = (token?: string) => ({
  'content-type': 'application/json',
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});

/** p99 of the promise for a five-farm cart, asked one request at a time (latency, not throughput). */
export async function measurePromise(base: string, requests: number): Promise<{ p99Ms: number; p50Ms: number }> {
  const body = JSON.stringify({
    postcode: '06236',
    farms: Array.from({ length: 5 }, () => ({ farmId: crypto.randomUUID(), boxes: 2 })),
  });
  const ask = async () => {
    const response = await fetch(`${base}/v1/promise`, { method: 'POST', headers: json(), body });
    if (response.status !== 200) throw new Error(`promise answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  };
  for (let warm = 0; warm < 100; warm++) await ask();
  const latencies: number[] = [];
  for (let index = 0; index < requests; index++) {
    const sent = performance.now();
    await ask();
    latencies.push(performance.now() - sent);
  }
  latencies.sort((a, b) => a - b);
  return { p99Ms: percentile(latencies, 99), p50Ms: percentile(latencies, 50) };
}

/** A farm with `places` boxes a day, and the earliest date the promise offers it. */
async function farmWithPlaces(logistics: BenchLogistics, places: number): Promise<{ farmId: string; date: string }> {
  const farmId = crypto.randomUUID();
  const token = await logistics.signer.farmer([farmId]);
  const saved = await fetch(`${logistics.base}/v1/farms/${farmId}/settings`, {
    method: 'PUT',
    headers: json(token),
    body: JSON.stringify({
      dispatchWeekdays: [1, 2, 3, 4, 5, 6],
      cutoff: '23:00',
      dailyCapacity: places,
      baseFee: 3_000,
      freeFrom: 30_000,
    }),
  });
  if (saved.status !== 200) throw new Error(`settings answered ${saved.status}`);
  const promise = await fetch(`${logistics.base}/v1/promise`, {
    method: 'POST',
    headers: json(),
    body: JSON.stringify({ farms: [{ farmId, boxes: 1 }] }),
  });
  const body = (await promise.json()) as { farms: { earliest: { date: string } | null }[] };
  const date = body.farms[0]?.earliest?.date;
  if (!date) throw new Error('the promise offered no date');
  return { farmId, date };
}

/** `requests` checkouts at once for the last `places` places of one farm's day. */
export async function raceBookings(
  logistics: BenchLogistics,
  requests: number,
  places: number,
): Promise<{ seconds: number; p99Ms: number; booked: number; full: number }> {
  const { farmId, date } = await farmWithPlaces(logistics, places);
  const token = await logistics.signer.service('orders', { aud: 'logistics', scope: 'logistics:bookings' });
  const latencies: number[] = [];
  let booked = 0;
  let full = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: requests }, async () => {
      const sent = performance.now();
      const response = await fetch(`${logistics.base}/internal/v1/bookings`, {
        method: 'POST',
        headers: { ...json(token), 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({
          orderId: crypto.randomUUID(),
          fulfilmentId: crypto.randomUUID(),
          shopperId: crypto.randomUUID(),
          farmId,
          deliveryDate: date,
          boxes: 1,
          recipient: {
            name: '김민지',
            phone: '010-1234-5678',
            postcode: '06236',
            address1: '서울특별시 강남구 테헤란로 123',
            address2: '4층',
            deliveryNote: null,
          },
        }),
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - sent);
      if (response.status === 201) booked++;
      else if (response.status === 409) full++;
      else throw new Error(`booking answered ${response.status}`);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { seconds, p99Ms: percentile(latencies, 99), booked, full };
}

/**
 * The promise of issue #14 against the real service over HTTP: its p99 for a five-farm cart
 * (one SQL round trip, then pure planning), and 1,000 checkouts racing for a farm's last 50
 * places, checked exact.
 */
export const logisticsPromiseBenchmark: Benchmark = {
  name: 'logistics promise and bookings',
  async run(context: BenchContext) {
    const logistics = await startBenchLogistics(context, { DB_POOL_MAX: '20' });
    try {
      const promise = await measurePromise(logistics.base, PROMISE_REQUESTS);
      context.log(`promise: p50 ${promise.p50Ms.toFixed(2)} ms, p99 ${promise.p99Ms.toFixed(2)} ms`);
      const rounds = [];
      for (let round = 1; round <= ROUNDS; round++) {
        const result = await raceBookings(logistics, RACE_REQUESTS, RACE_PLACES);
        if (result.booked !== RACE_PLACES || result.full !== RACE_REQUESTS - RACE_PLACES) {
          throw new Error(`bookings overbooked or underbooked: ${result.booked} booked, ${result.full} full`);
        }
        context.log(
          `round ${round}: ${RACE_REQUESTS} bookings in ${result.seconds.toFixed(2)} s, p99 ${Math.round(result.p99Ms)} ms`,
        );
        rounds.push(result);
      }
      const throughput = median(rounds.map((round) => RACE_REQUESTS / round.seconds));
      return [
        {
          id: 'logistics-promise-p99',
          title: 'Delivery promise p99, five-farm cart (one request at a time)',
          value: Number(promise.p99Ms.toFixed(2)),
          unit: 'ms',
          target: '≤ 10 ms',
          met: promise.p99Ms <= 10,
          detail: `${PROMISE_REQUESTS} requests after 100 warm-up; p50 ${promise.p50Ms.toFixed(2)} ms`,
        },
        {
          id: 'logistics-booking-race',
          title: `Bookings: ${RACE_REQUESTS} concurrent checkouts for a farm's last ${RACE_PLACES} places`,
          value: Math.round(throughput),
          unit: 'bookings/s',
          target: `exactly ${RACE_PLACES} booked, ${RACE_REQUESTS - RACE_PLACES} date_full`,
          met: true,
          detail: `median of ${ROUNDS} rounds, each checked exact; p99 ${Math.round(median(rounds.map((round) => round.p99Ms)))} ms`,
        },
      ];
    } finally {
      await logistics.stop();
    }
  },
};
