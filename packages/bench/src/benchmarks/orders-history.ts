import { quick } from '../closed-loop.ts';
import {
  type BenchOffer,
  checkoutBody,
  offerForSale,
  placeCheckout,
  shopperToken,
  startPurchaseStack,
} from '../servers/purchase-stack.ts';
import { runWrk } from '../wrk.ts';
import type { Benchmark } from './types.ts';

const ORDERS = quick ? 10 : 50;
const CONNECTIONS = 50;
const SECONDS = quick ? 3 : 10;

/**
 * Order history (issue #12): `GET /v1/orders` of a shopper with ~50 orders, each placed through
 * checkout (real order rows, fulfilments and lines), read by wrk at 50 connections from the
 * real orders process. Each answer is the first page of the shopper's orders, newest first.
 */
export const ordersHistoryBenchmark: Benchmark = {
  name: 'orders history',
  async run(context) {
    const stack = await startPurchaseStack(context, { env: { orders: { DB_POOL_MAX: '20' } } });
    try {
      // Two farms, so orders alternate between them as a shopper's history would.
      const offers: BenchOffer[] = [
        await offerForSale(stack, { boxes: 10_000, label: 'history-1' }),
        await offerForSale(stack, { boxes: 10_000, label: 'history-2' }),
      ];
      const token = await shopperToken(stack);
      for (let index = 0; index < ORDERS; index++) {
        const placed = await placeCheckout(stack, token, checkoutBody(offers[index % 2] as BenchOffer));
        if (placed.status !== 201)
          throw new Error(`checkout answered ${placed.status}: ${JSON.stringify(placed.body)}`);
      }
      const page = await fetch(`${stack.orders}/v1/orders`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await page.json()) as { items: unknown[] };
      if (page.status !== 200 || body.items.length === 0) throw new Error(`order history answered ${page.status}`);
      const load = await runWrk({
        url: `${stack.orders}/v1/orders`,
        connections: CONNECTIONS,
        seconds: SECONDS,
        cpu: context.loadCpu,
        headers: { authorization: `Bearer ${token}` },
        timeoutSeconds: 10,
      });
      if (load.errors > 0) throw new Error(`order history: ${load.errors} errors under load`);
      context.log(`history: ${Math.round(load.requestsPerSecond)} req/s, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms`);
      return [
        {
          id: 'orders-history-p99',
          title: `Order history p99, a shopper with ${ORDERS} orders (wrk, ${CONNECTIONS} connections)`,
          value: load.p99Ms,
          unit: 'ms',
          target: '≤ 20 ms',
          met: load.p99Ms <= 20,
          detail: `${Math.round(load.requestsPerSecond)} req/s, p50 ${load.p50Ms} ms, ${body.items.length} orders a page, ${SECONDS} s; orders placed through checkout`,
        },
      ];
    } finally {
      await stack.stop();
    }
  },
};
