import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEnvelope, createBusMetrics, ENVELOPE_FIELD, type PublishInput } from '@fruitables/bus';
import { createServiceTestbed, type ServiceTestbed, testRedisUrl, uniqueStreamPrefix } from '@fruitables/bus/testing';
import { type PlatformCatalogue, platformCatalogue } from '@fruitables/events';
import { storefrontTables } from '@fruitables/schema-storefront';
import { startEdge, stopEdge } from '@fruitables/stack/edge';
import pino from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../site/paths.ts';
import { createTestApp } from '../testing/app-harness.ts';
import { startFixtureCatalog } from '../testing/fixture-catalog-server.ts';
import { fixtureFarm, fixtureProduct } from '../testing/fixture-data.ts';
import { createTestSite, type TestSite } from '../testing/site-harness.ts';
import { createEdgePurger } from './edge-purger.ts';
import { createRebuilder } from './rebuilder.ts';
import type { RebuildEventType } from './refresh-for.ts';

// End to end on real infrastructure: catalog events on a real Redis stream, the consumer's
// inbox in a real PostgreSQL, the storefront origin behind a real Varnish with the
// project's VCL. Only catalog itself is a fixture server (its documented API shapes).

const SECRET = 'rebuilder-test-purge-secret-0123456789';
const farm = fixtureFarm();
const apple = fixtureProduct(farm);

let testbed: ServiceTestbed<typeof storefrontTables>;
let catalog: ReturnType<typeof startFixtureCatalog>;
let t: TestSite;
let origin: ReturnType<typeof Bun.serve>;
let rebuilder: ReturnType<typeof createRebuilder>;
let edgeDir: string;
let edge: string;
let stream: string;

beforeAll(async () => {
  testbed = await createServiceTestbed({
    label: 'storefront-rebuilder',
    context: 'storefront',
    tables: storefrontTables,
  });
  catalog = startFixtureCatalog({ farms: [farm], products: [apple] });
  t = await createTestSite(catalog.url);
  await t.site.fullBuild();
  const app = createTestApp(t);
  origin = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: app.fetch });
  edgeDir = mkdtempSync(join(tmpdir(), 'storefront-edge-'));
  const { pickPort } = await import('../testing/free-port.ts');
  const port = await pickPort();
  await startEdge(edgeDir, port, { storefront: origin.port ?? 0 }, { purgeSecret: SECRET });
  edge = `http://127.0.0.1:${port}`;
  stream = `${uniqueStreamPrefix('storefront')}:catalog.events`;
  const registry = new Registry();
  rebuilder = createRebuilder({
    redis: { url: testRedisUrl() },
    db: testbed.db,
    site: t.site,
    purger: createEdgePurger({ url: edge, secret: SECRET }),
    logger: pino({ level: 'silent' }),
    metrics: createBusMetrics(registry),
    registry,
    consumerName: 'storefront-test',
    stream,
    blockMs: 100,
  });
  await rebuilder.start();
});

afterAll(async () => {
  await rebuilder.stop();
  await stopEdge(edgeDir);
  rmSync(edgeDir, { recursive: true, force: true });
  await origin.stop(true);
  t.close();
  catalog.stop();
  await testbed.close();
});

async function publish<T extends RebuildEventType>(input: PublishInput<PlatformCatalogue, T>): Promise<void> {
  const envelope = buildEnvelope(platformCatalogue, input, 'catalog');
  await testbed.redis.xAdd(stream, '*', { [ENVELOPE_FIELD]: JSON.stringify(envelope) });
}

/** Polls the edge until the page satisfies `check`; returns how long that took. */
async function edgeUntil(path: string, check: (status: number, body: string) => boolean): Promise<number> {
  const started = performance.now();
  for (;;) {
    const response = await fetch(`${edge}${path}`);
    if (check(response.status, await response.text())) return performance.now() - started;
    if (performance.now() - started > 10_000) throw new Error(`the edge never served the change at ${path}`);
    await Bun.sleep(25);
  }
}

const get = async (path: string) => {
  const response = await fetch(`${edge}${path}`);
  return { status: response.status, cache: response.headers.get('x-cache'), body: await response.text() };
};

describe('the rebuilder, through the real edge', () => {
  it('re-renders a product page after a price change and purges it: the edge serves the new price', async () => {
    await get(paths.product(apple.id));
    expect((await get(paths.product(apple.id))).cache).toBe('hit');
    const offer = apple.offers[0];
    if (!offer) throw new Error('fixture has no offer');
    catalog.products.set(apple.id, {
      ...apple,
      offers: [{ ...offer, priceKrw: 35_000 }, ...apple.offers.slice(1)],
    });
    await publish({
      type: 'OfferPriceChanged',
      aggregateId: offer.id,
      data: {
        offerId: offer.id,
        productId: apple.id,
        farmId: farm.id,
        previousPriceKrw: 39_000,
        priceKrw: 35_000,
        changedAt: new Date().toISOString(),
      },
    });
    const took = await edgeUntil(paths.product(apple.id), (_, body) => body.includes('35,000원'));
    expect(took).toBeLessThan(2_000);
    expect((await get(paths.listing('사과'))).body).toContain('"priceKrw":35000');
  });

  it('turns a cached 404 into the new product page once it is published', async () => {
    const pear = fixtureProduct(farm, { fruit: '배', variety: '신고' });
    expect((await get(paths.product(pear.id))).status).toBe(404);
    expect((await get(paths.product(pear.id))).cache).toBe('hit');
    catalog.products.set(pear.id, pear);
    await publish({
      type: 'ProductPublished',
      aggregateId: pear.id,
      data: {
        productId: pear.id,
        farmId: farm.id,
        fruit: '배',
        variety: '신고',
        publishedAt: new Date().toISOString(),
      },
    });
    await edgeUntil(paths.product(pear.id), (status, body) => status === 200 && body.includes('신고 배'));
    expect((await get(paths.farm(farm.id))).body).toContain('신고 배');
    expect((await get(paths.sitemap)).body).toContain(paths.product(pear.id));
  });

  it('shows a farm’s new name on its product pages after FarmUpdated', async () => {
    expect((await get(paths.product(apple.id))).body).toContain(farm.name);
    const renamed = { ...farm, name: '충주 햇살농원' };
    catalog.farms.set(farm.id, renamed);
    await publish({
      type: 'FarmUpdated',
      aggregateId: farm.id,
      data: {
        farmId: farm.id,
        name: renamed.name,
        regionSido: farm.regionSido,
        regionSigungu: farm.regionSigungu,
        story: farm.story,
        certifications: farm.certifications,
        changed: ['name'],
        updatedAt: new Date().toISOString(),
      },
    });
    await edgeUntil(paths.product(apple.id), (_, body) => body.includes('충주 햇살농원'));
    expect((await get(paths.farm(farm.id))).body).toContain('<h1>충주 햇살농원</h1>');
  });

  it('takes an unpublished product off the shop', async () => {
    const gone = fixtureProduct(farm, { fruit: '딸기', variety: '설향' });
    catalog.products.set(gone.id, gone);
    await publish({
      type: 'ProductPublished',
      aggregateId: gone.id,
      data: {
        productId: gone.id,
        farmId: farm.id,
        fruit: '딸기',
        variety: '설향',
        publishedAt: new Date().toISOString(),
      },
    });
    await edgeUntil(paths.listing('딸기'), (status) => status === 200);
    catalog.products.delete(gone.id);
    await publish({
      type: 'ProductUnpublished',
      aggregateId: gone.id,
      data: { productId: gone.id, farmId: farm.id, unpublishedAt: new Date().toISOString() },
    });
    await edgeUntil(paths.product(gone.id), (status) => status === 404);
    await edgeUntil(paths.listing('딸기'), (status) => status === 404);
    expect((await get(paths.search)).status).toBe(200);
    expect((await get(paths.searchIndex)).body).not.toContain('설향');
  });
});
