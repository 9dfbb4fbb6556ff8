export {
  defineCatalogue,
  defineEvent,
  type EventCatalogue,
  type EventData,
  type EventDefinition,
  type EventEnvelope,
  type EventInput,
  type EventType,
} from './catalogue.ts';
export { type Consumer, type ConsumerOptions, createConsumer } from './consumer.ts';
export type { EntryOutcome, EventHandler, EventHandlers } from './consumer-entry.ts';
export { type DeadLetter, sendToDeadLetter } from './dead-letter.ts';
export { type DecodeFailure, type DecodeResult, decodeEnvelope } from './decode.ts';
export { buildEnvelope, type PublishInput } from './encode.ts';
export { ENVELOPE_FIELD, type Envelope, envelopeSchema } from './envelope.ts';
export { type CatalogueJsonSchemaOptions, catalogueToJsonSchema } from './json-schema.ts';
export { type BusMetrics, createBusMetrics } from './metrics.ts';
export { type Producer, publishEvent, publishEvents } from './publish.ts';
export { closeRedis, openRedis, type RedisClient, type RedisConnection } from './redis.ts';
export { createOutboxRelay, type OutboxRelay, type OutboxRelayOptions } from './relay.ts';
export type { RelayedRow } from './relay-batch.ts';
export { type Backoff, exponentialBackoff } from './retry-schedule.ts';
export { type ConsumerWiring, createStreamConsumer } from './stream-consumer.ts';
export { compareStreamIds } from './stream-ids.ts';
export {
  createInboxTable,
  createOutboxTable,
  type InboxTable,
  type OutboxTable,
  outboxChannel,
} from './tables.ts';
export { oldestNeededId, type StreamTrimmerOptions, startStreamTrimmer, type TrimResult, trimStream } from './trim.ts';
