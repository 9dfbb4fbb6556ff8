import type { Server } from 'bun';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';

/**
 * The Prometheus exposition of `registry` at GET `/metrics`; anything else is a 404. What the
 * metrics port serves, and what a test calls to read a service's metrics.
 */
export function metricsHandler(registry: Registry): (request: Request) => Promise<Response> {
  return async (request) => {
    const { pathname } = new URL(request.url);
    if (request.method !== 'GET' || pathname !== '/metrics') return new Response('not found', { status: 404 });
    return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } });
  };
}

export interface MetricsServerOptions {
  registry: Registry;
  /** 0 asks the OS for a free port (tests). */
  port: number;
  hostname?: string;
  logger: Logger;
}

/**
 * Serves `/metrics` on a port of its own. The public app never routes it, so no edge route,
 * misconfigured or not, exposes process and business metrics to the internet; in K3s only
 * Prometheus's namespace may reach this port (k3s/base/network/services.yaml).
 */
export function serveMetrics(options: MetricsServerOptions): Server<undefined> {
  const server = Bun.serve({
    port: options.port,
    hostname: options.hostname ?? '0.0.0.0',
    fetch: metricsHandler(options.registry),
  });
  // Not `port`: harnesses take the first `"port":` they see as the service's HTTP port.
  options.logger.info({ metricsPort: server.port }, 'metrics listening');
  return server;
}
