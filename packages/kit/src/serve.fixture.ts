// A kit service with one slow route, run as a child process by serve.test.ts so the test can
// send it a real SIGTERM.
import { createServiceApp } from './app.ts';
import { createLifecycle } from './lifecycle.ts';
import { createLogger } from './logger.ts';
import { createMetricsRegistry } from './metrics.ts';
import { serveApp } from './serve.ts';

const logger = createLogger({ service: 'slow' });
const lifecycle = createLifecycle();
lifecycle.onShutdown('pretend pool', async () => {});
const app = createServiceApp({
  name: 'slow',
  version: '0.0.0',
  description: 'graceful shutdown fixture',
  logger,
  registry: createMetricsRegistry('slow'),
  lifecycle,
  readiness: [],
  bodyLimitBytes: 1024,
  requestTimeoutMs: 10_000,
});
app.get('/slow', async (c) => {
  await Bun.sleep(Number(c.req.query('ms') ?? '1500'));
  return c.text('finished');
});
serveApp({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', logger, lifecycle, shutdownTimeoutMs: 5_000 });
