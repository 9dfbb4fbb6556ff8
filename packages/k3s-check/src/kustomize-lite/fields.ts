import { asArray, asObject, asString, type Json, type JsonObject } from '../json.ts';

/**
 * Every reader here throws on keys it does not know. A renderer that skipped an unknown
 * field would produce different manifests from kustomize without saying so, which is
 * worse than not rendering at all.
 */
export class UnsupportedKustomization extends Error {
  override name = 'UnsupportedKustomization';
}

export function expectKeys(object: JsonObject, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      throw new UnsupportedKustomization(
        `${where}: "${key}" is not supported by the fallback renderer (supported: ${allowed.join(', ')}); ` +
          'render with kubectl or kustomize, or teach packages/k3s-check/src/kustomize-lite about it',
      );
    }
  }
}

export function requireString(value: Json | undefined, where: string): string {
  const text = asString(value);
  if (text === undefined || text === '') throw new Error(`${where}: expected a non-empty string`);
  return text;
}

export function optionalString(value: Json | undefined, where: string): string | undefined {
  return value === undefined ? undefined : requireString(value, where);
}

/** A list of mappings, e.g. `images:`; a missing field is an empty list. */
export function objectList(value: Json | undefined, where: string): JsonObject[] {
  if (value === undefined) return [];
  const list = asArray(value);
  if (!list) throw new Error(`${where}: expected a list`);
  return list.map((item, index) => {
    const object = asObject(item);
    if (!object) throw new Error(`${where}[${index}]: expected a mapping`);
    return object;
  });
}

export function stringList(value: Json | undefined, where: string): string[] {
  if (value === undefined) return [];
  const list = asArray(value);
  if (!list) throw new Error(`${where}: expected a list`);
  return list.map((item, index) => requireString(item, `${where}[${index}]`));
}
