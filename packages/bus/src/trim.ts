import type { Logger } from 'pino';
import type { BusMetrics } from './metrics.ts';
import { isNoSuchKeyError, type RedisClient } from './redis.ts';
import { compareStreamIds, minStreamId } from './stream-ids.ts';
import { createWakeup } from './wakeup.ts';

export interface TrimResult {
  /** The MINID used (entries below it were removed), or null when the stream was left alone. */
  minId: string | null;
  trimmed: number;
}

/**
 * The oldest entry any group may still need: for each group, the earlier of its oldest
 * pending entry (delivered, not acknowledged) and its last-delivered id (everything after
 * it is undelivered). Null when the stream has no group: nobody has declared what they
 * need, so nothing is provably safe to drop.
 */
export async function oldestNeededId(redis: RedisClient, stream: string): Promise<string | null> {
  let groups: Awaited<ReturnType<RedisClient['xInfoGroups']>>;
  try {
    groups = await redis.xInfoGroups(stream);
  } catch (error) {
    if (isNoSuchKeyError(error)) return null;
    throw error;
  }
  if (groups.length === 0) return null;
  const needed: string[] = [];
  for (const group of groups) {
    const lastDelivered = String(group['last-delivered-id']);
    if (Number(group.pending) === 0) {
      needed.push(lastDelivered);
      continue;
    }
    const { firstId } = await redis.xPending(stream, String(group.name));
    needed.push(
      firstId !== null && compareStreamIds(String(firstId), lastDelivered) < 0 ? String(firstId) : lastDelivered,
    );
  }
  return minStreamId(needed) ?? null;
}

/**
 * Trims a stream behind its slowest group (XTRIM MINID removes only ids below the threshold).
 * Safe against concurrent consumers because what a group needs only moves forward: reads
 * advance last-delivered-id and acks shrink the pending list between our look and the trim.
 * (A group created afterwards at `0`, or moved back with SETID, cannot get trimmed entries back.)
 */
export async function trimStream(redis: RedisClient, stream: string): Promise<TrimResult> {
  const minId = await oldestNeededId(redis, stream);
  if (minId === null || minId === '0-0') return { minId: null, trimmed: 0 };
  const trimmed = await redis.xTrim(stream, 'MINID', minId);
  return { minId, trimmed };
}

export interface StreamTrimmerOptions {
  redis: RedisClient;
  streams: string[];
  intervalMs?: number;
  logger: Logger;
  metrics: BusMetrics;
}

/** Trims the given streams every `intervalMs`, one run at a time, until stopped. */
export function startStreamTrimmer(options: StreamTrimmerOptions): { stop(): Promise<void> } {
  const logger = options.logger.child({ component: 'stream-trimmer' });
  const wakeup = createWakeup();
  let stopping = false;
  const loop = (async () => {
    while (!stopping) {
      await wakeup.sleep(options.intervalMs ?? 60_000);
      for (const stream of stopping ? [] : options.streams) {
        try {
          const { trimmed, minId } = await trimStream(options.redis, stream);
          if (trimmed > 0) {
            options.metrics.entriesTrimmed.inc({ stream }, trimmed);
            logger.info({ stream, trimmed, minId }, 'stream trimmed');
          }
        } catch (error) {
          logger.error({ err: error, stream }, 'stream trim failed');
        }
      }
    }
  })();
  return {
    async stop() {
      stopping = true;
      wakeup.wake();
      await loop;
    },
  };
}
