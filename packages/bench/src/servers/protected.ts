// The same small JSON on two routes of one kit service: one open, one behind the auth
// middleware every service uses (ES256 verification, Redis revocation check, role check).

import {
  authenticate,
  createLifecycle,
  createLogger,
  createMetricsRegistry,
  createServiceApp,
  createStaticKeySource,
  requireRole,
  serveApp,
} from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { createClient } from 'redis';

const env = z.object({ JWKS: z.string(), REDIS_URL: z.string(), PORT: z.coerce.number() }).parse(process.env);
const logger = createLogger({ service: 'bench', level: 'info' });
const lifecycle = createLifecycle();
const redis = createClient({ url: env.REDIS_URL });
await redis.connect();
const app = createServiceApp({
  name: 'bench',
  version: '0.0.0',
  description: 'auth benchmark service',
  logger,
  registry: createMetricsRegistry('bench'),
  lifecycle,
  readiness: [],
  bodyLimitBytes: 1_048_576,
  requestTimeoutMs: 10_000,
});
const hello = z.object({ hello: z.string(), ok: z.boolean() });
const route = (path: string) =>
  createRoute({
    method: 'get',
    path,
    responses: { 200: { description: 'ok', content: { 'application/json': { schema: hello } } } },
  });
app.openapi(route('/v1/open'), (c) => c.json({ hello: 'fruitables', ok: true }, 200));
app.use(
  '/v1/protected',
  authenticate({ keys: createStaticKeySource(JSON.parse(env.JWKS)), redis }),
  requireRole('shopper'),
);
app.openapi(route('/v1/protected'), (c) => c.json({ hello: 'fruitables', ok: true }, 200));
lifecycle.onShutdown('redis', async () => {
  await redis.close();
});
serveApp({ fetch: app.fetch, port: env.PORT, hostname: '127.0.0.1', logger, lifecycle, shutdownTimeoutMs: 2_000 });
