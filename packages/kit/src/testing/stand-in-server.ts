import { buildProblem } from '../problem.ts';
import { createRequestClient, httpTarget, type RequestClient } from './request-client.ts';

/** Anything with a Fetch handler: a kit app (`app.fetch`) or a hand-written stand-in. */
export interface FetchHandler {
  fetch(request: Request): Response | Promise<Response>;
}

export interface StandInServer {
  /** `http://127.0.0.1:<port>`, to configure the service under test with. */
  url: string;
  /** Every request's method, path and query, in arrival order, for asserting what the service asked. */
  requests: string[];
  /** A client for the stand-in itself (handy for setting it up through its own API). */
  client: RequestClient;
  stop(): Promise<void>;
}

/**
 * Serves another service over real HTTP on a free port, so the service under test talks to it
 * exactly as in production (its HTTP client, timeouts, status handling): pass a real kit app
 * built by that service's harness, or a few handlers answering in the callee's documented shapes.
 */
export function startStandInServer(handler: FetchHandler): StandInServer {
  const requests: string[] = [];
  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch(request) {
      const url = new URL(request.url);
      requests.push(`${request.method} ${url.pathname}${url.search}`);
      return handler.fetch(request);
    },
  });
  const url = `http://127.0.0.1:${server.port}`;
  return {
    url,
    requests,
    client: createRequestClient(httpTarget(url)),
    stop: () => server.stop(true),
  };
}

/** A route of a stand-in: a method, a path pattern, and what it answers given the pattern's groups. */
export interface StandInRoute {
  method: string;
  path: RegExp;
  answer(match: RegExpExecArray, request: Request): Response | Promise<Response>;
}

/**
 * A Fetch handler from a few routes; anything else answers the kit's 404 problem shape, as an
 * unknown route of a real service would.
 */
export function standInRoutes(routes: readonly StandInRoute[]): FetchHandler {
  return {
    fetch(request) {
      const { pathname } = new URL(request.url);
      for (const route of routes) {
        const match = request.method === route.method ? route.path.exec(pathname) : null;
        if (match) return route.answer(match, request);
      }
      const problem = buildProblem(404, 'not_found', `No route for ${request.method} ${pathname}.`, 'stand-in');
      return Response.json(problem, { status: 404, headers: { 'content-type': 'application/problem+json' } });
    },
  };
}
