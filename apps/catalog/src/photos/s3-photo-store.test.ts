import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidPhotoKey, newPhotoStem, PHOTO_CONTENT_TYPE, photoKey } from './photo-key.ts';
import type { PhotoStore } from './photo-store.ts';
import { createS3PhotoStore, type S3PhotoStoreSettings } from './s3-photo-store.ts';

// A real S3-compatible server (s3rver: the S3 REST API over HTTP, objects on disk) in this
// process. It speaks path-style like Garage. Its limits: it checks the access key id but
// not SigV4 signatures, so a wrong secret or region is NOT caught here (see README).
const BUCKET = 'fruitables-photos';
let server: S3rver;
let dir: string;
let settings: S3PhotoStoreSettings;
let store: PhotoStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 's3rver-'));
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const { port } = await server.run();
  settings = {
    endpoint: `http://127.0.0.1:${port}`,
    bucket: BUCKET,
    region: 'garage',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
  };
  store = createS3PhotoStore(settings);
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the S3 photo store', () => {
  it('writes, reads and deletes an object with its content type', async () => {
    const key = photoKey(newPhotoStem(), 1280);
    const bytes = new Uint8Array([0x52, 0x49, 0x46, 0x46, 9, 8, 7, 6]);
    expect(await store.get(key)).toBeNull();
    await store.put(key, bytes, PHOTO_CONTENT_TYPE);
    expect(await store.get(key)).toEqual({ bytes, contentType: PHOTO_CONTENT_TYPE });
    // Path-style, as Garage serves it: <endpoint>/<bucket>/<key>.
    const direct = await fetch(`${settings.endpoint}/${BUCKET}/${key}`);
    expect(direct.headers.get('content-type')).toBe(PHOTO_CONTENT_TYPE);
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    await store.delete(key);
  });

  it('refuses keys that are not our random names before any request', async () => {
    for (const key of ['../../etc/passwd', '../other-bucket/x.webp', 'photo.jpg', `${newPhotoStem()}-640.svg`]) {
      await expect(store.get(key)).rejects.toThrow(InvalidPhotoKey);
      await expect(store.put(key, new Uint8Array([1]), PHOTO_CONTENT_TYPE)).rejects.toThrow(InvalidPhotoKey);
      await expect(store.delete(key)).rejects.toThrow(InvalidPhotoKey);
    }
  });

  it('surfaces server errors instead of answering "missing"', async () => {
    const wrongBucket = createS3PhotoStore({ ...settings, bucket: 'no-such-bucket' });
    await expect(
      wrongBucket.put(photoKey(newPhotoStem(), 320), new Uint8Array([1]), PHOTO_CONTENT_TYPE),
    ).rejects.toThrow();
    const unknownKey = createS3PhotoStore({ ...settings, accessKeyId: 'NOT-A-KEY' });
    await expect(unknownKey.get(photoKey(newPhotoStem(), 320))).rejects.toThrow();
  });
});
