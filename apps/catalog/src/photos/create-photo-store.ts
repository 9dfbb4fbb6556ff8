import { createFsPhotoStore } from './fs-photo-store.ts';
import type { PhotoStore } from './photo-store.ts';
import { createS3PhotoStore, type S3PhotoStoreSettings } from './s3-photo-store.ts';

/** Which store the deployment asked for (see `photoStorageFrom` in env.ts). */
export type PhotoStorageConfig = { kind: 'fs'; dir: string } | ({ kind: 's3' } & S3PhotoStoreSettings);

export function createPhotoStore(config: PhotoStorageConfig): PhotoStore {
  if (config.kind === 's3') {
    const { kind: _, ...settings } = config;
    return createS3PhotoStore(settings);
  }
  return createFsPhotoStore(config.dir);
}
