import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Lifecycle } from './lifecycle.ts';
import { problemResponses } from './problem.ts';
import type { KitEnv } from './types.ts';

/** A dependency `/readyz` checks: PostgreSQL, Redis, a consumer loop. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<unknown>;
}

const READINESS_TIMEOUT_MS = 2_000;

const statusSchema = z
  .object({ status: z.enum(['ok', 'unavailable']), checks: z.record(z.string(), z.enum(['ok', 'failing'])).optional() })
  .openapi('HealthStatus');

async function runCheck(check: ReadinessCheck): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), READINESS_TIMEOUT_MS);
  });
  try {
    const result = await Promise.race([check.check().then(() => true), timedOut]);
    return result;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export function registerHealthRoutes(
  app: OpenAPIHono<KitEnv>,
  checks: readonly ReadinessCheck[],
  lifecycle: Lifecycle,
): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/healthz',
      tags: ['operations'],
      summary: 'Liveness: the process is up and serving',
      responses: { 200: { description: 'Alive', content: { 'application/json': { schema: statusSchema } } } },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/readyz',
      tags: ['operations'],
      summary: 'Readiness: PostgreSQL, Redis and consumers are reachable and running',
      responses: {
        200: { description: 'Ready to take traffic', content: { 'application/json': { schema: statusSchema } } },
        503: {
          description: 'Not ready, or draining for shutdown',
          content: { 'application/json': { schema: statusSchema } },
        },
        ...problemResponses(500),
      },
    }),
    async (c) => {
      if (lifecycle.draining)
        return c.json({ status: 'unavailable' as const, checks: { shutdown: 'failing' as const } }, 503);
      const results = await Promise.all(checks.map(async (check) => [check.name, await runCheck(check)] as const));
      const ready = results.every(([, ok]) => ok);
      const detail = Object.fromEntries(
        results.map(([name, ok]) => [name, ok ? ('ok' as const) : ('failing' as const)]),
      );
      return c.json({ status: ready ? ('ok' as const) : ('unavailable' as const), checks: detail }, ready ? 200 : 503);
    },
  );
}
