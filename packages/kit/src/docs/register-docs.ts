import type { OpenAPIHono } from '@hono/zod-openapi';
import type { KitEnv } from '../types.ts';
import { DOCS_CONTENT_SECURITY_POLICY, DOCS_INIT_SCRIPT, renderDocsPage } from './docs-page.ts';
import { createScalarBundleLoader, type ScalarBundle } from './scalar-bundle.ts';

export interface DocsOptions {
  /** The page title, e.g. "Fruitables catalog API". */
  title: string;
  /** Where the docs UI comes from; by default the pinned @scalar/api-reference bundle. */
  loadBundle?: () => Promise<ScalarBundle>;
}

const JAVASCRIPT = 'text/javascript; charset=utf-8';
// Public so the edge keeps one copy for everyone; the name changes with the content.
const FOREVER = 'public, max-age=31536000, immutable';

/**
 * `/docs`, the API reference for the service's `/openapi.json`, with every asset served
 * by the service itself under a strict CSP: nothing is loaded from another origin.
 * The page and init.js are revalidated on every visit, so a release reaches browsers at
 * once; the bundle's name changes with its content, so browsers and the edge keep it.
 */
export function registerDocsRoutes(app: OpenAPIHono<KitEnv>, options: DocsOptions): void {
  const loadBundle = options.loadBundle ?? createScalarBundleLoader();

  app.get('/docs', async (c) => {
    const bundle = await loadBundle();
    c.header('content-security-policy', DOCS_CONTENT_SECURITY_POLICY);
    c.header('cache-control', 'no-cache');
    return c.html(renderDocsPage(options.title, bundle.fileName));
  });

  app.get('/docs/init.js', (c) => {
    c.header('content-security-policy', DOCS_CONTENT_SECURITY_POLICY);
    c.header('cache-control', 'no-cache');
    c.header('content-type', JAVASCRIPT);
    return c.body(DOCS_INIT_SCRIPT);
  });

  app.get('/docs/:file{scalar\\.[0-9a-f]+\\.js}', async (c) => {
    const bundle = await loadBundle();
    // An older name (a page from before a release) is not this content: never serve it under that name.
    if (c.req.param('file') !== bundle.fileName) return c.notFound();
    c.header('content-security-policy', DOCS_CONTENT_SECURITY_POLICY);
    c.header('cache-control', FOREVER);
    c.header('content-type', JAVASCRIPT);
    c.header('vary', 'accept-encoding');
    if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
      c.header('content-encoding', 'gzip');
      return c.body(bundle.gzipped);
    }
    return c.body(Bun.file(bundle.path).stream());
  });
}
