import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { assertPhotoContentType, assertPhotoKey, PHOTO_CONTENT_TYPE } from './photo-key.ts';
import type { PhotoStore } from './photo-store.ts';

const isMissing = (error: unknown) => error instanceof Error && 'code' in error && error.code === 'ENOENT';

/**
 * Photos as files in one directory (local runs and tests; a volume would do on a single
 * replica). Keys are checked against our name format before any path is built, and that
 * format has no separator or dot segment, so a key can only name a file directly inside
 * `dir`. The directory is created on the first write, so a service that never stores a
 * photo leaves nothing behind.
 */
export function createFsPhotoStore(dir: string): PhotoStore {
  const root = resolve(dir);
  const pathOf = (key: string) => {
    assertPhotoKey(key);
    return join(root, key);
  };
  return {
    async put(key, bytes, contentType) {
      const path = pathOf(key);
      assertPhotoContentType(contentType);
      await mkdir(root, { recursive: true });
      // Write a temporary file, flush it, then rename: readers see the whole file or none,
      // even if the process dies halfway. The dot prefix never matches a photo key.
      const temporary = join(root, `.${crypto.randomUUID()}.tmp`);
      try {
        const handle = await open(temporary, 'wx', 0o640);
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temporary, path);
      } catch (error) {
        await unlink(temporary).catch(() => {});
        throw error;
      }
    },
    async get(key) {
      const path = pathOf(key);
      try {
        return { bytes: new Uint8Array(await readFile(path)), contentType: PHOTO_CONTENT_TYPE };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      const path = pathOf(key);
      try {
        await unlink(path);
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    },
  };
}
