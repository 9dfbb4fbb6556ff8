import { ENVELOPE_FIELD } from './envelope.ts';
import type { RedisClient } from './redis.ts';
import type { StreamEntry } from './stream-entries.ts';

export interface DeadLetter {
  entry: StreamEntry;
  group: string;
  consumer: string;
  /**
   * A decode failure (`unknown-type`, `invalid-data`, …), `handler-rejected` (the handler threw
   * a domain error saying the event can never apply: dead-lettered on the first attempt) or
   * `handler-failed` (it kept failing for `maxAttempts` deliveries).
   */
  reason: string;
  error: string;
  attempts: number;
}

/**
 * Parks an entry on the dead-letter stream and acknowledges it in one MULTI, so it can
 * neither be lost between the two steps nor keep blocking the group's pending list. The
 * dead letter keeps everything needed to inspect or re-drive it by hand.
 */
export async function sendToDeadLetter(
  redis: RedisClient,
  deadLetterStream: string,
  letter: DeadLetter,
): Promise<void> {
  const { entry } = letter;
  const original = entry.fields[ENVELOPE_FIELD];
  await redis
    .multi()
    .xAdd(deadLetterStream, '*', {
      ...(original === undefined ? { originalFields: JSON.stringify(entry.fields) } : { [ENVELOPE_FIELD]: original }),
      reason: letter.reason,
      error: letter.error.slice(0, 2000),
      originalStream: entry.stream,
      originalId: entry.id,
      group: letter.group,
      consumer: letter.consumer,
      attempts: String(letter.attempts),
      failedAt: new Date().toISOString(),
    })
    .xAck(entry.stream, letter.group, entry.id)
    .exec();
}
