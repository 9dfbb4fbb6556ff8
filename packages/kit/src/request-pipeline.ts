import { TooLarge } from '@fruitables/core';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { handleError } from './errors.ts';
import { lazyChildLogger } from './lazy-logger.ts';
import { createHttpMetrics, routeLabel } from './metrics.ts';
import { createDeadlines, TIMED_OUT } from './request-deadlines.ts';
import { createRequestLogWriter } from './request-log.ts';
import type { KitEnv } from './types.ts';
import { refuseUnstorableUrl } from './unsafe-input.ts';

export interface RequestPipelineOptions {
  logger: Logger;
  registry: Registry;
  bodyLimitBytes: number;
  /** Larger limits for upload routes (files, photos), first match by path wins. */
  uploadLimits?: readonly UploadLimit[];
  requestTimeoutMs: number;
}

/** A route that takes files gets its own body limit instead of the service-wide one. */
export interface UploadLimit {
  path: RegExp;
  bytes: number;
}

// The headers hono/secure-headers sends by default, fixed once: an API never varies them.
const secureHeaders: [string, string][] = [
  ['cross-origin-resource-policy', 'same-origin'],
  ['cross-origin-opener-policy', 'same-origin'],
  ['origin-agent-cluster', '?1'],
  ['referrer-policy', 'no-referrer'],
  ['strict-transport-security', 'max-age=15552000; includeSubDomains'],
  ['x-content-type-options', 'nosniff'],
  ['x-dns-prefetch-control', 'off'],
  ['x-download-options', 'noopen'],
  ['x-frame-options', 'SAMEORIGIN'],
  ['x-permitted-cross-domain-policies', 'none'],
  ['x-xss-protection', '0'],
];

// An id from the edge or a calling service is kept (so one request can be followed across
// services) only if it looks like an id, never arbitrary text that would land in our logs.
const acceptableRequestId = /^[\w-]{8,64}$/;

const methodsWithBody = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const TIMEOUT_DETAIL = 'The request took too long; try again in a moment.';

/**
 * Everything the kit does around a request, in ONE middleware: request id, request-scoped
 * logger, body-size limit, timeout, secure headers, metrics and the request log line.
 *
 * Why one and not six `app.use` layers: on Bun each async middleware layer costs several
 * microseconds of CPU per request over HTTP (measured ~5–10 µs each), which alone put a
 * kit route at a fraction of a bare Bun.serve. For the same reason the per-request work is
 * kept to what must happen per request: the request logger is made only if a handler asks
 * for it, the request line is written without pino's general path, metric series are looked
 * up once per route. See packages/bench (kit HTTP overhead).
 */
export function requestPipeline(options: RequestPipelineOptions): MiddlewareHandler<KitEnv> {
  const metrics = createHttpMetrics(options.registry);
  const logFinished = createRequestLogWriter(options.logger);
  const limiter = (bytes: number) =>
    bodyLimit({
      maxSize: bytes,
      onError: () => {
        throw new TooLarge(`Send at most ${bytes} bytes in one request.`, 'body_too_large');
      },
    });
  const defaultLimit = limiter(options.bodyLimitBytes);
  const uploadLimits = (options.uploadLimits ?? []).map((upload) => ({
    path: upload.path,
    limit: limiter(upload.bytes),
  }));
  const limitFor = (path: string) => uploadLimits.find((upload) => upload.path.test(path))?.limit ?? defaultLimit;
  const withDeadline = options.requestTimeoutMs > 0 ? createDeadlines(options.requestTimeoutMs) : undefined;

  return async (c, next) => {
    const started = performance.now();
    // Straight from the raw request: Hono's c.req.header() is the same read behind one more call.
    const incoming = c.req.raw.headers.get('x-request-id');
    const requestId = incoming && acceptableRequestId.test(incoming) ? incoming : Bun.randomUUIDv7();
    c.set('requestId', requestId);
    c.set('logger', lazyChildLogger(options.logger, { requestId }));
    const method = c.req.method;
    const path = c.req.path;

    try {
      // A path or query no database can store is answered here, before any route sees it.
      const handle = refuseUnstorableUrl(c) ?? (methodsWithBody.has(method) ? limitFor(path)(c, next) : next());
      const outcome = await (withDeadline ? withDeadline(handle) : handle);
      if (outcome === TIMED_OUT) throw new HTTPException(503, { message: TIMEOUT_DETAIL });
    } catch (error) {
      // The body limit and the timeout fail here, outside the handler's own error handling:
      // answer them with the same problem+json, and still send headers, count and log them.
      if (!(error instanceof Error)) throw error;
      c.error = error;
      c.res = await handleError(error, c);
    }

    const response = c.res;
    const headers = response.headers;
    for (const [name, value] of secureHeaders) headers.set(name, value);
    headers.set('x-request-id', requestId);
    const status = response.status;
    const durationMs = performance.now() - started;
    metrics.observe(method, routeLabel(c), status, durationMs / 1000);
    logFinished({ requestId, method, path, status, durationMs: Math.round(durationMs * 10) / 10 });
  };
}
