import { decodeEnvelope } from '@fruitables/bus';
import { describe, expect, it } from 'vitest';
import { platformCatalogue, platformJsonSchema } from './catalogue.ts';

type JsonSchema = { properties?: Record<string, JsonSchema>; items?: JsonSchema; [key: string]: unknown };

function propertyNames(schema: JsonSchema | undefined): string[] {
  if (!schema) return [];
  const own = Object.entries(schema.properties ?? {}).flatMap(([name, child]) => [name, ...propertyNames(child)]);
  return [...own, ...propertyNames(schema.items)];
}

describe('the platform catalogue', () => {
  const schema = platformJsonSchema();
  const defs = schema.$defs as Record<string, JsonSchema>;

  it('exports a JSON Schema definition for every event, documented and versioned', () => {
    const types = Object.keys(platformCatalogue);
    expect(types).toEqual(
      expect.arrayContaining([
        'AccountRegistered',
        'FarmerApplicationSubmitted',
        'FarmerVerified',
        'FarmerRejected',
        'AccountDisabled',
      ]),
    );
    expect(Object.keys(defs).sort()).toEqual([...types].sort());
    expect((schema.oneOf as unknown[]).length).toBe(types.length);
    for (const [type, definition] of Object.entries(platformCatalogue)) {
      const def = defs[type];
      expect(def?.description).toBe(definition.description);
      expect(definition.description.length).toBeGreaterThan(40);
      expect(def?.properties?.type?.const).toBe(type);
      expect(def?.properties?.version?.const).toBe(definition.version);
      expect(def?.$id).toBe(`https://fruitables.kr/schemas/events/${type}.v${definition.version}`);
      expect(propertyNames(def?.properties?.data).length).toBeGreaterThan(0);
    }
  });

  it('carries no credentials, contact data or bank details in any event', () => {
    const forbidden = /password|hash|token|secret|email|phone|mobile|bank|account_?number|address/i;
    for (const [type, def] of Object.entries(defs)) {
      const leaks = propertyNames(def.properties?.data).filter((name) => forbidden.test(name));
      expect(leaks, type).toEqual([]);
    }
  });

  it('accepts what identity publishes and rejects what it must not', () => {
    const envelope = {
      id: '0196f0c2-7b3a-7c1e-8f00-1234567890ab',
      type: 'FarmerVerified',
      version: 1,
      occurredAt: '2026-11-21T12:00:00.000Z',
      producer: 'identity',
      aggregateId: '0196f0c2-7b3a-7c1e-8f00-000000000001',
      data: {
        applicationId: '0196f0c2-7b3a-7c1e-8f00-000000000002',
        accountId: '0196f0c2-7b3a-7c1e-8f00-000000000001',
        farmId: '0196f0c2-7b3a-7c1e-8f00-000000000003',
        farmName: '햇살농원',
        verifiedAt: '2026-11-21T12:00:00.000Z',
      },
    };
    expect(decodeEnvelope(platformCatalogue, JSON.stringify(envelope)).ok).toBe(true);
    const withoutFarm = { ...envelope, data: { ...envelope.data, farmId: undefined } };
    expect(decodeEnvelope(platformCatalogue, JSON.stringify(withoutFarm))).toMatchObject({
      ok: false,
      reason: 'invalid-data',
    });
  });
});
