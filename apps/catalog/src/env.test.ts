import { EnvError, parseEnv } from '@fruitables/kit';
import { describe, expect, it } from 'vitest';
import { catalogEnvShape, photoStorageFrom } from './env.ts';

const storage = (variables: Record<string, string>) => photoStorageFrom(parseEnv(catalogEnvShape, variables));

const s3 = {
  CATALOG_PHOTO_STORAGE: 's3',
  CATALOG_S3_ENDPOINT: 'http://garage.garage.svc.cluster.local:3900',
  CATALOG_S3_BUCKET: 'fruitables-photos',
  CATALOG_S3_REGION: 'garage',
  CATALOG_S3_ACCESS_KEY_ID: 'GK0123',
  CATALOG_S3_SECRET_ACCESS_KEY: 'secret',
};

function problemsOf(read: () => unknown): string[] {
  try {
    read();
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe('photo storage settings from the environment', () => {
  it('default to a directory under the working directory, in a folder git ignores', () => {
    expect(storage({})).toEqual({ kind: 'fs', dir: '.fruitables/catalog-photos' });
    expect(storage({ CATALOG_PHOTO_DIR: '/var/lib/photos' })).toEqual({ kind: 'fs', dir: '/var/lib/photos' });
  });

  it('take an S3-compatible bucket with all its settings', () => {
    expect(storage(s3)).toEqual({
      kind: 's3',
      endpoint: 'http://garage.garage.svc.cluster.local:3900',
      bucket: 'fruitables-photos',
      region: 'garage',
      accessKeyId: 'GK0123',
      secretAccessKey: 'secret',
    });
  });

  it('refuse s3 without its settings, naming every missing variable at once', () => {
    expect(problemsOf(() => storage({ CATALOG_PHOTO_STORAGE: 's3', CATALOG_S3_BUCKET: 'b' }))).toEqual([
      'CATALOG_S3_ENDPOINT is required when CATALOG_PHOTO_STORAGE=s3',
      'CATALOG_S3_REGION is required when CATALOG_PHOTO_STORAGE=s3',
      'CATALOG_S3_ACCESS_KEY_ID is required when CATALOG_PHOTO_STORAGE=s3',
      'CATALOG_S3_SECRET_ACCESS_KEY is required when CATALOG_PHOTO_STORAGE=s3',
    ]);
  });

  it('refuse an unknown storage kind and an endpoint that is not an http(s) URL', () => {
    expect(problemsOf(() => storage({ CATALOG_PHOTO_STORAGE: 'ftp' }))).toEqual([
      expect.stringMatching(/^CATALOG_PHOTO_STORAGE: /),
    ]);
    expect(problemsOf(() => storage({ ...s3, CATALOG_S3_ENDPOINT: 'garage:3900' }))).toEqual([
      'CATALOG_S3_ENDPOINT: must be an http(s) URL',
    ]);
  });
});
