import { newId } from '@fruitables/core';
import type { EventCatalogue, EventEnvelope, EventInput, EventType } from './catalogue.ts';

export interface PublishInput<C extends EventCatalogue, T extends EventType<C>> {
  type: T;
  aggregateId: string;
  data: EventInput<C, T>;
  traceId?: string;
  /** When it happened by the service's clock; defaults to now. Lets tests with a fixed clock stay deterministic. */
  occurredAt?: Date;
}

/**
 * Builds a validated envelope. Validating on the producer side means a bad payload fails
 * the producer's own transaction (where the bug is) instead of poisoning every consumer.
 */
export function buildEnvelope<C extends EventCatalogue, T extends EventType<C>>(
  catalogue: C,
  input: PublishInput<C, T>,
  producer: string,
): EventEnvelope<C, T> {
  const definition = catalogue[input.type];
  if (!definition) throw new Error(`event type ${input.type} is not in the catalogue`);
  const data = definition.data.parse(input.data);
  const envelope = {
    id: newId(),
    type: input.type,
    version: definition.version,
    occurredAt: (input.occurredAt ?? new Date()).toISOString(),
    producer,
    aggregateId: input.aggregateId,
    data,
    ...(input.traceId === undefined ? {} : { traceId: input.traceId }),
  };
  return envelope as EventEnvelope<C, T>;
}
