import type { OpenAPIHono } from '@hono/zod-openapi';
import { createServiceApp, type ServiceAppOptions } from '../app.ts';
import { createLifecycle } from '../lifecycle.ts';
import { createMetricsRegistry } from '../metrics.ts';
import type { KitEnv } from '../types.ts';
import { captureLogger } from './captured-logger.ts';

/** A kit app with test defaults; override whatever the test is about. */
export function createTestServiceApp(overrides: Partial<ServiceAppOptions> = {}): OpenAPIHono<KitEnv> {
  return createServiceApp({
    name: 'test',
    version: '0.0.0',
    description: 'kit test app',
    logger: captureLogger().logger,
    registry: createMetricsRegistry('test'),
    lifecycle: createLifecycle(),
    readiness: [],
    bodyLimitBytes: 1024,
    requestTimeoutMs: 2_000,
    ...overrides,
  });
}
