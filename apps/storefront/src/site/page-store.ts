import { mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pageKey } from './paths.ts';
import type { CachePolicy, RenderedPage } from './rendered-page.ts';

/** What the origin needs to answer for one path, without touching the disk until it sends the body. */
export interface PageEntry {
  file: string;
  contentType: string;
  /** Space-separated surrogate keys, as the `xkey` header carries them. */
  keys: string;
  etag: string;
  cache: CachePolicy;
  csp?: 'payment';
}

export interface PageStore {
  lookup(requestPath: string): PageEntry | undefined;
  /** Writes a whole new build beside the current one, then switches to it in one step. */
  replaceAll(pages: RenderedPage[]): Promise<void>;
  /** Rewrites some pages in place, each atomically (a reader sees the old file or the new one). */
  write(pages: RenderedPage[]): Promise<void>;
  remove(paths: string[]): Promise<void>;
  /** The folder the current build lives in (for tests and operators). */
  currentDir(): string | null;
  size(): number;
}

const SAFE_SEGMENT = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;
const WRITE_CONCURRENCY = 64;

/**
 * Where a path's file lives inside a build: `/products/<id>/` → `products/<id>/index.html`.
 * Names that would be unsafe on disk (a fruit called `../x`) are stored under a hash instead.
 */
function fileFor(path: string): string {
  const key = pageKey(path) ?? path;
  const segments = key.split('/').filter(Boolean);
  const name = key.endsWith('/') ? [...segments, 'index.html'] : segments;
  if (name.length > 0 && segments.every((segment) => SAFE_SEGMENT.test(segment))) return name.join('/');
  return `_/${Bun.hash(key).toString(36)}`;
}

const bytesOf = (body: string | Uint8Array<ArrayBuffer>) => (typeof body === 'string' ? Buffer.from(body) : body);

async function writeAtomically(file: string, body: string | Uint8Array<ArrayBuffer>): Promise<void> {
  const temporary = `${file}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  await writeFile(temporary, body);
  // rename(2) replaces the target in one step: a concurrent reader never sees half a page.
  await rename(temporary, file);
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) {
    await Promise.all(items.slice(start, start + size).map(work));
  }
}

/**
 * The built site on disk plus an in-memory index of it. The origin serves only what the
 * index holds (never an arbitrary path under the folder), so nothing outside the build is
 * reachable however a URL is spelled.
 */
export function createPageStore(root: string): PageStore {
  const buildsDir = join(root, 'builds');
  const currentLink = join(root, 'current');
  let index = new Map<string, PageEntry>();
  let current: string | null = null;

  const entryFor = (dir: string, page: RenderedPage): PageEntry => ({
    file: join(dir, fileFor(page.path)),
    contentType: page.contentType,
    keys: page.keys.join(' '),
    etag: `"${Bun.hash(page.body).toString(36)}"`,
    cache: page.cache,
    ...(page.csp ? { csp: page.csp } : {}),
  });

  const keyOf = (path: string): string => {
    const key = pageKey(path);
    if (key === null) throw new Error(`not a valid page path: ${path}`);
    return key;
  };

  async function writeAll(dir: string, pages: RenderedPage[], into: Map<string, PageEntry>): Promise<void> {
    const entries = pages.map((page) => ({ page, entry: entryFor(dir, page) }));
    for (const folder of new Set(entries.map(({ entry }) => dirname(entry.file)))) {
      await mkdir(folder, { recursive: true });
    }
    await inBatches(entries, WRITE_CONCURRENCY, ({ page, entry }) => writeAtomically(entry.file, bytesOf(page.body)));
    for (const { page, entry } of entries) into.set(keyOf(page.path), entry);
  }

  return {
    lookup: (requestPath) => {
      const key = pageKey(requestPath);
      return key === null ? undefined : index.get(key);
    },
    async replaceAll(pages) {
      mkdirSync(buildsDir, { recursive: true });
      const dir = join(buildsDir, `${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 6)}`);
      const next = new Map<string, PageEntry>();
      await writeAll(dir, pages, next);
      // The link says which build is live for anyone looking at the folder (and survives a
      // restart for inspection); the process itself switches by swapping its index.
      const link = `${currentLink}.${crypto.randomUUID().slice(0, 8)}`;
      symlinkSync(dir, link);
      await rename(link, currentLink);
      const previous = current;
      index = next;
      current = dir;
      // Older builds go once nothing can be reading them: the previous one stays one more
      // round, for a request that looked up its entry just before the switch.
      for (const name of readdirSync(buildsDir)) {
        const path = join(buildsDir, name);
        if (path !== dir && path !== previous) rmSync(path, { recursive: true, force: true });
      }
    },
    async write(pages) {
      if (current === null) throw new Error('write before the first full build');
      await writeAll(current, pages, index);
    },
    async remove(paths) {
      for (const path of paths) {
        const key = pageKey(path);
        const entry = key === null ? undefined : index.get(key);
        if (!entry || key === null) continue;
        index.delete(key);
        await rm(entry.file, { force: true });
      }
    },
    currentDir: () => current,
    size: () => index.size,
  };
}
