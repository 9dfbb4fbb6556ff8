import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFsPhotoStore } from './fs-photo-store.ts';
import { InvalidPhotoKey, newPhotoStem, PHOTO_CONTENT_TYPE, photoKey } from './photo-key.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fs-photo-store-'));
  dirs.push(dir);
  return dir;
}

const bytes = new Uint8Array([0x52, 0x49, 0x46, 0x46, 1, 2, 3]);

describe('the filesystem photo store', () => {
  it('writes, reads and deletes a file under its key, creating the directory on first write', async () => {
    const dir = join(tempDir(), 'photos');
    const store = createFsPhotoStore(dir);
    const key = photoKey(newPhotoStem(), 640);
    expect(await store.get(key)).toBeNull();
    expect(existsSync(dir)).toBe(false);
    await store.put(key, bytes, PHOTO_CONTENT_TYPE);
    expect(await store.get(key)).toEqual({ bytes, contentType: PHOTO_CONTENT_TYPE });
    // The rename left exactly the file: no temporary behind.
    expect(readdirSync(dir)).toEqual([key]);
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    await store.delete(key);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses keys that are not our random names, so nothing outside the directory is reachable', async () => {
    const root = tempDir();
    const dir = join(root, 'photos');
    const store = createFsPhotoStore(dir);
    writeFileSync(join(root, 'secret.webp'), 'outside');
    const attempts = [
      '../../etc/passwd',
      '../secret.webp',
      '/etc/passwd',
      `${newPhotoStem()}-640.webp/../../secret.webp`,
      `..%2Fsecret.webp`,
      `${newPhotoStem()}-640.html`,
      `${newPhotoStem()}-0.webp`,
      `.${newPhotoStem()}-640.webp`,
      'photo.jpg',
      '',
    ];
    for (const key of attempts) {
      await expect(store.get(key)).rejects.toThrow(InvalidPhotoKey);
      await expect(store.put(key, bytes, PHOTO_CONTENT_TYPE)).rejects.toThrow(InvalidPhotoKey);
      await expect(store.delete(key)).rejects.toThrow(InvalidPhotoKey);
    }
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(join(root, 'secret.webp'))).toBe(true);
  });

  it('stores WebP only', async () => {
    const store = createFsPhotoStore(tempDir());
    await expect(store.put(photoKey(newPhotoStem(), 320), bytes, 'text/html')).rejects.toThrow(/image\/webp only/);
  });
});
