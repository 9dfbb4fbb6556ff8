import { connect, createServer, type Server, type Socket } from 'node:net';
import { createClient } from 'redis';
import { expect } from 'vitest';
import { createTestServiceApp } from '../testing/index.ts';
import { type AuthenticateOptions, authenticate } from './authenticate.ts';
import { principalOf } from './guards.ts';

/** The Redis `./fruitables test` started for this run. Tests read env here, nowhere else. */
export function testRedisUrl(): string {
  const url = process.env.FRUITABLES_TEST_REDIS_URL;
  if (!url) throw new Error('FRUITABLES_TEST_REDIS_URL is not set; run the tests with `./fruitables test`.');
  return url;
}

export async function connectRedis(url = testRedisUrl()) {
  // Retry quickly and give up after a few tries, so a test that takes Redis away sees it fast.
  const client = createClient({ url, socket: { reconnectStrategy: (retries) => (retries > 3 ? false : 20) } });
  // Without a listener, a dropped connection's 'error' event would crash the test process.
  client.on('error', () => {});
  await client.connect();
  return client;
}

export type TestRedis = Awaited<ReturnType<typeof connectRedis>>;

/** An app with one route behind `authenticate`, answering with the principal it saw. */
export function appWithAuthentication(options: AuthenticateOptions) {
  const app = createTestServiceApp();
  app.get('/v1/me', authenticate(options), (c) => c.json(principalOf(c)));
  app.get('/v1/public', authenticate({ ...options, optional: true }), (c) =>
    c.json({ subject: c.get('principal')?.subject ?? null }),
  );
  return app;
}

/** Asserts a 401 problem+json with the given code and a Bearer challenge. */
export async function expectTokenRejected(response: Response, code: string): Promise<void> {
  expect(response.status).toBe(401);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const challenge = response.headers.get('www-authenticate') ?? '';
  expect(challenge).toMatch(/^Bearer realm="fruitables"/);
  if (code !== 'token_missing') expect(challenge).toContain('error="invalid_token"');
  expect(await response.json()).toMatchObject({ status: 401, code });
}

export interface TcpProxy {
  url: string;
  /** Stops forwarding without closing anything: Redis "hangs". */
  freeze(): void;
  /** Drops every connection and stops listening: Redis is gone. */
  kill(): Promise<void>;
}

/** A real TCP proxy in front of Redis, so a test can make Redis hang or vanish for one client only. */
export async function startRedisProxy(redisUrl = testRedisUrl()): Promise<TcpProxy> {
  const target = new URL(redisUrl);
  const sockets = new Set<Socket>();
  const server: Server = createServer((downstream) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const socket of [downstream, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => sockets.delete(socket));
    }
    downstream.pipe(upstream);
    upstream.pipe(downstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no TCP address');
  const url = new URL(redisUrl);
  url.hostname = '127.0.0.1';
  url.port = String(address.port);
  return {
    url: url.toString(),
    freeze() {
      for (const socket of sockets) {
        socket.unpipe();
        socket.pause();
      }
    },
    async kill() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
