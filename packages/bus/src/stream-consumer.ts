import type { EventCatalogue } from './catalogue.ts';
import { type Consumer, type ConsumerOptions, createConsumer } from './consumer.ts';
import type { EventHandlers } from './consumer-entry.ts';
import type { InboxTable } from './tables.ts';

/**
 * What a service's runner hands each of its consumers: connections, observability and its
 * consumer name. Tests add a stream of their own and a short BLOCK.
 */
export interface ConsumerWiring<TSchema extends Record<string, unknown>>
  extends Pick<ConsumerOptions<EventCatalogue, TSchema>, 'redis' | 'db' | 'logger' | 'metrics' | 'consumerName'> {
  /** The producer's stream by default; tests use a stream of their own. */
  stream?: string;
  blockMs?: number;
}

/**
 * A consumer group on one other service's stream, applying each event once through the
 * service's inbox: the common case, so a service states only what it listens to and why.
 */
export function createStreamConsumer<C extends EventCatalogue, TSchema extends Record<string, unknown>>(
  wiring: ConsumerWiring<TSchema>,
  subscription: { stream: string; group: string; catalogue: C; inbox: InboxTable; handlers: EventHandlers<C, TSchema> },
): Consumer {
  return createConsumer<C, TSchema>({
    redis: wiring.redis,
    db: wiring.db,
    logger: wiring.logger,
    metrics: wiring.metrics,
    consumerName: wiring.consumerName,
    streams: [wiring.stream ?? subscription.stream],
    group: subscription.group,
    catalogue: subscription.catalogue,
    inbox: subscription.inbox,
    handlers: subscription.handlers,
    ...(wiring.blockMs === undefined ? {} : { blockMs: wiring.blockMs }),
  });
}
