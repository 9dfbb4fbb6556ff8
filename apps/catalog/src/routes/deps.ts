import { bearerSecurity, type KitEnv } from '@fruitables/kit';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { BatchJobs } from '../batches/batch-job.ts';
import type { DomainContext } from '../domain/context.ts';
import type { PhotoServices } from '../photos/upload-photo.ts';

export type CatalogApp = OpenAPIHono<KitEnv>;

/** What every `register*` function receives from `createApp`. */
export interface RouteDeps {
  ctx: DomainContext;
  /** Requires a valid, unrevoked access token (sets `c.var.principal`). */
  signedIn: MiddlewareHandler<KitEnv>;
  /** Farmer routes: signed in, a farmer of the `{farmId}` in the path or an admin; anyone else gets 404. */
  farmAccess: MiddlewareHandler<KitEnv>[];
  /** Harvest batch imports running in this process. */
  batchJobs: BatchJobs;
  /** Photo files and the upload processing (sharp), for the photo and media routes. */
  photos: PhotoServices;
}

/** The OpenAPI security of farmer routes (`farmAccess`): a farmer of the `{farmId}`, or an admin. */
export const farmRouteSecurity = bearerSecurity(['farmer', 'admin']);
/** The OpenAPI security of internal routes (`serviceOnly`): other services' own tokens. */
export const serviceRouteSecurity = bearerSecurity(['service']);
