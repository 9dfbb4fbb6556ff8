import { createRoute, z } from '@hono/zod-openapi';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServiceApp } from '../testing/index.ts';

// The OS's Chromium, as the e2e tests use it (`./fruitables test` installs it); never downloaded.
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function chromiumPath(): string {
  const path = Bun.which('chromium') ?? Bun.which('chromium-browser');
  if (!path) throw new Error('Chromium is not installed: `./fruitables test` installs the `chromium` OS package');
  return path;
}

function appWithOneRoute() {
  const app = createTestServiceApp();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/apples',
      summary: 'List the apples in season',
      responses: {
        200: { description: 'The apples', content: { 'application/json': { schema: z.array(z.string()) } } },
      },
    }),
    (c) => c.json(['hongro'], 200),
  );
  return app;
}

describe('the docs page in a browser', () => {
  let browser: Browser;
  let server: ReturnType<typeof Bun.serve>;

  beforeAll(async () => {
    const app = appWithOneRoute();
    // The service directly, and under /api/test the way the edge serves it (prefix stripped).
    server = Bun.serve({
      port: 0,
      hostname: '127.0.0.1',
      fetch: (request) => {
        const url = new URL(request.url);
        if (url.pathname.startsWith('/api/test/')) url.pathname = url.pathname.slice('/api/test'.length);
        return app.fetch(new Request(url, request));
      },
    });
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
  });

  afterAll(async () => {
    await browser?.close();
    server?.stop(true);
  });

  for (const path of ['/docs', '/api/test/docs']) {
    it(`renders the API reference at ${path} with no CSP violation and nothing from another origin`, async () => {
      const origin = `http://127.0.0.1:${server.port}`;
      const context = await browser.newContext();
      const page = await context.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || /content security policy/i.test(message.text()))
          problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('request', (request) => requests.push(request.url()));
      // Violations are also reported as events, including those the console would not show.
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
        });
      });

      const response = await page.goto(`${origin}${path}`);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.getByText('Fruitables test API').first().waitFor({ timeout: 30_000 });
      // The API client inside the page works too: its request goes to the documented server, this origin.
      await page.getByText('List the apples in season').first().click();
      await page.getByText('Test Request').first().click();
      const sent = page.waitForResponse((answer) => answer.url().startsWith(`${origin}/api/test/`));
      await page.getByRole('button', { name: /send/i }).first().click();
      expect((await sent).status()).toBe(200);
      // Late work (lazy styles, images) gets a moment before the page is judged.
      await page.waitForTimeout(500);

      expect(problems).toEqual([]);
      expect(requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'))).toEqual([]);
      const prefix = path.slice(0, -'docs'.length);
      expect(requests).toEqual(
        expect.arrayContaining([
          `${origin}${prefix}docs/init.js`,
          expect.stringMatching(new RegExp(`^${origin}${prefix}docs/scalar\\.[0-9a-f]+\\.js$`)),
          `${origin}${prefix}openapi.json`,
        ]),
      );
      // Scalar's "open in client.scalar.com" button would hand our document's URL to a third party.
      expect(await page.locator('a[href*="client.scalar.com"]').count()).toBe(0);
      await context.close();
    }, 90_000);
  }
});
