import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * The bus's Prometheus series, registered once per process on the service's registry and
 * shared by its relay, consumers and trimmer (prom-client refuses duplicate names, and the
 * `stream`/`group` labels keep instances apart).
 */
export interface BusMetrics {
  eventsPublished: Counter<'stream'>;
  outboxUnsent: Gauge<'stream'>;
  outboxOldestUnsentSeconds: Gauge<'stream'>;
  consumerLag: Gauge<'stream' | 'group'>;
  consumerPending: Gauge<'stream' | 'group'>;
  eventsHandled: Counter<'group' | 'type' | 'outcome'>;
  handlerDuration: Histogram<'group' | 'type' | 'outcome'>;
  handlerFailures: Counter<'group' | 'type'>;
  deadLettered: Counter<'stream' | 'group' | 'reason'>;
  deadLetterLength: Gauge<'stream'>;
  entriesTrimmed: Counter<'stream'>;
}

export function createBusMetrics(registry: Registry): BusMetrics {
  const registers = [registry];
  return {
    eventsPublished: new Counter({
      name: 'bus_events_published_total',
      help: 'Outbox events appended to their stream by the relay (a re-send after a crash counts again).',
      labelNames: ['stream'],
      registers,
    }),
    outboxUnsent: new Gauge({
      name: 'bus_outbox_unsent',
      help: 'Committed outbox rows not yet appended to the stream.',
      labelNames: ['stream'],
      registers,
    }),
    outboxOldestUnsentSeconds: new Gauge({
      name: 'bus_outbox_oldest_unsent_age_seconds',
      help: 'Age of the oldest unsent outbox row (0 when none): how far the relay is behind.',
      labelNames: ['stream'],
      registers,
    }),
    consumerLag: new Gauge({
      name: 'bus_consumer_lag',
      help: 'Stream entries not yet delivered to the group (XINFO GROUPS lag).',
      labelNames: ['stream', 'group'],
      registers,
    }),
    consumerPending: new Gauge({
      name: 'bus_consumer_pending',
      help: 'Entries delivered to the group but not yet acknowledged.',
      labelNames: ['stream', 'group'],
      registers,
    }),
    eventsHandled: new Counter({
      name: 'bus_events_handled_total',
      help: 'Entries a consumer finished: handled, duplicate (already in the inbox) or ignored (no handler).',
      labelNames: ['group', 'type', 'outcome'],
      registers,
    }),
    handlerDuration: new Histogram({
      name: 'bus_handler_duration_seconds',
      help: 'Time to run a handler and commit its transaction.',
      labelNames: ['group', 'type', 'outcome'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    handlerFailures: new Counter({
      name: 'bus_handler_failures_total',
      help: 'Handler attempts that threw (each retry counts).',
      labelNames: ['group', 'type'],
      registers,
    }),
    deadLettered: new Counter({
      name: 'bus_dead_lettered_total',
      help: 'Entries moved to the dead-letter stream, by reason.',
      labelNames: ['stream', 'group', 'reason'],
      registers,
    }),
    deadLetterLength: new Gauge({
      name: 'bus_dead_letter_length',
      help: 'Entries waiting on a dead-letter stream for someone to look at them.',
      labelNames: ['stream'],
      registers,
    }),
    entriesTrimmed: new Counter({
      name: 'bus_stream_entries_trimmed_total',
      help: 'Entries removed from a stream behind its slowest group.',
      labelNames: ['stream'],
      registers,
    }),
  };
}
