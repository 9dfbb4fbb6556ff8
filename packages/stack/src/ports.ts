import { createServer } from 'node:net';

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * The preferred port if nothing listens there, else the next free one. Keeps the local
 * stack off ports other software (a system PostgreSQL on 5432, say) already uses.
 */
export async function pickPort(preferred: number, taken: Set<number> = new Set()): Promise<number> {
  for (let port = preferred; port < preferred + 200; port++) {
    if (!taken.has(port) && (await isFree(port))) {
      taken.add(port);
      return port;
    }
  }
  throw new Error(`no free port in ${preferred}–${preferred + 199}`);
}

/** Where a service's `/metrics` prefers to listen locally: its port + 2000 (7101 → 9101), clear of the edge's 8080. */
export const preferredMetricsPort = (servicePort: number): number => servicePort + 2000;
