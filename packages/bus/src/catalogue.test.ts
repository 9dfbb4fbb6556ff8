import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCatalogue, defineEvent } from './catalogue.ts';
import { decodeEnvelope } from './decode.ts';
import { buildEnvelope } from './encode.ts';
import { catalogueToJsonSchema } from './json-schema.ts';
import { fixtureCatalogue } from './testing.ts';

describe('the event catalogue', () => {
  it('refuses a type defined twice and a version below 1', () => {
    const event = defineEvent({ type: 'Twice', version: 1, description: 'x', data: z.object({}) });
    expect(() => defineCatalogue([event, event])).toThrow(/defined twice/);
    expect(() => defineEvent({ type: 'Zero', version: 0, description: 'x', data: z.object({}) })).toThrow(RangeError);
  });

  it('round-trips an envelope it built', () => {
    const envelope = buildEnvelope(
      fixtureCatalogue,
      { type: 'FixtureNoticed', aggregateId: 'agg', data: { note: 'hello' }, traceId: 't' },
      'fixture',
    );
    expect(envelope).toMatchObject({ type: 'FixtureNoticed', version: 2, producer: 'fixture', traceId: 't' });
    expect(decodeEnvelope(fixtureCatalogue, JSON.stringify(envelope))).toEqual({ ok: true, event: envelope });
  });

  it('exports one JSON Schema definition per event, with type and version pinned', () => {
    const schema = catalogueToJsonSchema(fixtureCatalogue, { title: 'Fixture events' });
    const defs = schema.$defs as Record<
      string,
      { properties: Record<string, { const?: unknown }>; description: string }
    >;
    expect(Object.keys(defs).sort()).toEqual(Object.keys(fixtureCatalogue).sort());
    expect(schema.oneOf).toEqual(Object.keys(fixtureCatalogue).map((type) => ({ $ref: `#/$defs/${type}` })));
    for (const [type, definition] of Object.entries(fixtureCatalogue)) {
      const def = defs[type];
      expect(def?.properties.type?.const).toBe(type);
      expect(def?.properties.version?.const).toBe(definition.version);
      expect(def?.description).toBe(definition.description);
      expect(def?.properties.data).toMatchObject({ type: 'object' });
    }
    // Plain JSON: survives serialisation unchanged, so it can be written to a file as is.
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
