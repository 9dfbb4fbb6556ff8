import { quick } from '../closed-loop.ts';
import {
  type BenchOffer,
  checkoutBody,
  offerForSale,
  payOrder,
  placeCheckout,
  shopperToken,
  startPurchaseStack,
} from '../servers/purchase-stack.ts';
import { startTimingProxy, type TimingProxy } from '../servers/timing-proxy.ts';
import { percentile } from '../stats.ts';
import type { Benchmark } from './types.ts';

const CONFIRMS = quick ? 30 : 300;
const PLACING_AT_ONCE = 10;

/** The order a PG call is about: the confirm's body names it, a lookup's path does. */
function orderOfPgCall(path: string, body: string): string | null {
  const named = /"orderId"\s*:\s*"([^"]+)"/.exec(body)?.[1];
  if (named) return named;
  return /\/v1\/payments\/orders\/([^/]+)/.exec(path)?.[1] ?? null;
}

/**
 * payments' own share of `POST /v1/confirm` (issue #13): the shop's round trip to the real
 * payments process minus the time payments spent waiting for the PG, which a timing proxy
 * between payments and the Toss stand-in measures per order. What is left is payments' work:
 * token check, asking orders for the payable order (a real orders process), its commits, the
 * ledger, the outbox. Confirms are sent one at a time, each for its own order placed through
 * checkout beforehand.
 */
export const paymentsConfirmBenchmark: Benchmark = {
  name: 'payments confirm',
  async run(context) {
    let proxy: TimingProxy | undefined;
    const stack = await startPurchaseStack(context, {
      pgProxy: async (tossUrl) => {
        proxy = startTimingProxy(tossUrl, orderOfPgCall);
        return proxy;
      },
    });
    try {
      const offers: BenchOffer[] = [];
      for (let index = 0; index < 5; index++)
        offers.push(await offerForSale(stack, { boxes: 10_000, label: `confirm-${index}` }));
      const placed: { token: string; order: { id: string; amount: number; orderName?: string } }[] = [];
      for (let index = 0; index < CONFIRMS + 10; index += PLACING_AT_ONCE) {
        await Promise.all(
          Array.from({ length: PLACING_AT_ONCE }, async (_, slot) => {
            const token = await shopperToken(stack);
            const answer = await placeCheckout(
              stack,
              token,
              checkoutBody(offers[(index + slot) % offers.length] as BenchOffer),
            );
            if (answer.status !== 201 || !answer.body.id || !answer.body.amount) {
              throw new Error(`checkout answered ${answer.status}: ${JSON.stringify(answer.body)}`);
            }
            placed.push({
              token,
              order: { id: answer.body.id, amount: answer.body.amount, orderName: answer.body.orderName },
            });
          }),
        );
      }
      const overheads: number[] = [];
      const roundTrips: number[] = [];
      for (const [index, { token, order }] of placed.entries()) {
        const confirm = await payOrder(stack, token, order);
        if (confirm.status !== 200)
          throw new Error(`confirm answered ${confirm.status}: ${JSON.stringify(confirm.body)}`);
        // The first ten warm up connections, keys and the orders client's token.
        if (index < 10) continue;
        const pg = proxy?.spentOn(order.id) ?? 0;
        if (pg <= 0) throw new Error('the timing proxy saw no PG call for a confirm');
        roundTrips.push(confirm.ms);
        overheads.push(confirm.ms - pg);
      }
      overheads.sort((a, b) => a - b);
      roundTrips.sort((a, b) => a - b);
      const p99 = percentile(overheads, 99);
      context.log(
        `confirm: round trip p50 ${percentile(roundTrips, 50).toFixed(1)} / p99 ${percentile(roundTrips, 99).toFixed(1)} ms; without the PG p50 ${percentile(overheads, 50).toFixed(1)} / p99 ${p99.toFixed(1)} ms`,
      );
      return [
        {
          id: 'payments-confirm-overhead-p99',
          title: "Payment confirm p99, the PG's own time excluded (one at a time)",
          value: Number(p99.toFixed(1)),
          unit: 'ms',
          target: '≤ 30 ms',
          met: p99 <= 30,
          detail: `${overheads.length} confirms after 10 warm-up, each its own order; round trip p99 ${percentile(roundTrips, 99).toFixed(1)} ms, PG time measured per order by a proxy in front of the Toss stand-in; p50 ${percentile(overheads, 50).toFixed(1)} ms`,
        },
      ];
    } finally {
      await stack.stop();
    }
  },
};
