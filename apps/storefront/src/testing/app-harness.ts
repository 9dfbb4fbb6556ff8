import type { ReadinessCheck } from '@fruitables/kit';
import { createLifecycle, createMetricsRegistry } from '@fruitables/kit';
import pino from 'pino';
import { createApp, siteBuiltReadiness } from '../app.ts';
import type { TestSite } from './site-harness.ts';

/** The storefront app over a test site, with the kit's real pipeline; not ready until the site is built. */
export function createTestApp(t: TestSite, readiness: ReadinessCheck[] = []) {
  return createApp({
    logger: pino({ level: 'silent' }),
    registry: createMetricsRegistry('storefront'),
    lifecycle: createLifecycle(),
    site: t.site,
    store: t.store,
    source: t.source,
    readiness: [siteBuiltReadiness(t.site), ...readiness],
    bodyLimitBytes: 1_048_576,
    requestTimeoutMs: 5_000,
  });
}
