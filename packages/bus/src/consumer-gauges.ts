import type { BusMetrics } from './metrics.ts';
import type { RedisClient } from './redis.ts';

/** Sets the lag, pending and dead-letter gauges from Redis's own bookkeeping. */
export async function refreshConsumerGauges(
  redis: RedisClient,
  metrics: BusMetrics,
  target: { streams: readonly string[]; group: string; deadLetterStream: string },
): Promise<void> {
  const { group } = target;
  for (const stream of target.streams) {
    const groups = await redis.xInfoGroups(stream);
    const mine = groups.find((info) => String(info.name) === group);
    if (!mine) continue;
    // lag is null when Redis cannot compute it (e.g. after entries were deleted mid-stream).
    if (typeof mine.lag === 'number') metrics.consumerLag.set({ stream, group }, mine.lag);
    metrics.consumerPending.set({ stream, group }, Number(mine.pending));
  }
  metrics.deadLetterLength.set({ stream: target.deadLetterStream }, await redis.xLen(target.deadLetterStream));
}
