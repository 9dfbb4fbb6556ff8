import { describe, expect, it } from 'vitest';
import { createTestServiceApp } from '../testing/index.ts';
import { DOCS_CONTENT_SECURITY_POLICY } from './docs-page.ts';
import { createScalarBundleLoader } from './scalar-bundle.ts';

// The real bundle, as the apps below load it (each app has its own loader, as a service does).
const loadBundle = createScalarBundleLoader();

async function docsPage() {
  const app = createTestServiceApp();
  const res = await app.request('/docs');
  return { app, res, html: await res.text() };
}

describe('the docs page', () => {
  it('loads only its own scripts, by relative URL, under a strict CSP', async () => {
    const { res, html } = await docsPage();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toBe(DOCS_CONTENT_SECURITY_POLICY);
    expect(DOCS_CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(DOCS_CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/https?:\/\//i);
    // No inline script: every <script> has a src, relative to the page; init.js first (it configures the bundle).
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.map((script) => script[1]?.match(/src="([^"]+)"/)?.[1])).toEqual([
      './docs/init.js',
      expect.stringMatching(/^\.\/docs\/scalar\.[0-9a-f]{16}\.js$/),
    ]);
    expect(scripts.every((script) => script[2]?.trim() === '')).toBe(true);
    expect(html).toContain('<title>Fruitables test API</title>');
  });

  it('serves the bundle as JavaScript, compressed, cached for good under its content name', async () => {
    const { app, html } = await docsPage();
    const bundleUrl = html.match(/src="\.\/(docs\/scalar\.[0-9a-f]+\.js)"/)?.[1];
    expect(bundleUrl).toBeDefined();
    const gzipped = await app.request(`/${bundleUrl}`, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(gzipped.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(gzipped.headers.get('vary')).toBe('accept-encoding');
    expect(gzipped.headers.get('content-security-policy')).toBe(DOCS_CONTENT_SECURITY_POLICY);
    const script = new TextDecoder().decode(Bun.gunzipSync(new Uint8Array(await gzipped.arrayBuffer())));
    expect(script).toContain('createApiReference');

    const plain = await app.request(`/${bundleUrl}`);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
  });

  it('names the bundle after its content and refuses any other name', async () => {
    const bundle = await loadBundle();
    const { app, html } = await docsPage();
    expect(html).toContain(`./docs/${bundle.fileName}`);
    const stale = await app.request('/docs/scalar.0000000000000000.js');
    expect(stale.status).toBe(404);
    expect(stale.headers.get('content-type')).toBe('application/problem+json');
    expect((await app.request('/docs/other.js')).status).toBe(404);
  });

  it('serves init.js as JavaScript that mounts the reference on the relative openapi.json', async () => {
    const res = await createTestServiceApp().request('/docs/init.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(DOCS_CONTENT_SECURITY_POLICY);
    const script = await res.text();
    expect(script).toContain("url: 'openapi.json'");
    expect(script).not.toMatch(/https?:\/\//);
  });

  it('reads the bundle only when asked, once, and tries again after a failed read', async () => {
    let reads = 0;
    let path = '/nonexistent/standalone.js';
    const load = createScalarBundleLoader(() => {
      reads += 1;
      return path;
    });
    expect(reads).toBe(0);
    await expect(load()).rejects.toThrow();
    path = (await loadBundle()).path;
    const [first, second] = await Promise.all([load(), load()]);
    expect(first).toBe(second);
    await load();
    expect(reads).toBe(2);
  });
});
