import type { EventCatalogue, EventEnvelope } from './catalogue.ts';
import { envelopeSchema } from './envelope.ts';

/** Why an entry could not be turned into an event; also the `reason` of its dead letter. */
export type DecodeFailure =
  | 'missing-envelope'
  | 'malformed-json'
  | 'invalid-envelope'
  | 'unknown-type'
  | 'unknown-version'
  | 'invalid-data';

export type DecodeResult<C extends EventCatalogue> =
  | { ok: true; event: EventEnvelope<C> }
  | { ok: false; reason: DecodeFailure; message: string };

/**
 * Parses and validates a stream entry's envelope against the consumer's catalogue. Never
 * throws: an entry no code change on this side can fix is a dead letter, not a crash loop.
 */
export function decodeEnvelope<C extends EventCatalogue>(catalogue: C, raw: string | undefined): DecodeResult<C> {
  if (raw === undefined) return { ok: false, reason: 'missing-envelope', message: 'entry has no envelope field' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { ok: false, reason: 'malformed-json', message: error instanceof Error ? error.message : String(error) };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { ok: false, reason: 'invalid-envelope', message: summarize(envelope.error.issues) };
  const { type, version } = envelope.data;
  const definition = Object.hasOwn(catalogue, type) ? catalogue[type] : undefined;
  if (!definition) return { ok: false, reason: 'unknown-type', message: `unknown event type ${type}` };
  if (definition.version !== version) {
    return { ok: false, reason: 'unknown-version', message: `${type} v${version} is not v${definition.version}` };
  }
  const data = definition.data.safeParse(envelope.data.data);
  if (!data.success) return { ok: false, reason: 'invalid-data', message: summarize(data.error.issues) };
  return { ok: true, event: { ...envelope.data, data: data.data } as EventEnvelope<C> };
}

function summarize(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
