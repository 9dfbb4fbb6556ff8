// The files a page makes a browser fetch from /assets/ (scripts, stylesheets, the icon), and
// the chunks Bun's minified ES modules import: `import{a}from"/assets/chunk-….js"`, `import"…"`.
const ASSET_ATTRIBUTES = /(?:src|href)="(\/assets\/[^"]+)"/g;
const STYLESHEETS = /<link rel="stylesheet" href="([^"]+)"/g;
const MODULE_SCRIPTS = /<script type="module" src="([^"]+)"/g;
const STATIC_IMPORTS = /(?:from|import)\s*"(\/assets\/[^"]+\.js)"/g;

const all = (text: string, pattern: RegExp): string[] => [...text.matchAll(pattern)].flatMap((m) => m[1] ?? []);

export const assetReferences = (html: string): string[] => all(html, ASSET_ATTRIBUTES);
export const stylesheetsOf = (html: string): string[] => all(html, STYLESHEETS);
export const moduleScriptsOf = (html: string): string[] => all(html, MODULE_SCRIPTS);
export const moduleImportsOf = (js: string): string[] => all(js, STATIC_IMPORTS);
