import { systemClock } from '@fruitables/core';
import { createDrizzle, createPostgres } from '@fruitables/db';
import { createLogger, EnvError, parseEnv, serviceEnvShape } from '@fruitables/kit';
import { catalogTables } from '@fruitables/schema-catalog';
import { demoFarms } from './demo/catalog.ts';
import { loadDemoCatalog } from './demo/load.ts';
import { catalogEnvShape, photoStorageFrom } from './env.ts';
import { createPhotoStore } from './photos/create-photo-store.ts';
import { createPhotoProcessor, PHOTO_POLICY } from './photos/process-photo.ts';

// Demo data for the local stack: `./fruitables up` runs this with catalog's own environment
// (DATABASE_URL as fruitables_catalog) after migrating and before starting the service, on
// every `up`, so loading must be idempotent (see demo/load.ts). K3s never runs it.

const seedEnvShape = {
  LOG_LEVEL: serviceEnvShape.LOG_LEVEL,
  DATABASE_URL: serviceEnvShape.DATABASE_URL,
  // The same stock policy the service will apply, so "still sellable" means the same here.
  CATALOG_DEFAULT_MAX_AGE_DAYS: catalogEnvShape.CATALOG_DEFAULT_MAX_AGE_DAYS,
  CATALOG_HOLD_TTL_SECONDS: catalogEnvShape.CATALOG_HOLD_TTL_SECONDS,
  // The same photo store the service serves from, so the demo's drawn pictures are found.
  CATALOG_PHOTO_STORAGE: catalogEnvShape.CATALOG_PHOTO_STORAGE,
  CATALOG_PHOTO_DIR: catalogEnvShape.CATALOG_PHOTO_DIR,
  CATALOG_S3_ENDPOINT: catalogEnvShape.CATALOG_S3_ENDPOINT,
  CATALOG_S3_BUCKET: catalogEnvShape.CATALOG_S3_BUCKET,
  CATALOG_S3_REGION: catalogEnvShape.CATALOG_S3_REGION,
  CATALOG_S3_ACCESS_KEY_ID: catalogEnvShape.CATALOG_S3_ACCESS_KEY_ID,
  CATALOG_S3_SECRET_ACCESS_KEY: catalogEnvShape.CATALOG_S3_SECRET_ACCESS_KEY,
};

function readEnv() {
  try {
    const parsed = parseEnv(seedEnvShape, process.env);
    return { ...parsed, photoStorage: photoStorageFrom(parsed) };
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(
      JSON.stringify({ level: 'fatal', service: 'catalog', msg: 'invalid environment', problems: error.problems }),
    );
    process.exit(1);
  }
}

const env = readEnv();
const logger = createLogger({ service: 'catalog', level: env.LOG_LEVEL });
const sql = createPostgres(env.DATABASE_URL, { applicationName: 'catalog-seed', max: 2 });
const db = createDrizzle(sql, catalogTables);
const stock = { defaultMaxAgeDays: env.CATALOG_DEFAULT_MAX_AGE_DAYS, holdTtlSeconds: env.CATALOG_HOLD_TTL_SECONDS };

try {
  const pictures = {
    store: createPhotoStore(env.photoStorage),
    process: createPhotoProcessor(PHOTO_POLICY, 2),
    logger,
  };
  const created = await loadDemoCatalog({ db, clock: systemClock, stock }, demoFarms, pictures);
  logger.info({ created }, 'demo catalog loaded');
} finally {
  await sql.end({ timeout: 5 });
}
