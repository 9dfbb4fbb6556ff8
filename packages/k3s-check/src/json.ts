/** A value as it comes out of a YAML/JSON manifest: nothing a manifest cannot hold. */
export type Json = string | number | boolean | null | Json[] | JsonObject;
export type JsonObject = { [key: string]: Json };

export function isJsonObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: Json | undefined): JsonObject | undefined {
  return isJsonObject(value) ? value : undefined;
}

export function asArray(value: Json | undefined): Json[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

export function asString(value: Json | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Follows object keys from `value`; undefined as soon as a step is missing or not an object. */
export function dig(value: Json | undefined, ...keys: string[]): Json | undefined {
  let current = value;
  for (const key of keys) {
    const object = asObject(current);
    if (!object) return undefined;
    current = object[key];
  }
  return current;
}

/**
 * Converts parsed YAML into plain JSON and rejects anything else (dates, binary, maps with
 * non-string keys), so later code never meets a value Kubernetes would not accept either.
 */
export function toJson(value: unknown, where: string): Json {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${where}: ${value} is not a JSON number`);
    return value;
  }
  if (Array.isArray(value)) return value.map((item, index) => toJson(item, `${where}[${index}]`));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const result: JsonObject = {};
    for (const [key, item] of Object.entries(value)) result[key] = toJson(item, `${where}.${key}`);
    return result;
  }
  throw new Error(`${where}: ${typeof value} is not a plain JSON value`);
}

export function toJsonObject(value: unknown, where: string): JsonObject {
  const json = toJson(value, where);
  if (!isJsonObject(json)) throw new Error(`${where}: expected a mapping`);
  return json;
}

/** Deep copy; manifests are small, and transformers must never share nested objects. */
export function cloneJson<T extends Json>(value: T): T {
  return structuredClone(value);
}
