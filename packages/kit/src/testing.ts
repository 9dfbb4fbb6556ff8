import { Writable } from 'node:stream';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { createServiceApp, type ServiceAppOptions } from './app.ts';
import { createLifecycle } from './lifecycle.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetricsRegistry } from './metrics.ts';
import type { KitEnv } from './types.ts';

export * from './auth/testing.ts';

export interface CapturedLogger {
  logger: Logger;
  /** Every line logged so far, parsed. */
  lines(): Record<string, unknown>[];
}

/** A real pino logger whose JSON lines are kept in memory, so tests can assert on what was logged. */
export function captureLogger(service = 'test'): CapturedLogger {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ service, level: 'debug', destination });
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

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
