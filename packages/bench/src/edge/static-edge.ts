import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Varnish serving one cached static file: the ceiling the shop's edge is compared with. */
export interface StaticEdge {
  url: string;
  /** varnishd's manager process, to pin it to a CPU. */
  pid: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function run(command: string[]): Promise<void> {
  const child = Bun.spawn(command, { stdout: 'pipe', stderr: 'pipe' });
  if ((await child.exited) !== 0) {
    throw new Error(`${command[0]} failed: ${await new Response(child.stderr).text()}`);
  }
}

/**
 * The same bytes as the page under test (`body`, already compressed as the edge sends it),
 * from a static backend, cached by a varnishd with the smallest possible VCL and the same
 * storage settings as the project's edge. No routing, no surrogate keys, no gzip work:
 * what Varnish itself costs for a cache hit of this size on this machine.
 */
export async function startStaticEdge(bytes: Buffer, encoding: string | null): Promise<StaticEdge> {
  const body = new Uint8Array(bytes);
  const backend = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch: () =>
      new Response(body, {
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'public, max-age=3600',
          ...(encoding ? { 'content-encoding': encoding } : {}),
        },
      }),
  });
  const dir = mkdtempSync(join(tmpdir(), 'bench-static-edge-'));
  // varnishd compiles the VCL as its own unprivileged user.
  chmodSync(dir, 0o755);
  const vcl = join(dir, 'static.vcl');
  writeFileSync(
    vcl,
    `vcl 4.1;\nbackend static { .host = "127.0.0.1"; .port = "${backend.port}"; }\nsub vcl_backend_response { set beresp.ttl = 1h; }\n`,
    { mode: 0o644 },
  );
  const port = await freePort();
  const pidFile = join(dir, 'varnishd.pid');
  const stop = async () => {
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').trim());
      process.kill(pid, 'SIGTERM');
      for (let i = 0; i < 50 && existsSync(`/proc/${pid}`); i++) await Bun.sleep(100);
    }
    await backend.stop(true);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await run([
      'varnishd',
      '-a',
      `127.0.0.1:${port}`,
      '-n',
      join(dir, 'work'),
      '-f',
      vcl,
      '-s',
      'malloc,256m',
      '-P',
      pidFile,
    ]);
    const url = `http://127.0.0.1:${port}/product-page-copy`;
    for (let attempt = 0; (await fetch(url).catch(() => null))?.status !== 200; attempt++) {
      if (attempt > 100) throw new Error('the static edge did not answer');
      await Bun.sleep(50);
    }
    return { url, pid: Number(readFileSync(pidFile, 'utf8').trim()), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
