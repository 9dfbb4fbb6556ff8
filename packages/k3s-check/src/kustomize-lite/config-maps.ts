import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { asArray, asObject, asString, isJsonObject, type Json, type JsonObject } from '../json.ts';
import { podSpecOf } from '../objects.ts';
import { expectKeys, objectList, requireString, stringList, UnsupportedKustomization } from './fields.ts';
import { resolveInside } from './paths.ts';

/** A ConfigMap made by `configMapGenerator`; its name gets the content hash at the end. */
export interface GeneratedConfigMap {
  object: JsonObject;
  originalName: string;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function generateConfigMaps(value: Json | undefined, dir: string, where: string): GeneratedConfigMap[] {
  return objectList(value, `${where}: configMapGenerator`).map((entry, index) => {
    const at = `${where}: configMapGenerator[${index}]`;
    expectKeys(entry, ['name', 'files', 'literals'], at);
    const name = requireString(entry.name, `${at}.name`);
    const data: JsonObject = {};
    for (const literal of stringList(entry.literals, `${at}.literals`)) {
      const [key, text] = splitPair(literal, `${at}.literals`);
      if (/^["']/.test(text)) {
        // kustomize strips one level of quotes here; not worth emulating, so refuse it.
        throw new UnsupportedKustomization(`${at}.literals: quoted value in "${literal}"`);
      }
      data[key] = text;
    }
    for (const file of stringList(entry.files, `${at}.files`)) {
      const [key, path] = file.includes('=') ? splitPair(file, `${at}.files`) : [basename(file), file];
      const bytes = readFileSync(resolveInside(dir, path, `${at}.files`));
      // kustomize moves non-UTF-8 files to binaryData; we do not, so refuse them.
      let text: string;
      try {
        text = strictUtf8.decode(bytes);
      } catch {
        throw new UnsupportedKustomization(`${at}.files: ${path} is not UTF-8 (binaryData is not supported)`);
      }
      data[key] = text;
    }
    return { originalName: name, object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data } };
  });
}

function splitPair(text: string, where: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new Error(`${where}: expected KEY=VALUE, got "${text}"`);
  return [text.slice(0, at), text.slice(at + 1)];
}

/** Control characters other than tab, newline and carriage return. */
function hasControlCharacters(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return true;
  }
  return false;
}

/**
 * kustomize's name suffix: sha256 over Go's json.Marshal of {data, kind, name}, first ten
 * hex digits with some letters swapped. Two quirks are reproduced on purpose: the name is
 * always "" (kustomize looks up the path "metadata/name" as a single key and never finds
 * it), and Go escapes <, > and & in strings.
 */
export function configMapHash(data: JsonObject): string {
  const sorted: JsonObject = {};
  for (const key of Object.keys(data).sort()) {
    const value = data[key];
    if (typeof value !== 'string') throw new Error(`ConfigMap data.${key} is not a string`);
    // Go and JavaScript escape these differently; refuse rather than hash them wrongly.
    if (hasControlCharacters(value)) {
      throw new UnsupportedKustomization(`ConfigMap data.${key} contains control characters`);
    }
    sorted[key] = value;
  }
  const json = JSON.stringify({ data: sorted, kind: 'ConfigMap', name: '' })
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
  const hex = new Bun.CryptoHasher('sha256').update(json).digest('hex');
  const swaps: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex.slice(0, 10)].map((char) => swaps[char] ?? char).join('');
}

/** Renames generated ConfigMaps to `<name>-<hash>` and repoints pod-spec references. */
export function applyConfigMapHashes(objects: JsonObject[], generated: readonly GeneratedConfigMap[]): void {
  const renames = new Map<string, string>();
  for (const { object, originalName } of generated) {
    const metadata = asObject(object.metadata);
    const data = asObject(object.data) ?? {};
    if (!metadata) throw new Error(`generated ConfigMap ${originalName} lost its metadata`);
    const hashed = `${originalName}-${configMapHash(data)}`;
    metadata.name = hashed;
    renames.set(originalName, hashed);
  }
  if (renames.size === 0) return;
  for (const object of objects) {
    const podSpec = podSpecOf(object);
    if (podSpec) rewritePodSpec(podSpec, renames);
  }
  assertNoStaleReferences(objects, renames);
}

function rename(holder: Json | undefined, field: string, renames: Map<string, string>): void {
  if (!isJsonObject(holder)) return;
  const current = asString(holder[field]);
  const next = current === undefined ? undefined : renames.get(current);
  if (next) holder[field] = next;
}

function rewritePodSpec(podSpec: JsonObject, renames: Map<string, string>): void {
  for (const volume of asArray(podSpec.volumes) ?? []) {
    rename(asObject(volume)?.configMap, 'name', renames);
    for (const source of asArray(asObject(asObject(volume)?.projected)?.sources) ?? []) {
      rename(asObject(source)?.configMap, 'name', renames);
    }
  }
  for (const field of ['initContainers', 'containers']) {
    for (const container of asArray(podSpec[field]) ?? []) {
      for (const env of asArray(asObject(container)?.env) ?? []) {
        rename(asObject(asObject(env)?.valueFrom)?.configMapKeyRef, 'name', renames);
      }
      for (const envFrom of asArray(asObject(container)?.envFrom) ?? []) {
        rename(asObject(envFrom)?.configMapRef, 'name', renames);
      }
    }
  }
}

/**
 * kustomize also renames references in places we do not model. If the old name still
 * appears anywhere, we cannot tell whether it is such a reference, so we stop.
 */
function assertNoStaleReferences(objects: readonly JsonObject[], renames: Map<string, string>): void {
  const visit = (value: Json, path: string): void => {
    if (typeof value === 'string' && renames.has(value)) {
      throw new UnsupportedKustomization(
        `${path} still says "${value}", a generated ConfigMap name the fallback does not know how to rewrite there`,
      );
    }
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) visit(item, `${path}[${index}]`);
    } else if (isJsonObject(value)) for (const [key, item] of Object.entries(value)) visit(item, `${path}.${key}`);
  };
  for (const object of objects) visit(object, `${asString(object.kind)}/${asString(asObject(object.metadata)?.name)}`);
}
