import { buildEnvelope, createBusMetrics, ENVELOPE_FIELD } from '@fruitables/bus';
import { testRedisUrl, uniqueStreamPrefix } from '@fruitables/bus/testing';
import { newId } from '@fruitables/core';
import { waitFor } from '@fruitables/core/testing';
import { platformCatalogue } from '@fruitables/events';
import { createMetricsRegistry } from '@fruitables/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFarmEventsConsumer } from './farm-events.ts';
import { type CatalogHarness, createHarness } from './testing/harness.ts';

let h: CatalogHarness;
beforeAll(async () => {
  h = await createHarness('catalog-farm-events');
});
afterAll(async () => {
  await h.close();
});

describe('FarmerVerified from identity', () => {
  it('creates the farm once, however often the event is delivered', async () => {
    const stream = `${uniqueStreamPrefix('catalog')}:identity.events`;
    const consumer = createFarmEventsConsumer({
      redis: { url: testRedisUrl() },
      db: h.db,
      logger: h.logs.logger,
      metrics: createBusMetrics(createMetricsRegistry('catalog')),
      consumerName: 'test',
      stream,
      blockMs: 100,
    });
    await consumer.start();
    try {
      const farmId = newId();
      const accountId = newId();
      const envelope = buildEnvelope(
        platformCatalogue,
        {
          type: 'FarmerVerified',
          aggregateId: accountId,
          data: {
            applicationId: newId(),
            accountId,
            farmId,
            farmName: '나주 배농원',
            verifiedAt: new Date().toISOString(),
          },
        },
        'identity',
      );
      // The relay may send an event twice (it is at-least-once): the inbox must absorb the repeat.
      for (let copy = 0; copy < 2; copy++) {
        await h.redis.xAdd(stream, '*', { [ENVELOPE_FIELD]: JSON.stringify(envelope) });
      }
      await waitFor('the FarmerVerified event applied once', async () => {
        const [row] = await h.owner<
          { n: number }[]
        >`select count(*)::int as n from catalog.inbox where event_id = ${envelope.id}`;
        return row?.n === 1 && (await h.redis.xPending(stream, 'catalog')).pending === 0;
      });
      const farms = await h.owner`select name from catalog.farms where id = ${farmId}`;
      expect(farms).toEqual([{ name: '나주 배농원' }]);
      expect(consumer.isRunning()).toBe(true);
    } finally {
      await consumer.stop();
    }
  });
});
