import { z } from 'zod';
import type { EventCatalogue } from './catalogue.ts';
import { envelopeSchema } from './envelope.ts';

export interface CatalogueJsonSchemaOptions {
  title?: string;
  /**
   * Prefix of each event's `$id`, e.g. `https://fruitables.kr/events/`. Every event gets an
   * `$id` so the `$ref`s zod emits inside an event's schema resolve within that event.
   */
  idBase?: string;
}

type JsonObject = Record<string, unknown>;

/**
 * The catalogue as one JSON Schema (2020-12) document: a `$defs` entry per event type with
 * the full envelope (type and version pinned, `data` the event's own schema) and a `oneOf`
 * over all of them, so non-TypeScript consumers and docs read the same contract we parse.
 */
export function catalogueToJsonSchema(catalogue: EventCatalogue, options: CatalogueJsonSchemaOptions = {}): JsonObject {
  const defs: Record<string, JsonObject> = {};
  for (const [type, definition] of Object.entries(catalogue)) {
    const schema = envelopeSchema
      .extend({ type: z.literal(type), version: z.literal(definition.version), data: definition.data })
      .meta({ title: `${type} v${definition.version}`, description: definition.description });
    // `input` describes what a consumer's parse accepts: unknown keys are stripped, not refused,
    // so the schema does not forbid additive changes (no `additionalProperties: false`).
    const { $schema: _nested, ...json } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
    defs[type] = { $id: `${options.idBase ?? 'urn:event:'}${type}.v${definition.version}`, ...json };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: options.title ?? 'Event catalogue',
    oneOf: Object.keys(defs).map((type) => ({ $ref: `#/$defs/${type}` })),
    $defs: defs,
  };
}
