import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The layout every service follows (root README, "Layout"): feature folders over a shared
 * `src/domain/`, test helpers in `src/testing/`. The domain is the bottom layer: it loads no
 * HTTP and reaches no feature folder above it, so it can run in a route, an event consumer or
 * a command-line tool alike. These checks read import specifiers as text; they run with the
 * unit tests and fail with the file and the import that broke the rule.
 */

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const apps = readdirSync(join(repo, 'apps'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => join(repo, 'apps', entry.name));

const sourceFile = /\.tsx?$/;
const testFile = /\.test\.tsx?$/;

function filesUnder(folder: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(folder, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries.filter((path) => sourceFile.test(path)).map((path) => join(folder, path));
}

/** Every module specifier a file imports or re-exports, static or dynamic. */
function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  for (const match of source.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"]+)['"]/g)) {
    if (match[1] !== undefined) specifiers.push(match[1]);
  }
  return specifiers;
}

/** Packages that are HTTP: the kit's main entry (Hono app, middleware, problem responses) and Hono itself. */
const httpPackage = (specifier: string) =>
  specifier === '@fruitables/kit' ||
  specifier === '@fruitables/kit/testing' ||
  specifier === 'hono' ||
  specifier.startsWith('hono/') ||
  specifier.startsWith('@hono/');

const show = (path: string) => relative(repo, path).split(sep).join('/');

/** The domain's production files (its tests may use the service's harness and HTTP client). */
const domainFiles = apps.flatMap((app) =>
  filesUnder(join(app, 'src', 'domain')).filter((path) => !testFile.test(path)),
);

describe('the service layout', () => {
  it('finds the domain folders it checks', () => {
    expect(domainFiles.length).toBeGreaterThan(0);
  });

  it('keeps HTTP out of the domain: no @fruitables/kit (use @fruitables/kit/tokens), no Hono', () => {
    const offending = domainFiles.flatMap((path) =>
      importsOf(readFileSync(path, 'utf8'))
        .filter(httpPackage)
        .map((specifier) => `${show(path)} imports ${specifier}`),
    );
    expect(offending).toEqual([]);
  });

  it('never lets the domain import a feature folder above it', () => {
    const offending = domainFiles.flatMap((path) => {
      const domain = join(path.slice(0, path.indexOf(`${sep}src${sep}domain${sep}`)), 'src', 'domain');
      return importsOf(readFileSync(path, 'utf8'))
        .filter((specifier) => specifier.startsWith('.'))
        .filter((specifier) => {
          const target = resolve(dirname(path), specifier);
          return target !== domain && !target.startsWith(`${domain}${sep}`);
        })
        .map((specifier) => `${show(path)} imports ${specifier}`);
    });
    expect(offending).toEqual([]);
  });

  it('keeps test helpers in src/testing/: only tests and helpers there import vitest or a harness', () => {
    const offending = apps.flatMap((app) =>
      filesUnder(join(app, 'src'))
        .filter((path) => !testFile.test(path) && !path.includes(`${sep}src${sep}testing${sep}`))
        .filter((path) =>
          importsOf(readFileSync(path, 'utf8')).some(
            (specifier) => specifier === 'vitest' || /\/testing\/|^\.\/testing\.ts$|\/testing$/.test(specifier),
          ),
        )
        .map(show),
    );
    // A package's `./testing` entry (src/testing.ts) re-exports its helpers for other packages.
    expect(offending.filter((path) => !path.endsWith('/src/testing.ts'))).toEqual([]);
  });

  it('keeps the kit/tokens entry free of Hono, so the domain can use the token contract', () => {
    const seen = new Set<string>();
    const offending: string[] = [];
    const visit = (path: string) => {
      if (seen.has(path)) return;
      seen.add(path);
      for (const specifier of importsOf(readFileSync(path, 'utf8'))) {
        if (specifier.startsWith('.')) visit(resolve(dirname(path), specifier));
        else if (httpPackage(specifier)) offending.push(`${show(path)} imports ${specifier}`);
      }
    };
    visit(fileURLToPath(new URL('./tokens.ts', import.meta.url)));
    expect(seen.size).toBeGreaterThan(1);
    expect(offending).toEqual([]);
  });

  it('reads the imports a file can make', () => {
    const source = [
      "import { a } from '../photos/list.ts';",
      "import type { B } from 'hono';",
      "export { c } from './c.ts';",
      "const d = await import('../search/d.ts');",
      "import './side-effect.ts';",
    ].join('\n');
    expect(importsOf(source)).toEqual(['../photos/list.ts', 'hono', './c.ts', '../search/d.ts', './side-effect.ts']);
  });
});
