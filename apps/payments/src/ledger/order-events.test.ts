import { buildEnvelope, createBusMetrics, ENVELOPE_FIELD } from '@fruitables/bus';
import { testRedisUrl, uniqueStreamPrefix } from '@fruitables/bus/testing';
import { newId } from '@fruitables/core';
import { waitFor } from '@fruitables/core/testing';
import { platformCatalogue } from '@fruitables/events';
import { createMetricsRegistry } from '@fruitables/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { farmBalance } from '../domain/farm-ledger.ts';
import { createHarness, type PaymentsHarness, TEST_LEDGER } from '../testing/harness.ts';
import { createOrderEventsConsumer, PAYMENTS_GROUP } from './order-events.ts';

let h: PaymentsHarness;
beforeAll(async () => {
  h = await createHarness('payments-order-events');
});
afterAll(async () => {
  await h.close();
});

describe('OrderCompleted from orders', () => {
  it("makes the fulfilment's goods net of refunds and commission payable to its farm, once however often it is delivered", async () => {
    const stream = `${uniqueStreamPrefix('payments')}:orders.events`;
    const consumer = createOrderEventsConsumer(
      {
        redis: { url: testRedisUrl() },
        db: h.db,
        logger: h.logs.logger,
        metrics: createBusMetrics(createMetricsRegistry('payments')),
        consumerName: 'test',
        stream,
        blockMs: 100,
      },
      TEST_LEDGER,
    );
    await consumer.start();
    try {
      const farmId = newId();
      const envelope = buildEnvelope(
        platformCatalogue,
        {
          type: 'OrderCompleted',
          aggregateId: newId(),
          data: {
            orderId: newId(),
            fulfilmentId: newId(),
            farmId,
            goodsAmount: 40_000,
            deliveryFee: 4_000,
            refundedAmount: 10_000,
            completedAt: new Date().toISOString(),
          },
        },
        'orders',
      );
      for (let copy = 0; copy < 2; copy++) {
        await h.redis.xAdd(stream, '*', { [ENVELOPE_FIELD]: JSON.stringify(envelope) });
      }
      await waitFor('OrderCompleted applied once', async () => {
        const [row] = await h.owner<
          { n: number }[]
        >`select count(*)::int as n from payments.inbox where event_id = ${envelope.id}`;
        return row?.n === 1 && (await h.redis.xPending(stream, PAYMENTS_GROUP)).pending === 0;
      });
      // Goods 40,000 less the 10,000 refunded = 30,000, less 10% commission = 27,000.
      expect(await farmBalance(h.db, farmId)).toBe(27_000);
    } finally {
      await consumer.stop();
    }
  });
});
