import type { Executor } from '@fruitables/db';
import { sql } from 'drizzle-orm';
import type { EventCatalogue, EventEnvelope, EventType } from './catalogue.ts';
import { buildEnvelope, type PublishInput } from './encode.ts';
import { type OutboxTable, outboxChannel } from './tables.ts';

/** Who publishes: the service name that goes into every envelope and the stream its relay feeds. */
export interface Producer {
  name: string;
  stream: string;
}

/**
 * Records an event in the caller's transaction. The row and the state change it announces
 * commit or roll back together, so an event is never published for a change that did not
 * happen, nor lost for one that did.
 */
export async function publishEvent<
  TSchema extends Record<string, unknown>,
  C extends EventCatalogue,
  T extends EventType<C>,
>(
  tx: Executor<TSchema>,
  outbox: OutboxTable,
  catalogue: C,
  input: PublishInput<C, T>,
  producer: Producer,
): Promise<EventEnvelope<C, T>> {
  const [envelope] = await publishEvents(tx, outbox, catalogue, [input], producer);
  if (!envelope) throw new Error('publishEvents returned no envelope');
  return envelope;
}

/**
 * Like `publishEvent` for many events at once, in input order, in one statement whatever
 * their number: the envelopes travel as one JSON array, so the statement is cheap to build
 * and bind (a statement and a round trip per publish are a large share of a producer
 * transaction's cost), and there is no bind-parameter limit to chunk around.
 */
export async function publishEvents<
  TSchema extends Record<string, unknown>,
  C extends EventCatalogue,
  T extends EventType<C>,
>(
  tx: Executor<TSchema>,
  outbox: OutboxTable,
  catalogue: C,
  inputs: readonly PublishInput<C, T>[],
  producer: Producer,
): Promise<EventEnvelope<C, T>[]> {
  if (inputs.length === 0) return [];
  const envelopes = inputs.map((input) => buildEnvelope(catalogue, input, producer.name));
  const column = (name: keyof OutboxTable['_']['columns']) => sql.identifier(outbox[name].name);
  // Rows go in in ordinality order, so `seq` follows input order. The JSON goes over as text
  // (cast here), so no driver-side jsonb serializer can encode it a second time.
  //
  // The NOTIFY (delivered at commit) is asked for only when no other unsent row of the stream
  // is visible, i.e. when the relay has caught up and may be asleep. A transaction that
  // notified takes a database-wide lock in its commit (PreCommit_Notify) and holds it through
  // the WAL flush, so notifying commits run one at a time: on the 2-core bench machine with
  // 16 producers, notifying on every commit cost a quarter to a third of producer throughput.
  // While rows wait, the relay is busy and polls every `busyPollMs` anyway; under load almost
  // nobody notifies, and an idle relay is still woken by the first event. The check runs on
  // the statement's snapshot, which does not see this statement's own rows. What skipping
  // costs is bounded: a transaction that saw rows waiting and commits long after (when the
  // relay has backed off) waits at most the relay's idle poll interval.
  await tx.execute(sql`
    with inserted as (
      insert into ${outbox} (${column('id')}, ${column('stream')}, ${column('type')}, ${column('envelope')})
      select (item.envelope ->> 'id')::uuid, ${producer.stream}, item.envelope ->> 'type', item.envelope
      from jsonb_array_elements(${JSON.stringify(envelopes)}::text::jsonb) with ordinality as item (envelope, position)
      order by item.position
      returning 1
    )
    select pg_notify(${outboxChannel(outbox)}, '')
    where not exists (
      select 1 from ${outbox} where ${column('stream')} = ${producer.stream} and ${column('sentAt')} is null
    )`);
  return envelopes;
}
