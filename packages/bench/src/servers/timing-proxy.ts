/** An HTTP proxy that remembers how long the server behind it took, per key of the request. */
export interface TimingProxy {
  url: string;
  /** Milliseconds spent behind the proxy for requests with this key, summed. */
  spentOn(key: string): number;
  stop(): Promise<void>;
}

/**
 * Forwards every request to `target` and adds the time from forwarding to the full answer to
 * the total of `keyOf(path, body)`: put between a service and a provider stand-in, it measures
 * the provider's share of a request so the service's own share can be told apart.
 */
export function startTimingProxy(target: string, keyOf: (path: string, body: string) => string | null): TimingProxy {
  const spent = new Map<string, number>();
  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    async fetch(request) {
      const url = new URL(request.url);
      const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
      const headers = new Headers(request.headers);
      headers.delete('host');
      const sent = performance.now();
      const answer = await fetch(`${target}${url.pathname}${url.search}`, {
        method: request.method,
        headers,
        ...(body ? { body } : {}),
      });
      const text = await answer.arrayBuffer();
      const key = keyOf(url.pathname, body);
      if (key) spent.set(key, (spent.get(key) ?? 0) + (performance.now() - sent));
      const out = new Headers(answer.headers);
      out.delete('content-encoding');
      out.delete('content-length');
      return new Response(text, { status: answer.status, headers: out });
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    spentOn: (key) => spent.get(key) ?? 0,
    stop: () => server.stop(true),
  };
}
