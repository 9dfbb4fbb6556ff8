import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPageStore } from './page-store.ts';
import type { RenderedPage } from './rendered-page.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function store() {
  const dir = mkdtempSync(join(tmpdir(), 'page-store-'));
  dirs.push(dir);
  return { dir, store: createPageStore(dir) };
}

const html = (path: string, body: string): RenderedPage => ({
  path,
  body,
  contentType: 'text/html; charset=utf-8',
  keys: ['site'],
  cache: 'page',
});

describe('the page store', () => {
  it('switches whole builds at once and keeps only the live and the previous one', async () => {
    const { dir, store: pages } = store();
    await pages.replaceAll([html('/', 'one')]);
    const first = pages.currentDir();
    await pages.replaceAll([html('/', 'two')]);
    await pages.replaceAll([html('/', 'three')]);
    expect(readdirSync(join(dir, 'builds'))).toHaveLength(2);
    expect(first && existsSync(first)).toBe(false);
    const entry = pages.lookup('/');
    expect(entry && readFileSync(entry.file, 'utf8')).toBe('three');
    expect(readFileSync(join(dir, 'current', 'index.html'), 'utf8')).toBe('three');
  });

  it('rewrites single pages in place with a new ETag, and forgets removed ones', async () => {
    const { store: pages } = store();
    await pages.replaceAll([html('/products/a/', 'old'), html('/products/b/', 'b')]);
    const before = pages.lookup('/products/a/')?.etag;
    await pages.write([html('/products/a/', 'new')]);
    const after = pages.lookup('/products/a/');
    expect(after?.etag).not.toBe(before);
    expect(after && readFileSync(after.file, 'utf8')).toBe('new');
    await pages.remove(['/products/b/']);
    expect(pages.lookup('/products/b/')).toBeUndefined();
  });

  it('looks Korean paths up encoded or not, and stores odd names under a hash inside the build', async () => {
    const { store: pages } = store();
    await pages.replaceAll([
      html('/fruits/%EC%82%AC%EA%B3%BC/', '사과'),
      html(`/fruits/${encodeURIComponent('../x')}/`, 'x'),
    ]);
    expect(pages.lookup('/fruits/사과/')).toBeDefined();
    expect(pages.lookup('/fruits/%EC%82%AC%EA%B3%BC/')?.file).toMatch(/fruits\/사과\/index\.html$/);
    const odd = pages.lookup(`/fruits/${encodeURIComponent('../x')}/`);
    expect(odd?.file.startsWith(pages.currentDir() ?? '-')).toBe(true);
    expect(odd?.file).toMatch(/\/_\/[a-z0-9]+$/);
    expect(pages.lookup('/fruits/%E0%A4%A/')).toBeUndefined();
  });
});
