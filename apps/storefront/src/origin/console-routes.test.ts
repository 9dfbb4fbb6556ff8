import readXlsxFile from 'read-excel-file/universal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleScreens } from '../pages/console-pages.tsx';
import { paths } from '../site/paths.ts';
import { createTestApp } from '../testing/app-harness.ts';
import { startFixtureCatalog } from '../testing/fixture-catalog-server.ts';
import { createTestSite, type TestSite } from '../testing/site-harness.ts';

let catalog: ReturnType<typeof startFixtureCatalog>;
let t: TestSite;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  catalog = startFixtureCatalog({ farms: [], products: [], lots: [] });
  t = await createTestSite(catalog.url);
  app = createTestApp(t);
  await t.site.fullBuild();
});
afterAll(() => {
  t.close();
  catalog.stop();
});

describe('the farmer console and admin pages at the origin', () => {
  it.each(consoleScreens.map((screen) => [screen.path, screen.screen]))(
    '%s is a no-store frame that names its screen and loads the console island',
    async (path, screen) => {
      const response = await app.request(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      const html = await response.text();
      expect(html).toContain(`data-console-page="${screen}"`);
      expect(html).toContain('<meta name="robots" content="noindex, nofollow"');
      expect(html).toMatch(/<script type="module" src="\/assets\/console-[a-z0-9]+\.js"/);
      expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/console-[a-z0-9]+\.css"/);
    },
  );

  it('lets the photo preview show a picked file (blob: images) and nothing else new', async () => {
    const response = await app.request(paths.farmer.profile);
    expect(response.headers.get('content-security-policy')).toContain("img-src 'self' data: blob:");
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self';");
  });

  it('serves the batch templates as downloads, the example row dated today in Seoul', async () => {
    const today = t.site.renderContext().now.toLocaleDateString('en-CA', { timeZone: 'Asia/Seoul' });
    const csv = await app.request(paths.farmer.templateCsv);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain('attachment;');
    expect(csv.headers.get('cache-control')).toBe('private, no-store');
    const text = new TextDecoder().decode(await csv.arrayBuffer());
    expect(text.split('\r\n')[1]).toContain(today);

    const xlsx = await app.request(paths.farmer.templateXlsx);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const sheets = await readXlsxFile(new Blob([await xlsx.arrayBuffer()]));
    expect(JSON.stringify(sheets[0]?.data)).toContain(today);
  });

  it('keeps the console out of search engines', async () => {
    const robots = await (await app.request(paths.robots)).text();
    expect(robots).toContain('Disallow: /farmer/');
    expect(robots).toContain('Disallow: /admin/');
  });
});
