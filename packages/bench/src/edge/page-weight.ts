import { moduleImportsOf, moduleScriptsOf, stylesheetsOf } from './page-assets.ts';
import { getRaw } from './raw-http.ts';

/** A page's first view: HTML, its stylesheets and every module script it loads, compressed. */
export interface PageWeight {
  path: string;
  html: number;
  css: number;
  js: number;
  total: number;
  /** The compressed page itself, for a static copy of exactly the same size. */
  page: { wire: Buffer; encoding: string | null };
}

/**
 * What a phone downloads on its first visit to `path`, images excluded: the HTML, each
 * stylesheet, and the module graph of its scripts (entry points and the chunks they
 * import), as compressed bytes on the wire.
 */
export async function measurePageWeight(edgeUrl: string, path: string): Promise<PageWeight> {
  const page = await getRaw(`${edgeUrl}${path}`);
  if (page.status !== 200) throw new Error(`${path} answered ${page.status}`);
  let css = 0;
  for (const href of stylesheetsOf(page.text)) css += (await getRaw(`${edgeUrl}${href}`)).wire.length;
  let js = 0;
  const seen = new Set<string>();
  const queue = moduleScriptsOf(page.text);
  for (let script = queue.shift(); script !== undefined; script = queue.shift()) {
    if (seen.has(script)) continue;
    seen.add(script);
    const response = await getRaw(`${edgeUrl}${script}`);
    js += response.wire.length;
    queue.push(...moduleImportsOf(response.text));
  }
  const html = page.wire.length;
  const encoding = page.headers['content-encoding'];
  return {
    path,
    html,
    css,
    js,
    total: html + css + js,
    page: { wire: page.wire, encoding: typeof encoding === 'string' ? encoding : null },
  };
}
