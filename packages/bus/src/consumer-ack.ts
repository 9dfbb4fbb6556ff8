import type { Logger } from 'pino';
import type { RedisClient } from './redis.ts';
import type { StreamEntry } from './stream-entries.ts';

/**
 * Acknowledges entries with one XACK per stream. Call it only after the entries' effects
 * committed: a crash in between means a redelivery, which the inbox absorbs.
 */
export async function acknowledge(
  redis: RedisClient,
  group: string,
  entries: readonly StreamEntry[],
  logger: Logger,
): Promise<void> {
  const idsByStream = new Map<string, string[]>();
  for (const { stream, id } of entries) {
    const ids = idsByStream.get(stream);
    if (ids) ids.push(id);
    else idsByStream.set(stream, [id]);
  }
  for (const [stream, ids] of idsByStream) {
    try {
      await redis.xAck(stream, group, ids);
    } catch (error) {
      // Not fatal: the entries stay pending, are reclaimed later, and the inbox makes that a no-op.
      logger.warn({ err: error, stream, entries: ids.length }, 'xack failed');
    }
  }
}
