import { EnvError } from '@fruitables/kit';
import { z } from 'zod';
import type { PhotoStorageConfig } from './photos/create-photo-store.ts';

/**
 * catalog's own variables, on top of the ones the kit's service runner adds to every service
 * (PORT, DATABASE_URL, DB_POOL_MAX, CONSUMER_NAME, METRICS_PORT…) and, because catalog
 * verifies tokens, AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE.
 */
export const catalogEnvShape = {
  /** How long a checkout's hold keeps stock when the caller names no TTL. */
  CATALOG_HOLD_TTL_SECONDS: z.coerce.number().int().min(30).max(3_600).default(900),
  /** How often overdue holds are expired and their boxes put back on sale. */
  CATALOG_EXPIRY_SWEEP_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** How often offers whose lots aged out of sale are re-announced (StockLevelChanged). */
  CATALOG_AGE_OUT_SWEEP_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(300_000),
  /** Days a lot stays on sale when its fruit has no row in `fruit_max_ages`. */
  CATALOG_DEFAULT_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Where photo variants go: `fs`, a directory (local runs), or `s3`, a bucket (K3s: Garage). */
  CATALOG_PHOTO_STORAGE: z.enum(['fs', 's3']).default('fs'),
  /**
   * The directory for `fs`, relative to the working directory unless absolute. The default
   * sits in a `.fruitables/` folder, which git ignores wherever it is; `./fruitables up`
   * sets its own (see dev-env.ts). Created on the first upload.
   */
  CATALOG_PHOTO_DIR: z.string().min(1).default('.fruitables/catalog-photos'),
  /** For `s3`, all five are required (see `photoStorageFrom`); Garage's S3 API is usually port 3900. */
  CATALOG_S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  CATALOG_S3_BUCKET: z.string().min(1).optional(),
  /** Must match the server's region (Garage: `s3_region`, `garage` by default), or every signature fails. */
  CATALOG_S3_REGION: z.string().min(1).optional(),
  CATALOG_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  CATALOG_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
};

type CatalogEnv = z.infer<z.ZodObject<typeof catalogEnvShape>>;
type S3Variable =
  | 'CATALOG_S3_ENDPOINT'
  | 'CATALOG_S3_BUCKET'
  | 'CATALOG_S3_REGION'
  | 'CATALOG_S3_ACCESS_KEY_ID'
  | 'CATALOG_S3_SECRET_ACCESS_KEY';

/**
 * The photo storage the deployment asked for, checked across variables: `s3` without its
 * bucket or credentials is refused at boot, naming every missing variable, rather than
 * discovered by the first farmer who uploads a photo.
 */
export function photoStorageFrom(
  env: Pick<CatalogEnv, 'CATALOG_PHOTO_STORAGE' | 'CATALOG_PHOTO_DIR' | S3Variable>,
): PhotoStorageConfig {
  if (env.CATALOG_PHOTO_STORAGE === 'fs') return { kind: 'fs', dir: env.CATALOG_PHOTO_DIR };
  const problems: string[] = [];
  const required = (name: S3Variable): string => {
    const value = env[name];
    if (!value) problems.push(`${name} is required when CATALOG_PHOTO_STORAGE=s3`);
    return value ?? '';
  };
  const settings = {
    endpoint: required('CATALOG_S3_ENDPOINT'),
    bucket: required('CATALOG_S3_BUCKET'),
    region: required('CATALOG_S3_REGION'),
    accessKeyId: required('CATALOG_S3_ACCESS_KEY_ID'),
    secretAccessKey: required('CATALOG_S3_SECRET_ACCESS_KEY'),
  };
  if (problems.length > 0) throw new EnvError(problems);
  return { kind: 's3', ...settings };
}
