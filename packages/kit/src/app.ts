import { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { registerDocsRoutes } from './docs/register-docs.ts';
import { handleError, handleNotFound, validationProblem } from './errors.ts';
import { type ReadinessCheck, registerHealthRoutes } from './health.ts';
import type { Lifecycle } from './lifecycle.ts';
import { requestPipeline, type UploadLimit } from './request-pipeline.ts';
import type { KitEnv } from './types.ts';
import { refuseUnstorableJson } from './unsafe-input.ts';

export interface ServiceAppOptions {
  /** The service name: log field, metrics label, and the public prefix `/api/<name>`. */
  name: string;
  version: string;
  description: string;
  logger: Logger;
  registry: Registry;
  lifecycle: Lifecycle;
  /**
   * What `/readyz` checks, read on every request: the service runner adds the checks of the
   * consumers it starts after the app is built, so pass the list itself, not a copy.
   */
  readiness: readonly ReadinessCheck[];
  bodyLimitBytes: number;
  /** Routes that accept files and need more than `bodyLimitBytes`. */
  uploadLimits?: readonly UploadLimit[];
  requestTimeoutMs: number;
}

/**
 * The one way a Fruitables service builds its Hono app. It brings request ids, one log line
 * per finished request, request metrics (into `registry`; `/metrics` itself is served on a
 * port of its own, see metrics-endpoint.ts), secure headers, a body-size limit, a request
 * timeout, problem+json for every error (validation included), health and readiness, and
 * the OpenAPI 3.1 document with a docs page. Routes are then added by the
 * service with `app.openapi(...)`.
 *
 * Paths are the service's own (`/v1/...`); the edge maps `/api/<name>/...` onto them, which
 * is why the OpenAPI document names `/api/<name>` as its server.
 */
export function createServiceApp(options: ServiceAppOptions): OpenAPIHono<KitEnv> {
  const app = new OpenAPIHono<KitEnv>({
    // Valid input may still hold text no service can store (U+0000): refused alike for every route.
    defaultHook: (result, c) =>
      result.success
        ? refuseUnstorableJson(result.data, result.target, c)
        : validationProblem(result.error, result.target, c),
  });

  app.use(
    requestPipeline({
      logger: options.logger,
      registry: options.registry,
      bodyLimitBytes: options.bodyLimitBytes,
      ...(options.uploadLimits ? { uploadLimits: options.uploadLimits } : {}),
      requestTimeoutMs: options.requestTimeoutMs,
    }),
  );

  app.onError(handleError);
  app.notFound(handleNotFound);

  registerHealthRoutes(app, options.readiness, options.lifecycle);

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: `Fruitables ${options.name} API`, version: options.version, description: options.description },
    servers: [{ url: `/api/${options.name}`, description: 'Through the edge' }],
  });
  // Served at /docs directly and /api/<name>/docs through the edge; its assets come from the service itself.
  registerDocsRoutes(app, { title: `Fruitables ${options.name} API` });

  return app;
}
