import { createClient, type RedisClientType } from 'redis';

/** The node-redis client the bus works with: what `createClient({ url })` returns. */
export type RedisClient = RedisClientType;

/** How a component that needs its own connections gets them: a URL, or a factory for custom options. */
export type RedisConnection = { url: string } | { createClient: () => RedisClient };

/** A new, connected client. Errors are logged by the caller's listener rather than crashing the process. */
export async function openRedis(connection: RedisConnection, onError: (error: unknown) => void): Promise<RedisClient> {
  const client = 'url' in connection ? createClient({ url: connection.url }) : connection.createClient();
  // node-redis emits 'error' on every failed reconnect; without a listener that is an uncaught exception.
  client.on('error', onError);
  await client.connect();
  return client;
}

export async function closeRedis(client: RedisClient): Promise<void> {
  if (!client.isOpen) return;
  try {
    await client.close();
  } catch {
    client.destroy();
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The stream or the group is gone (deleted key, XGROUP DESTROY, a Redis without persistence
 * restarted). A read blocked at that moment fails with UNBLOCKED instead (Redis 7).
 */
export const isNoGroupError = (error: unknown): boolean => /^(NOGROUP|UNBLOCKED)/.test(messageOf(error));
export const isBusyGroupError = (error: unknown): boolean => messageOf(error).startsWith('BUSYGROUP');
export const isNoSuchKeyError = (error: unknown): boolean => /^ERR no such key/i.test(messageOf(error));
