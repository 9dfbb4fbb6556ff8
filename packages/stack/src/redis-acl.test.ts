import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createBusMetrics,
  createConsumer,
  createOutboxRelay,
  openRedis,
  publishEvent,
  type RedisClient,
  trimStream,
} from '@fruitables/bus';
import { createServiceTestbed, effects, fixtureCatalogue, inbox, outbox } from '@fruitables/bus/testing';
import {
  isRevoked,
  type Principal,
  revokedBeforeKey,
  revokedTokenKey,
  revokeSubjectBefore,
  revokeToken,
} from '@fruitables/kit';
import pino from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './paths.ts';
import { pickPort } from './ports.ts';
import { deadLetterStream, k3sPasswordPlaceholder, renderAclFile } from './redis-acl.ts';
import { startRedis, stopRedis } from './redis-server.ts';
import { adminRedisCredentials, serviceRedisUrl, writeLocalAclFile } from './redis-users.ts';
import { waitFor } from './shell.ts';

const NOPERM = /NOPERM/;
const logger = pino({ level: 'silent' });

function principal(subject: string, tokenId: string): Principal {
  const now = Date.now();
  return {
    subject,
    roles: ['shopper'],
    farmIds: [],
    audiences: ['fruitables'],
    scopes: [],
    emailVerified: false,
    tokenId,
    issuedAt: new Date(now - 1000),
    expiresAt: new Date(now + 60_000),
  };
}

describe('the K3s users template', () => {
  it('is what redis-acl.ts renders (regenerate it with `bun packages/stack/src/redis-acl-k3s.ts`)', () => {
    const committed = readFileSync(join(repoRoot, 'k3s/base/redis/users.acl'), 'utf8');
    expect(committed).toBe(renderAclFile(k3sPasswordPlaceholder));
  });
});

// A Redis of its own, started the way `up` starts one, with the real ACL file: the shared
// test Redis keeps its all-powerful default user for the other unit tests.
describe('Redis users, one per service (the real ACL file on a real Redis)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fruitables-redis-acl-'));
  const clients: RedisClient[] = [];
  let port = 0;
  let identity: RedisClient;
  let catalog: RedisClient;
  let storefront: RedisClient;

  const connect = async (service: string) => {
    const client = await openRedis({ url: serviceRedisUrl(dir, port, service) }, () => {});
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    port = await pickPort(36379);
    const file = join(dir, 'users.acl');
    writeLocalAclFile(dir, file);
    await startRedis({
      dir: join(dir, 'redis'),
      port,
      durable: false,
      acl: { file, admin: adminRedisCredentials(dir) },
    });
    identity = await connect('identity');
    catalog = await connect('catalog');
    storefront = await connect('storefront');
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await stopRedis(join(dir, 'redis'));
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a connection without a password anything but PING', async () => {
    const anonymous = await openRedis({ url: `redis://127.0.0.1:${port}` }, () => {});
    clients.push(anonymous);
    expect(await anonymous.ping()).toBe('PONG');
    await expect(anonymous.get(revokedTokenKey('x'))).rejects.toThrow(NOPERM);
    await expect(anonymous.xAdd('identity.events', '*', { e: '{}' })).rejects.toThrow(NOPERM);
  });

  it('lets identity revoke tokens with the kit’s own code, and every service read the denylist', async () => {
    const jti = crypto.randomUUID();
    const subject = crypto.randomUUID();
    await revokeToken(identity, jti, 60);
    await revokeSubjectBefore(identity, subject, Date.now() / 1000 + 5, 60);
    for (const reader of [identity, catalog, storefront]) {
      expect(await isRevoked(reader, principal('someone-else', jti), 1000)).toBe(true);
      expect(await isRevoked(reader, principal(subject, crypto.randomUUID()), 1000)).toBe(true);
      expect(await isRevoked(reader, principal('someone-else', crypto.randomUUID()), 1000)).toBe(false);
    }
  });

  it('does not let storefront or catalog touch a revocation, nor write identity’s stream', async () => {
    const jti = crypto.randomUUID();
    await revokeToken(identity, jti, 60);
    for (const other of [storefront, catalog]) {
      await expect(other.del(revokedTokenKey(jti))).rejects.toThrow(NOPERM);
      await expect(other.set(revokedBeforeKey('victim'), '0')).rejects.toThrow(NOPERM);
      await expect(revokeToken(other, crypto.randomUUID(), 60)).rejects.toThrow(NOPERM);
      await expect(other.xAdd('identity.events', '*', { e: '{}' })).rejects.toThrow(NOPERM);
      await expect(other.xTrim('identity.events', 'MAXLEN', 0)).rejects.toThrow(NOPERM);
      await expect(other.flushAll()).rejects.toThrow(NOPERM);
      await expect(other.keys('*')).rejects.toThrow(NOPERM);
    }
    expect(await identity.mGet([revokedTokenKey(jti)])).toEqual(['1']);
    await expect(storefront.xAdd('catalog.events', '*', { e: '{}' })).rejects.toThrow(NOPERM);
    await expect(catalog.get('identity:login-throttle:ip:127.0.0.1')).rejects.toThrow(NOPERM);
  });

  it('lets identity run its throttle scripts on its own keys only', async () => {
    const key = `identity:login-throttle:ip:${crypto.randomUUID()}`;
    const script =
      "local n = redis.call('HINCRBY', KEYS[1], 'failures', 1) redis.call('PEXPIRE', KEYS[1], 60000) return n";
    expect(await identity.eval(script, { keys: [key] })).toBe(1);
    expect(await identity.incr(`identity:sign-up-throttle:127.0.0.1:${Date.now()}`)).toBe(1);
    await expect(identity.eval(script, { keys: ['catalog.events'] })).rejects.toThrow(NOPERM);
    await expect(storefront.eval(script, { keys: [key] })).rejects.toThrow(NOPERM);
  });

  it('lets identity keep admin MFA challenges (domain/mfa-challenges.ts), and nobody else read them', async () => {
    const key = `identity:mfa-challenge:${crypto.randomUUID()}`;
    await identity.multi().hSet(key, { accountId: 'a', attempts: '0' }).pExpire(key, 60_000).exec();
    expect(await identity.hIncrBy(key, 'attempts', 1)).toBe(1);
    expect(await identity.hGetAll(key)).toMatchObject({ accountId: 'a' });
    expect(await identity.del(key)).toBe(1);
    await expect(catalog.hGetAll(key)).rejects.toThrow(NOPERM);
  });

  it('runs the real relay, consumer, dead-letter and trimmer as catalog and storefront', async () => {
    const testbed = await createServiceTestbed({
      label: 'redis-acl',
      context: 'bus_fixture',
      tables: { effects, inbox, outbox },
    });
    const registry = new Registry();
    const metrics = createBusMetrics(registry);
    // A set: a batch that met the poison event is rolled back and its good events applied again.
    const applied = new Set<number>();
    // catalog's relay publishes to catalog.events; storefront's consumer reads it as its group.
    const relay = createOutboxRelay({
      sql: testbed.sql,
      db: testbed.db,
      outbox,
      redis: catalog,
      stream: 'catalog.events',
      logger,
      metrics,
      pollIntervalMs: 50,
    });
    const consumer = createConsumer({
      redis: { url: serviceRedisUrl(dir, port, 'storefront') },
      streams: ['catalog.events'],
      group: 'storefront',
      consumerName: 'acl-test',
      catalogue: fixtureCatalogue,
      db: testbed.db,
      inbox,
      logger,
      metrics,
      blockMs: 100,
      claimIntervalMs: 100,
      maxAttempts: 1,
      handlers: {
        FixtureHappened: async (event) => {
          if (event.data.fail) throw new Error('poison');
          applied.add(event.data.n);
        },
      },
    });
    try {
      await relay.start();
      await consumer.start();
      const producer = { name: 'catalog', stream: 'catalog.events' };
      for (const [n, fail] of [
        [1, false],
        [2, true],
        [3, false],
      ] as const) {
        await publishEvent(
          testbed.db,
          outbox,
          fixtureCatalogue,
          { type: 'FixtureHappened', aggregateId: crypto.randomUUID(), data: { n, fail } },
          producer,
        );
      }
      await waitFor('the two good events applied as storefront', async () => applied.size === 2, 20_000);
      await waitFor(
        'the poison event dead-lettered as storefront',
        async () => (await storefront.xLen(deadLetterStream('storefront'))) === 1,
        20_000,
      );
      expect([...applied].sort()).toEqual([1, 3]);
      // catalog's trimmer reads the groups of its own stream and trims behind them (all
      // three were delivered and acknowledged; MINID keeps the last delivered one).
      await waitFor(
        'nothing pending',
        async () => (await catalog.xPending('catalog.events', 'storefront')).pending === 0,
        20_000,
      );
      expect((await trimStream(catalog, 'catalog.events')).trimmed).toBe(2);
    } finally {
      await consumer.stop();
      await relay.stop();
      await testbed.close();
    }
  }, 60_000);
});
