// The same body through everything a real service has: request id, request log line,
// metrics, secure headers, body limit, timeout, zod-openapi route.

import {
  createLifecycle,
  createLogger,
  createMetricsRegistry,
  createServiceApp,
  serveApp,
  serveMetrics,
} from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';

const logger = createLogger({ service: 'bench', level: process.env.LOG_LEVEL ?? 'info' });
const lifecycle = createLifecycle();
const registry = createMetricsRegistry('bench');
// Before `listening`, so the harness has read the metrics port when it sees the app's.
const metricsServer = serveMetrics({ registry, port: 0, hostname: '127.0.0.1', logger });
lifecycle.onShutdown('metrics server', () => metricsServer.stop(true));
const app = createServiceApp({
  name: 'bench',
  version: '0.0.0',
  description: 'benchmark service',
  logger,
  registry,
  lifecycle,
  readiness: [],
  bodyLimitBytes: 1_048_576,
  requestTimeoutMs: 10_000,
});
app.openapi(
  createRoute({
    method: 'get',
    path: '/v1/hello',
    responses: {
      200: {
        description: 'A small JSON object',
        content: { 'application/json': { schema: z.object({ hello: z.string(), ok: z.boolean() }) } },
      },
    },
  }),
  (c) => c.json({ hello: 'fruitables', ok: true }, 200),
);
serveApp({
  fetch: app.fetch,
  port: Number(process.env.PORT ?? '0'),
  hostname: '127.0.0.1',
  logger,
  lifecycle,
  shutdownTimeoutMs: 2_000,
});
