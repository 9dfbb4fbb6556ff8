import { closedLoop, quick } from '../closed-loop.ts';
import { cpuSeconds } from '../process.ts';
import {
  type BenchOffer,
  checkoutBody,
  offerForSale,
  placeCheckout,
  shopperToken,
  startPurchaseStack,
} from '../servers/purchase-stack.ts';
import type { Benchmark } from './types.ts';

const SHOPPERS = quick ? 10 : 50;
const SECONDS = quick ? 3 : 15;
/** Shoppers buy from several farms, as in a real evening: no single offer row is the queue. */
const OFFERS = 10;

/**
 * Checkout at 50 concurrent shoppers (issue #12), each with its own shopper token, through the
 * real orders process calling the real catalog (hold) and logistics (booking) processes; the
 * payment page is not part of it. The baseline is catalog's hold endpoint alone, at the same
 * concurrency on the same offers in the same run: a checkout is a hold plus a booking plus
 * orders' own writes, so it cannot be faster; the target is half as fast.
 */
export const ordersCheckoutBenchmark: Benchmark = {
  name: 'orders checkout',
  async run(context) {
    const stack = await startPurchaseStack(context, {
      env: { orders: { DB_POOL_MAX: '20' }, catalog: { DB_POOL_MAX: '20' }, logistics: { DB_POOL_MAX: '20' } },
    });
    try {
      const offers: BenchOffer[] = [];
      for (let index = 0; index < OFFERS; index++) {
        offers.push(await offerForSale(stack, { boxes: 100_000, label: `checkout-${index}` }));
      }
      const holdToken = await stack.signer.service('orders', { aud: 'catalog', scope: 'catalog:holds' });
      const catalogCpuBefore = await cpuSeconds(stack.processes.catalog.pid);
      const holds = await closedLoop(SHOPPERS, SECONDS, async (worker) => {
        const offer = offers[worker % OFFERS] as BenchOffer;
        const response = await fetch(`${stack.catalog}/internal/v1/holds`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${holdToken}`,
            'content-type': 'application/json',
            'idempotency-key': crypto.randomUUID(),
          },
          body: JSON.stringify({ lines: [{ offerId: offer.offerId, quantity: 1 }] }),
        });
        await response.arrayBuffer();
        if (response.status !== 201) throw new Error(`hold answered ${response.status}`);
      });
      const cpuPerHold = Math.round(
        (((await cpuSeconds(stack.processes.catalog.pid)) - catalogCpuBefore) / holds.done) * 1e6,
      );
      context.log(
        `holds alone: ${Math.round(holds.perSecond)}/s, p99 ${holds.p99Ms.toFixed(1)} ms; catalog CPU per hold ${cpuPerHold} µs`,
      );
      const tokens = await Promise.all(Array.from({ length: SHOPPERS }, () => shopperToken(stack)));
      // One checkout each first: a shopper's first request pays for key fetches and connection set-up.
      await Promise.all(
        tokens.map(async (token, worker) => {
          const placed = await placeCheckout(stack, token, checkoutBody(offers[worker % OFFERS] as BenchOffer));
          if (placed.status !== 201)
            throw new Error(`warm-up checkout answered ${placed.status}: ${JSON.stringify(placed.body)}`);
        }),
      );
      const services = Object.entries(stack.processes);
      const cpuBefore = await Promise.all(services.map(([, process]) => cpuSeconds(process.pid)));
      const checkouts = await closedLoop(SHOPPERS, SECONDS, async (worker) => {
        const placed = await placeCheckout(
          stack,
          tokens[worker] as string,
          checkoutBody(offers[worker % OFFERS] as BenchOffer),
        );
        if (placed.status !== 201)
          throw new Error(`checkout answered ${placed.status}: ${JSON.stringify(placed.body)}`);
      });
      const cpuAfter = await Promise.all(services.map(([, process]) => cpuSeconds(process.pid)));
      // Where a checkout's time goes: CPU per checkout in each service (all share one CPU).
      const cpuPerCheckout = services
        .map(([name], index) => {
          const micros = (((cpuAfter[index] ?? 0) - (cpuBefore[index] ?? 0)) / checkouts.done) * 1e6;
          return `${name} ${Math.round(micros)} µs`;
        })
        .join(', ');
      context.log(
        `checkouts: ${Math.round(checkouts.perSecond)}/s, p99 ${checkouts.p99Ms.toFixed(1)} ms; CPU per checkout: ${cpuPerCheckout} (catalog per hold alone ${cpuPerHold} µs)`,
      );
      const ratio = checkouts.perSecond / holds.perSecond;
      return [
        {
          id: 'orders-checkout-throughput',
          title: `Checkout (orders → catalog hold + logistics booking), ${SHOPPERS} concurrent shoppers`,
          value: Math.round(checkouts.perSecond),
          unit: 'checkouts/s',
          baseline: {
            title: "catalog's hold endpoint alone, same concurrency",
            value: Math.round(holds.perSecond),
            unit: 'holds/s',
          },
          ratio: Number(ratio.toFixed(2)),
          target: '≥ 0.5× hold endpoint alone',
          met: ratio >= 0.5,
          detail: `${SECONDS} s closed loop each, ${OFFERS} offers of ${OFFERS} farms, every answer 201; p50 checkout ${checkouts.p50Ms.toFixed(1)} ms, hold ${holds.p50Ms.toFixed(1)} ms; payment page excluded`,
        },
        {
          id: 'orders-checkout-p99',
          title: `Checkout p99 at ${SHOPPERS} concurrent shoppers`,
          value: Number(checkouts.p99Ms.toFixed(1)),
          unit: 'ms',
          baseline: { title: 'hold endpoint alone p99', value: Number(holds.p99Ms.toFixed(1)), unit: 'ms' },
          ratio: Number((checkouts.p99Ms / holds.p99Ms).toFixed(2)),
          target: '≤ 300 ms',
          met: checkouts.p99Ms <= 300,
          detail: `${checkouts.done} checkouts, each its own shopper token and Idempotency-Key; all services pinned to CPU ${context.serverCpu}; CPU per checkout: ${cpuPerCheckout} (catalog per hold alone ${cpuPerHold} µs)`,
        },
      ];
    } finally {
      await stack.stop();
    }
  },
};
