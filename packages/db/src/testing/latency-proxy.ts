import { connect, createServer, type Server, type Socket } from 'node:net';

/** A TCP proxy in front of PostgreSQL that delays every chunk, both ways. */
export interface LatencyProxy {
  /** `url` with its host and port pointed at the proxy. */
  url(url: string): string;
  close(): Promise<void>;
}

export interface LatencyProxyOptions {
  /** Smallest delay per chunk, in ms. */
  minMs: number;
  /** Largest delay per chunk, in ms; each chunk gets a random delay in between (jitter). */
  maxMs: number;
}

/**
 * Starts a proxy to `target` (host:port of a PostgreSQL URL) that holds every chunk for a
 * random few milliseconds before passing it on, in order. Race windows that are a few
 * microseconds wide on loopback become milliseconds wide, as between a pod and its
 * database across a network: concurrency tests then prove the locking, not the luck.
 */
export async function startLatencyProxy(targetUrl: string, options: LatencyProxyOptions): Promise<LatencyProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  const delay = () => options.minMs + Math.random() * (options.maxMs - options.minMs);

  // Chunks go out in arrival order even with jitter: each waits until the one before it left.
  const forward = (from: Socket, to: Socket) => {
    let lastSendAt = 0;
    from.on('data', (chunk) => {
      const sendAt = Math.max(performance.now() + delay(), lastSendAt);
      lastSendAt = sendAt;
      setTimeout(() => to.destroyed || to.write(chunk), sendAt - performance.now());
    });
    from.on('end', () => setTimeout(() => to.end(), Math.max(lastSendAt - performance.now(), 0)));
    from.on('error', () => to.destroy());
  };

  const server: Server = createServer((client) => {
    const upstream = connect({ host: target.hostname, port: Number(target.port || 5432) });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('latency proxy has no port');

  return {
    url(url) {
      const proxied = new URL(url);
      proxied.hostname = '127.0.0.1';
      proxied.port = String(address.port);
      return proxied.toString();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
