import { isBusyGroupError, type RedisClient } from './redis.ts';

/**
 * Creates the group at the start of the stream (`0`), creating the stream if needed. Starting
 * at `0` rather than `$` means a group created after events were appended still sees them,
 * and a group recreated after it vanished replays what is left instead of silently skipping
 * it; the inbox turns the replay into no-ops.
 */
export async function ensureGroup(redis: RedisClient, stream: string, group: string): Promise<void> {
  try {
    await redis.xGroupCreate(stream, group, '0', { MKSTREAM: true });
  } catch (error) {
    if (!isBusyGroupError(error)) throw error;
  }
}
