import type { Browser } from 'playwright-core';
import { newPhone } from './browser.ts';

/** What a shopper's phone downloads and does on a first visit to one page (empty cache). */
export interface FirstView {
  url: string;
  /** Compressed bytes on the wire (bodies, as the edge sent them), by kind; images are not counted. */
  bytes: { html: number; css: number; js: number; total: number };
  /** Every response that was counted, for the report. */
  files: { url: string; type: string; bytes: number; encoding: string | null }[];
  /** Scripts that hold up rendering: classic `<script src>` without `defer` or `async`. */
  renderBlockingScripts: string[];
  /** Web fonts fetched (the shop uses the phone's own Korean fonts: none). */
  fontRequests: string[];
  /** Images without width and height attributes (they would shift the page when they load). */
  imagesWithoutSize: string[];
  /** Cumulative layout shift while loading, from the browser's own layout-shift entries. */
  layoutShift: number;
  /** Body `word-break`, which should be `keep-all` so Korean words never break mid-word. */
  wordBreak: string;
}

const counted: Record<string, keyof Omit<FirstView['bytes'], 'total'>> = {
  document: 'html',
  stylesheet: 'css',
  script: 'js',
};

// Runs before any page script (and outside the page's CSP): collects layout shifts from the start.
const OBSERVE_LAYOUT_SHIFTS = `
  window.__layoutShift = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShift += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
`;

/** Loads `url` in a fresh phone (nothing cached) and measures its first view. */
export async function measureFirstView(browser: Browser, url: string): Promise<FirstView> {
  const context = await newPhone(browser);
  try {
    const page = await context.newPage();
    await page.addInitScript(OBSERVE_LAYOUT_SHIFTS);
    const files: FirstView['files'] = [];
    const fontRequests: string[] = [];
    const pending: Promise<void>[] = [];
    page.on('response', (response) => {
      const request = response.request();
      const type = request.resourceType();
      if (type === 'font') fontRequests.push(request.url());
      if (!(type in counted)) return;
      pending.push(
        request.sizes().then((sizes) => {
          files.push({
            url: request.url(),
            type,
            bytes: sizes.responseBodySize,
            encoding: response.headers()['content-encoding'] ?? null,
          });
        }),
      );
    });
    await page.goto(url, { waitUntil: 'load' });
    await Promise.all(pending);
    const inPage = await page.evaluate(() => ({
      renderBlockingScripts: [...document.querySelectorAll('script[src]')]
        .filter((script) => script.getAttribute('type') !== 'module' && !script.hasAttribute('defer'))
        .filter((script) => !script.hasAttribute('async'))
        .map((script) => script.getAttribute('src') ?? ''),
      imagesWithoutSize: [...document.querySelectorAll('img')]
        .filter((image) => !image.getAttribute('width') || !image.getAttribute('height'))
        .map((image) => image.currentSrc || image.src),
      layoutShift: (window as unknown as { __layoutShift: number }).__layoutShift,
      wordBreak: getComputedStyle(document.body).wordBreak,
    }));
    const sum = (kind: keyof Omit<FirstView['bytes'], 'total'>) =>
      files.filter((file) => counted[file.type] === kind).reduce((total, file) => total + file.bytes, 0);
    const bytes = { html: sum('html'), css: sum('css'), js: sum('js'), total: 0 };
    bytes.total = bytes.html + bytes.css + bytes.js;
    return { url, bytes, files, fontRequests, ...inPage };
  } finally {
    await context.close();
  }
}
