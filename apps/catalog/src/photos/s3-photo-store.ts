import { assertPhotoContentType, assertPhotoKey, PHOTO_CONTENT_TYPE } from './photo-key.ts';
import type { PhotoStore } from './photo-store.ts';

/** Where the bucket is and who we are to it; all from the environment (see `env.ts`). */
export interface S3PhotoStoreSettings {
  /** e.g. `http://garage.garage.svc.cluster.local:3900` for Garage's S3 API. */
  endpoint: string;
  bucket: string;
  /** Garage's default is `garage`; it must match the server's `s3_region`, or signatures fail. */
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

const isNoSuchKey = (error: unknown) =>
  error instanceof Error && 'code' in error && (error.code === 'NoSuchKey' || error.code === 'ENOENT');

/**
 * Photos in an S3-compatible bucket through Bun's built-in client. Path-style addressing
 * (`<endpoint>/<bucket>/<key>`, Bun's default): Garage serves virtual-hosted buckets only
 * with a root domain configured, and path-style works everywhere. Every variant is WebP
 * (the key says so), so reads need no second request for the stored content type.
 */
export function createS3PhotoStore(settings: S3PhotoStoreSettings): PhotoStore {
  const client = new Bun.S3Client({
    endpoint: settings.endpoint,
    bucket: settings.bucket,
    region: settings.region,
    accessKeyId: settings.accessKeyId,
    secretAccessKey: settings.secretAccessKey,
    virtualHostedStyle: false,
  });
  return {
    async put(key, bytes, contentType) {
      assertPhotoKey(key);
      assertPhotoContentType(contentType);
      await client.write(key, bytes, { type: contentType });
    },
    async get(key) {
      assertPhotoKey(key);
      try {
        return { bytes: await client.file(key).bytes(), contentType: PHOTO_CONTENT_TYPE };
      } catch (error) {
        if (isNoSuchKey(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      assertPhotoKey(key);
      // DeleteObject succeeds for a missing key, which is what the interface promises.
      await client.delete(key);
    },
  };
}
