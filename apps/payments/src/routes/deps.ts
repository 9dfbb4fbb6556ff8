import type { KitEnv } from '@fruitables/kit';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { DomainContext } from '../domain/context.ts';
import type { WebhookJobs } from '../webhooks/webhook-jobs.ts';

export type PaymentsApp = OpenAPIHono<KitEnv>;

/** What every `register*` function receives from `createApp`. */
export interface RouteDeps {
  ctx: DomainContext;
  /** Shopper routes: a valid, unrevoked access token with the shopper role. */
  shopperOnly: MiddlewareHandler<KitEnv>[];
  /** Farmer routes: signed in, a farmer of the `{farmId}` in the path or an admin; anyone else gets 404. */
  farmAccess: MiddlewareHandler<KitEnv>[];
  adminOnly: MiddlewareHandler<KitEnv>[];
  /** Webhooks are processed after the 200, in the background; shutdown waits for them. */
  webhookJobs: WebhookJobs;
}
