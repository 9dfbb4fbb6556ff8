import { DomainError, type ErrorKind } from '@fruitables/core';

/**
 * Kinds that say the event itself cannot be applied: the handler refused its content, and the
 * same event will be refused the same way on every delivery. Retrying only delays the dead
 * letter and holds the entry pending, so these go to the dead-letter stream at once.
 *
 * Everything else is retried with backoff up to `maxAttempts`:
 * - `not_found` and `conflict` depend on state that may still move: events from another
 *   stream arrive in no fixed order (a farm's update before the event that created it), and
 *   another writer may finish first;
 * - `unauthenticated` and `forbidden` are this service's own credentials (an expired service
 *   token, a key being rotated), not the event's fault;
 * - `rate_limited`, `unavailable`, `upstream_failed`, `upstream_timed_out` are outages by definition;
 * - an error that is not a DomainError is a bug or an outage we cannot tell apart.
 */
const REJECTING_KINDS: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  'invalid',
  'unprocessable',
  'too_large',
  'unsupported_type',
]);

export type FailureDecision =
  | { action: 'dead-letter'; reason: 'handler-rejected'; error: string }
  | { action: 'retry'; error: string; minDelayMs: number };

/** What the consumer does with an entry whose handler threw `error`. */
export function decideOnFailure(error: unknown): FailureDecision {
  if (error instanceof DomainError) {
    const described = `${error.kind} ${error.code}: ${error.message}`;
    if (REJECTING_KINDS.has(error.kind)) return { action: 'dead-letter', reason: 'handler-rejected', error: described };
    return { action: 'retry', error: described, minDelayMs: (error.retryAfterSeconds ?? 0) * 1000 };
  }
  return { action: 'retry', error: error instanceof Error ? error.message : String(error), minDelayMs: 0 };
}
