import type { Logger } from 'pino';
import type { RedisClient } from './redis.ts';
import type { ScheduledRetry } from './retry-schedule.ts';
import { entriesOf, type StreamEntry } from './stream-entries.ts';

/** An entry together with how many times Redis has delivered it (the attempt number). */
export interface DeliveredEntry {
  entry: StreamEntry;
  deliveryCount: number;
}

export interface ClaimContext {
  /** The consumer's command connection. */
  redis: RedisClient;
  group: string;
  consumerName: string;
  logger: Logger;
  handle: (delivered: DeliveredEntry[]) => Promise<void>;
  isStopping: () => boolean;
}

/**
 * Handles entries this consumer has just claimed. XCLAIM and XAUTOCLAIM do not return
 * delivery counts; XPENDING does, and that count is the attempt counter that survives
 * crashes (every claim increments it), so a poison entry reaches `maxAttempts` even if it
 * kills each consumer that touches it.
 */
async function handleClaimed(ctx: ClaimContext, stream: string, entries: StreamEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const pending = await Promise.all(
    entries.map((entry) =>
      ctx.redis.xPendingRange(stream, ctx.group, entry.id, entry.id, 1, { consumer: ctx.consumerName }),
    ),
  );
  const delivered = entries.flatMap((entry, index) => {
    const deliveryCount = pending[index]?.[0]?.deliveriesCounter;
    // Not pending for us any more: acknowledged or claimed by someone else meanwhile.
    return deliveryCount === undefined ? [] : [{ entry, deliveryCount }];
  });
  await ctx.handle(delivered);
}

/**
 * Takes over entries that have been pending longer than `minIdleMs`, whoever holds them: a
 * consumer that died (or lost its connection) never acknowledges, and without this its
 * entries would stay pending forever.
 */
export async function claimAbandoned(
  ctx: ClaimContext,
  streams: readonly string[],
  options: { minIdleMs: number; count: number },
): Promise<void> {
  for (const stream of streams) {
    let cursor = '0-0';
    do {
      const reply = await ctx.redis.xAutoClaim(stream, ctx.group, ctx.consumerName, options.minIdleMs, cursor, {
        COUNT: options.count,
      });
      cursor = reply.nextId;
      const entries = entriesOf(stream, reply.messages);
      if (entries.length > 0) ctx.logger.info({ stream, count: entries.length }, 'reclaimed abandoned entries');
      await handleClaimed(ctx, stream, entries);
    } while (cursor !== '0-0' && !ctx.isStopping());
  }
}

/** Claims back this consumer's failed entries whose backoff has passed, and handles them again. */
export async function claimDueRetries(ctx: ClaimContext, due: readonly ScheduledRetry[]): Promise<void> {
  for (const retry of due) {
    if (ctx.isStopping()) return;
    const claimed = await ctx.redis.xClaim(retry.stream, ctx.group, ctx.consumerName, retry.minIdleMs, retry.id);
    await handleClaimed(ctx, retry.stream, entriesOf(retry.stream, claimed));
  }
}
