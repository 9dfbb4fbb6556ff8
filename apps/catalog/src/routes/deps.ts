import type { KitEnv } from '@fruitables/kit';
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

export const securedByBearer = [{ bearerAuth: [] }];
