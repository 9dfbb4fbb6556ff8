/**
 * The docs page's policy. Only this origin may supply scripts, and there are no inline
 * scripts: the page is served on the shop's origin (the edge maps /api/<name>/docs), where
 * shoppers' tokens live, so neither a CDN nor an injected tag may run code there. Styles
 * may be inline because the bundle injects its stylesheet as a <style> element; images and
 * fonts may be data: URLs, which the bundle embeds for icons.
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The docs page. Every URL is relative to the page at `/docs`: directly it resolves to
 * /docs/... and /openapi.json, through the edge to /api/<name>/docs/... and
 * /api/<name>/openapi.json, so the same HTML works at both addresses.
 */
export function renderDocsPage(title: string, bundleFileName: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(title)}</title>
    <!-- No icon: otherwise the browser asks for /favicon.ico, which no service has. -->
    <link rel="icon" href="data:," />
  </head>
  <body>
    <div id="app"></div>
    <script src="./docs/init.js"></script>
    <script src="./docs/${escapeHtml(bundleFileName)}"></script>
  </body>
</html>
`;
}

/**
 * Our own start-up script (the CSP allows no inline one). It runs before the bundle and
 * mounts the reference once the page has loaded. `openapi.json` is resolved against the
 * page, like the script URLs.
 *
 * Zod, inside the bundle, probes whether it may compile validators with `Function('')`;
 * the CSP refuses that (as it should) and each page view would report a violation, so Zod
 * is told up front not to try (`jitless`, read from this global when the bundle loads).
 * Everything that would reach a third party is switched off: the default web fonts
 * (fonts.scalar.com), telemetry and the AI agent (the CSP would refuse them anyway, but
 * as console errors), and the button that opens this document in client.scalar.com (a
 * link, which no CSP stops, handing a third party our document's URL).
 */
export const DOCS_INIT_SCRIPT = `globalThis.__zod_globalConfig = { jitless: true };
document.addEventListener('DOMContentLoaded', () => {
  Scalar.createApiReference('#app', {
    url: 'openapi.json',
    withDefaultFonts: false,
    telemetry: false,
    agent: { disabled: true },
    showDeveloperTools: 'never',
    hideClientButton: true,
  });
});
`;
