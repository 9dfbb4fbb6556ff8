import { buildEnvelope, createBusMetrics, ENVELOPE_FIELD } from '@fruitables/bus';
import { testRedisUrl, uniqueStreamPrefix } from '@fruitables/bus/testing';
import { waitFor } from '@fruitables/core/testing';
import { platformCatalogue } from '@fruitables/events';
import { createMetricsRegistry } from '@fruitables/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaymentEventsConsumer } from './consumers.ts';
import { orderViewSchema } from './contract/index.ts';
import { checkout, checkoutOf, offerOnSale, sweepRuns } from './testing/fixtures.ts';
import { call, createHarness, type OrdersHarness, verifiedShopper } from './testing/harness.ts';

let h: OrdersHarness;
beforeAll(async () => {
  h = await createHarness('consumers');
});
afterAll(async () => {
  await h.close();
});

describe('PaymentCompleted from payments, through the bus', () => {
  it('starts paying the order once, however often the event is delivered', async () => {
    const offer = await offerOnSale(h);
    const shopperId = crypto.randomUUID();
    const placed = (await checkout(h, await verifiedShopper(h, shopperId), checkoutOf([{ offer }]))).parse(
      orderViewSchema,
    );
    h.payments.paid(placed.id, placed.amount);
    const stream = `${uniqueStreamPrefix('orders')}:payments.events`;
    const consumer = createPaymentEventsConsumer(
      {
        redis: { url: testRedisUrl() },
        db: h.db,
        logger: h.logs.logger,
        metrics: createBusMetrics(createMetricsRegistry('orders')),
        consumerName: 'test',
        stream,
        blockMs: 100,
      },
      h.domain,
    );
    await consumer.start();
    try {
      const envelope = buildEnvelope(
        platformCatalogue,
        {
          type: 'PaymentCompleted',
          aggregateId: placed.id,
          data: {
            orderId: placed.id,
            paymentKey: 'tviva-test-0001',
            amount: placed.amount,
            method: '카드',
            approvedAt: new Date().toISOString(),
          },
        },
        'payments',
      );
      // The relay is at-least-once: the inbox must absorb the repeat.
      for (let copy = 0; copy < 2; copy += 1) {
        await h.redis.xAdd(stream, '*', { [ENVELOPE_FIELD]: JSON.stringify(envelope) });
      }
      await waitFor('the payment applied once', async () => {
        const [row] = await h.owner<{ n: number }[]>`
          select count(*)::int as n from orders.workflow_runs where kind = 'pay' and input->>'orderId' = ${placed.id}`;
        return row?.n === 1 && (await h.redis.xPending(stream, 'orders')).pending === 0;
      });
      await sweepRuns(h);
      const order = await call(h, 'GET', `/v1/orders/${placed.id}`, { token: await verifiedShopper(h, shopperId) });
      expect(order.parse(orderViewSchema).status).toBe('paid');
    } finally {
      await consumer.stop();
    }
  });
});
