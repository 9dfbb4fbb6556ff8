import { z } from 'zod';

/**
 * catalog's own variables, on top of the kit's `serviceEnvShape`. CATALOG_JWKS_URL has no
 * default on purpose: a wrong default would make every token fail (or, worse, trust the
 * wrong issuer) silently, so the deployment must say where identity's keys are.
 */
export const catalogEnvShape = {
  /** identity's key set, e.g. `http://127.0.0.1:7101/.well-known/jwks.json` locally. */
  CATALOG_JWKS_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  CATALOG_ISSUER: z.string().min(1).default('fruitables-identity'),
  CATALOG_AUDIENCE: z.string().min(1).default('fruitables'),
  CATALOG_DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /** How long a checkout's hold keeps stock when the caller names no TTL. */
  CATALOG_HOLD_TTL_SECONDS: z.coerce.number().int().min(30).max(3_600).default(900),
  /** How often overdue holds are expired and their boxes put back on sale. */
  CATALOG_EXPIRY_SWEEP_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** How often offers whose lots aged out of sale are re-announced (StockLevelChanged). */
  CATALOG_AGE_OUT_SWEEP_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(300_000),
  /** Days a lot stays on sale when its fruit has no row in `fruit_max_ages`. */
  CATALOG_DEFAULT_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Unique per process: Redis tracks pending entries per consumer name (the pod name in K3s). */
  CATALOG_CONSUMER_NAME: z.string().min(1).default(`catalog-${process.pid}`),
};
