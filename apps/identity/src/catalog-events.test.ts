import { buildEnvelope, createBusMetrics, ENVELOPE_FIELD } from '@fruitables/bus';
import { testRedisUrl, uniqueStreamPrefix } from '@fruitables/bus/testing';
import { waitFor } from '@fruitables/core/testing';
import { platformCatalogue } from '@fruitables/events';
import { createMetricsRegistry } from '@fruitables/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogEventsConsumer, IDENTITY_GROUP } from './catalog-events.ts';
import { type SignedIn, signedInAdmin, verifiedFarmer } from './testing/client.ts';
import { createHarness, type IdentityHarness } from './testing/harness.ts';

let h: IdentityHarness;
let admin: SignedIn;
beforeAll(async () => {
  h = await createHarness('identity-catalog-events');
  admin = await signedInAdmin(h);
});
afterAll(async () => {
  await h.close();
});

const farmUpdated = (farmId: string, name: string, changed: ('name' | 'story')[]) =>
  buildEnvelope(
    platformCatalogue,
    {
      type: 'FarmUpdated',
      aggregateId: farmId,
      data: {
        farmId,
        name,
        regionSido: '충청북도',
        regionSigungu: '충주시',
        story: '',
        certifications: [],
        changed,
        updatedAt: new Date().toISOString(),
      },
    },
    'catalog',
  );

describe("catalog's FarmUpdated", () => {
  it("keeps the admins' farm list on the name catalog announced, once however often it is delivered", async () => {
    const farmer = await verifiedFarmer(h, admin);
    const stream = `${uniqueStreamPrefix('identity')}:catalog.events`;
    const consumer = createCatalogEventsConsumer({
      redis: { url: testRedisUrl() },
      db: h.db,
      logger: h.logs.logger,
      metrics: createBusMetrics(createMetricsRegistry('identity')),
      consumerName: 'test',
      stream,
      blockMs: 100,
    });
    await consumer.start();
    try {
      const renamed = farmUpdated(farmer.farmId, '충주 햇사과농원', ['name']);
      const storyOnly = farmUpdated(farmer.farmId, '이름은 그대로', ['story']);
      for (const envelope of [renamed, renamed, storyOnly]) {
        await h.redis.xAdd(stream, '*', { [ENVELOPE_FIELD]: JSON.stringify(envelope) });
      }
      await waitFor(
        'every FarmUpdated acknowledged',
        async () => (await h.redis.xPending(stream, IDENTITY_GROUP)).pending === 0,
      );
      const [farm] = await h.owner<{ name: string }[]>`select name from identity.farms where id = ${farmer.farmId}`;
      expect(farm?.name).toBe('충주 햇사과농원');
      const applied = await h.owner<{ n: number }[]>`
        select count(*)::int as n from identity.inbox where event_id in (${renamed.id}, ${storyOnly.id})`;
      expect(applied[0]?.n).toBe(2);
      const response = await h.app.request('/v1/admin/farms?q=햇사과', {
        headers: { authorization: `Bearer ${admin.accessToken}` },
      });
      const listed = (await response.json()) as { items: { id: string }[] };
      expect(listed.items.map((farm) => farm.id)).toEqual([farmer.farmId]);
    } finally {
      await consumer.stop();
    }
  });
});
