import { fileURLToPath } from 'node:url';

/** A built, content-hashed file under /assets/: cached for a year by browsers and the edge. */
export interface AssetFile {
  /** `/assets/listing-8f3k2a1x.js` */
  path: string;
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
}

export const pageScripts = [
  'site',
  'product',
  'listing',
  'search',
  'cart',
  'account',
  'console',
  'checkout',
  'payment-return',
  'orders',
  'gift-address',
] as const;
export type PageScript = (typeof pageScripts)[number];
/** Islands written with hono/jsx/dom (the console's stateful screens); the shop's are plain modules. */
const tsxScripts: ReadonlySet<PageScript> = new Set(['console']);

export interface Assets {
  /**
   * The whole stylesheet (~2 KB compressed), inlined into every page's head: a phone on a
   * slow network paints after one round trip instead of two. `hash` is its CSP source
   * (`'sha256-…'`), which the origin's Content-Security-Policy allows and nothing else.
   */
  style: { css: string; hash: string };
  /** The farmer console's own stylesheet, linked (not inlined) so shop pages stay small. */
  consoleStyle: string;
  /** Checkout's and my orders' stylesheet, linked for the same reason. */
  purchaseStyle: string;
  icon: string;
  scripts: Record<PageScript, string>;
  files: AssetFile[];
}

const clientDir = fileURLToPath(new URL('../client/', import.meta.url));

const contentTypes: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

// A pear-green leaf: the tab icon, as SVG so it costs a few hundred bytes.
const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="18" r="12" fill="#c0392b"/><path d="M16 6c2-4 7-5 9-4-1 4-5 6-9 4z" fill="#1f6b3a"/></svg>`;

async function hashOf(body: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', body);
  return Buffer.from(digest).toString('base64url').slice(0, 10).toLowerCase().replaceAll(/[-_]/g, '0');
}

/**
 * Bundles the islands (one small ES module per page kind, shared code split into chunks,
 * each named by its content hash) and the stylesheet (inlined into pages) with Bun,
 * minified. Built once per process: assets change only with a deploy.
 */
export async function buildAssets(): Promise<Assets> {
  const result = await Bun.build({
    entrypoints: [
      ...pageScripts.map((name) => `${clientDir}${name}.${tsxScripts.has(name) ? 'tsx' : 'ts'}`),
      `${clientDir}site.css`,
      `${clientDir}console.css`,
      `${clientDir}purchase.css`,
    ],
    target: 'browser',
    format: 'esm',
    minify: true,
    splitting: true,
    naming: { entry: '[name]-[hash].[ext]', chunk: 'chunk-[hash].[ext]', asset: '[name]-[hash].[ext]' },
    publicPath: '/assets/',
  });
  if (!result.success) throw new AggregateError(result.logs, 'building the storefront scripts failed');
  const files: AssetFile[] = [];
  const byEntry = new Map<string, string>();
  let css: string | null = null;
  for (const output of result.outputs) {
    const name = output.path.replace(/^\.\//, '');
    const extension = name.split('.').pop() ?? '';
    const path = `/assets/${name}`;
    if (extension === 'css' && name.startsWith('site-')) {
      css = await output.text();
      continue;
    }
    files.push({
      path,
      body: new Uint8Array(await output.arrayBuffer()),
      contentType: contentTypes[extension] ?? 'application/octet-stream',
    });
    // Bun reports CSS entry points as assets.
    if (output.kind === 'entry-point' || extension === 'css')
      byEntry.set(`${name.replace(/-[a-z0-9]+\.[a-z]+$/, '')}.${extension}`, path);
  }
  if (css === null || css.includes('</')) throw new Error('the asset build produced no stylesheet that can be inlined');
  const icon = new TextEncoder().encode(ICON);
  const iconPath = `/assets/icon-${await hashOf(icon)}.svg`;
  files.push({ path: iconPath, body: icon, contentType: contentTypes.svg ?? 'image/svg+xml' });
  const entry = (name: string): string => {
    const path = byEntry.get(name);
    if (!path) throw new Error(`the asset build produced no ${name}`);
    return path;
  };
  const scripts = Object.fromEntries(pageScripts.map((name) => [name, entry(`${name}.js`)])) as Record<
    PageScript,
    string
  >;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(css));
  const style = { css, hash: `'sha256-${Buffer.from(digest).toString('base64')}'` };
  return {
    style,
    consoleStyle: entry('console.css'),
    purchaseStyle: entry('purchase.css'),
    icon: iconPath,
    scripts,
    files,
  };
}
