import type { Server } from 'bun';
import type { Logger } from 'pino';
import type { Lifecycle } from './lifecycle.ts';

export interface ServeOptions {
  fetch: (request: Request, server: Server<undefined>) => Response | Promise<Response>;
  port: number;
  hostname?: string;
  logger: Logger;
  lifecycle: Lifecycle;
  /** How long in-flight requests get to finish before connections are cut. */
  shutdownTimeoutMs: number;
  /** Called with the exit code once shutdown is complete; tests pass their own. */
  exit?: (code: number) => void;
}

export interface RunningService {
  server: Server<undefined>;
  /** The same graceful shutdown SIGTERM triggers. */
  shutdown(reason: string): Promise<void>;
}

/**
 * Serves the app with Bun and shuts down gracefully on SIGTERM or SIGINT: readiness turns
 * 503, the listener closes (new connections are refused), in-flight requests finish within
 * the deadline, then shutdown hooks stop consumers and close pools, in that order.
 */
export function serveApp(options: ServeOptions): RunningService {
  // Our own count of requests the app is still handling: Bun's pendingRequests has been seen
  // at 0 while a handler was still running, which let shutdown hooks close pools under it.
  let handling = 0;
  const server = Bun.serve({
    port: options.port,
    hostname: options.hostname ?? '0.0.0.0',
    // Not an async function: a response the app returns synchronously goes straight back to
    // Bun, and a pending one gets a single callback, instead of another promise per request.
    fetch: (request, bunServer) => {
      handling++;
      let answer: Response | Promise<Response>;
      try {
        answer = options.fetch(request, bunServer);
      } catch (error) {
        handling--;
        throw error;
      }
      if (!(answer instanceof Promise)) {
        handling--;
        return answer;
      }
      return answer.finally(() => {
        handling--;
      });
    },
    // Longer than the request timeout so a slow request is answered by the app, not cut by the socket.
    idleTimeout: 60,
  });
  options.logger.info({ port: server.port }, 'listening');

  let shuttingDown: Promise<void> | undefined;
  const shutdown = (reason: string): Promise<void> => {
    shuttingDown ??= (async () => {
      const started = performance.now();
      options.logger.info({ reason, pendingRequests: server.pendingRequests }, 'shutting down');
      options.lifecycle.beginDrain();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), options.shutdownTimeoutMs);
      });
      // stop(false): stop listening now, let requests already in progress complete. Its
      // promise can settle while a request is still being handled (seen in CI), so the
      // drain also waits until no request is pending by Bun's count or by ours.
      const drained = (async () => {
        await server.stop(false);
        while (server.pendingRequests > 0 || handling > 0) await Bun.sleep(10);
        return 'drained' as const;
      })();
      const outcome = await Promise.race([drained, deadline]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        options.logger.warn(
          { pendingRequests: server.pendingRequests },
          'shutdown deadline passed, closing connections',
        );
        await server.stop(true);
      }
      await options.lifecycle.runShutdownHooks((name, error) => {
        if (error) options.logger.error({ hook: name, err: error }, 'shutdown hook failed');
        else options.logger.info({ hook: name }, 'shutdown hook done');
      });
      options.logger.info({ durationMs: Math.round(performance.now() - started) }, 'stopped');
      options.logger.flush();
      (options.exit ?? process.exit)(outcome === 'timeout' ? 1 : 0);
    })();
    return shuttingDown;
  };

  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  return { server, shutdown };
}
