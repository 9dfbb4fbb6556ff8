import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEdge, stopEdge } from './edge.ts';
import { pickPort } from './ports.ts';

/** What one stand-in service saw: the path and query exactly as it arrived. */
export interface Arrival {
  service: string;
  path: string;
}

/**
 * Stand-ins for the services behind the edge. Each records every request that reaches it and
 * answers JSON naming itself and the path, cacheable by the edge (`Cache-Control: public`),
 * so a test can tell which service (and which cached object) answered.
 */
export function startRecordingServices(names: readonly string[]) {
  const arrivals: Arrival[] = [];
  const servers = names.map((service) => {
    let served = 0;
    return Bun.serve({
      port: 0,
      hostname: '127.0.0.1',
      fetch(request) {
        const url = new URL(request.url);
        const path = request.url.slice(url.origin.length);
        if (url.pathname !== '/healthz') arrivals.push({ service, path });
        served++;
        return Response.json(
          { service, path, served },
          { headers: { 'cache-control': 'public, max-age=60', xkey: `${service}-key` } },
        );
      },
    });
  });
  const ports = Object.fromEntries(names.map((name, index) => [name, servers[index]?.port ?? 0]));
  return {
    ports,
    arrivals,
    stop: () => Promise.all(servers.map((server) => server.stop(true))),
  };
}

export const EDGE_TEST_SECRET = 'edge-test-secret-0123456789';

/** The real Varnish with the project's VCL in front of `services` (name → port). */
export async function startTestEdge(services: Record<string, number>) {
  const dir = mkdtempSync(join(tmpdir(), 'fruitables-edge-'));
  const port = await pickPort(38480);
  await startEdge(dir, port, services, { purgeSecret: EDGE_TEST_SECRET });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      await stopEdge(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A parsed answer read off the wire; `status` 0 when the edge closed without one. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends `head` (request line and headers, without the final blank line) byte for byte, so a
 * test can send what fetch() would clean up first: `\`, `..`, `#`, control bytes, huge lines.
 */
export function rawRequest(port: number, head: string): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => {
      socket.end(`${head}\r\nConnection: close\r\n\r\n`);
    });
    const finish = () => resolve(parseAnswer(Buffer.concat(chunks).toString('utf8')));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', finish);
    // A reset is an answer too (the edge refused without a word): status 0.
    socket.on('error', finish);
    socket.setTimeout(5_000, () => socket.destroy());
  });
}

function parseAnswer(text: string): RawAnswer {
  const split = text.indexOf('\r\n\r\n');
  if (split < 0) return { status: 0, headers: {}, body: text };
  const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1] ?? 0), headers, body: text.slice(split + 4) };
}

/** GET `target` (sent as is) with extra header lines. */
export const rawGet = (port: number, target: string, headers: readonly string[] = []) =>
  rawRequest(port, [`GET ${target} HTTP/1.1`, 'Host: shop.test', ...headers].join('\r\n'));
