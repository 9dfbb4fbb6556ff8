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

  // Chunks go out in arrival order even with jitter: one queue per direction and one timer
  // at a time (separate timers could fire out of order once their delays are rounded).
  const forward = (from: Socket, to: Socket) => {
    const queue: { chunk: Buffer | null; sendAt: number }[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      while (queue.length > 0 && (queue[0]?.sendAt ?? 0) <= performance.now()) {
        const next = queue.shift();
        if (!next || to.destroyed) continue;
        if (next.chunk === null) to.end();
        else to.write(next.chunk);
      }
      schedule();
    };
    const schedule = () => {
      const head = queue[0];
      if (timer || !head) return;
      timer = setTimeout(flush, Math.max(head.sendAt - performance.now(), 0));
    };
    const enqueue = (chunk: Buffer | null) => {
      const last = queue.at(-1)?.sendAt ?? 0;
      queue.push({ chunk, sendAt: Math.max(performance.now() + delay(), last) });
      schedule();
    };
    from.on('data', (chunk: Buffer) => enqueue(chunk));
    from.on('end', () => enqueue(null));
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
