import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { asArray, asObject, asString, dig, type Json, type JsonObject, toJson } from '../json.ts';
import { apiGroup, objectId, podSpecPath } from '../objects.ts';
import { expectKeys, objectList, optionalString, requireString, UnsupportedKustomization } from './fields.ts';
import { applyOperation, parseOperations } from './json-patch.ts';
import { resolveInside } from './paths.ts';

function metadataOf(object: JsonObject): JsonObject {
  const metadata = asObject(object.metadata);
  if (!metadata) throw new Error(`${objectId(object)} has no metadata`);
  return metadata;
}

/** The object at `path`, created (as kustomize does with `create: true`) when missing. */
function ensureObject(root: JsonObject, path: readonly string[]): JsonObject {
  let current = root;
  for (const key of path) {
    const next = asObject(current[key]) ?? {};
    current[key] = next;
    current = next;
  }
  return current;
}

/** JSON 6902 `patches` with a target. Strategic-merge patches are refused, not guessed at. */
export function applyPatches(objects: JsonObject[], value: Json | undefined, dir: string, where: string): void {
  objectList(value, `${where}: patches`).forEach((entry, index) => {
    const at = `${where}: patches[${index}]`;
    expectKeys(entry, ['patch', 'path', 'target'], at);
    const inline = optionalString(entry.patch, `${at}.patch`);
    const file = optionalString(entry.path, `${at}.path`);
    if ((inline === undefined) === (file === undefined)) throw new Error(`${at}: give exactly one of patch or path`);
    const text = inline ?? readFileSync(resolveInside(dir, file ?? '', `${at}.path`), 'utf8');
    const operations = parseOperations(toJson(parse(text), at), at);
    const target = asObject(entry.target);
    if (!target) throw new UnsupportedKustomization(`${at}: a JSON 6902 patch needs a target`);
    expectKeys(target, ['group', 'version', 'kind', 'name', 'namespace'], `${at}.target`);
    const matches = objects.filter((object) => matchesTarget(object, target, `${at}.target`));
    // Stricter than kustomize, which silently ignores a target that matches nothing: here
    // that is almost always a typo in an overlay.
    if (matches.length === 0) throw new Error(`${at}: target matches no object`);
    for (const object of matches) {
      for (const operation of operations) applyOperation(object, operation, `${at} on ${objectId(object)}`);
    }
  });
}

function matchesTarget(object: JsonObject, target: JsonObject, where: string): boolean {
  const name = optionalString(target.name, `${where}.name`);
  // kustomize reads target names as regular expressions; only plain names are supported.
  if (name !== undefined && /[\\^$*+?()[\]{}|]/.test(name)) {
    throw new UnsupportedKustomization(`${where}.name: patterns are not supported ("${name}")`);
  }
  const apiVersion = asString(object.apiVersion) ?? '';
  const version = apiVersion.split('/').at(-1);
  const checks: [Json | undefined, string | undefined][] = [
    [target.group, apiGroup(object)],
    [target.version, version],
    [target.kind, asString(object.kind)],
    [target.name, asString(dig(object, 'metadata', 'name'))],
    [target.namespace, asString(dig(object, 'metadata', 'namespace'))],
  ];
  return checks.every(([wanted, actual]) => wanted === undefined || wanted === actual);
}

const clusterScopedKinds = new Set([
  'Namespace',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'ClusterRole',
  'Node',
]);

// kustomize rewrites namespaces inside these (subjects, webhook and service references);
// we do not, so they stop the fallback instead of rendering subtly wrong.
const namespaceReferencingKinds = new Set([
  'RoleBinding',
  'ClusterRoleBinding',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'APIService',
  'CustomResourceDefinition',
]);

export function applyNamespace(objects: JsonObject[], value: Json | undefined, where: string): void {
  const namespace = optionalString(value, `${where}: namespace`);
  if (namespace === undefined) return;
  for (const object of objects) {
    const kind = asString(object.kind) ?? '';
    if (namespaceReferencingKinds.has(kind)) {
      throw new UnsupportedKustomization(`${where}: namespace on ${kind} is not supported by the fallback`);
    }
    if (!clusterScopedKinds.has(kind)) metadataOf(object).namespace = namespace;
  }
}

/** kustomize's template field specs for `labels` with includeTemplates: true. */
function templateLabelPaths(kind: string): string[][] {
  if (kind === 'CronJob')
    return [
      ['spec', 'jobTemplate', 'metadata', 'labels'],
      ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels'],
    ];
  const podSpec = podSpecPath(kind);
  if (!podSpec || kind === 'Pod') return [];
  return [[...podSpec.slice(0, -1), 'metadata', 'labels']];
}

export function applyLabels(objects: JsonObject[], value: Json | undefined, where: string): void {
  objectList(value, `${where}: labels`).forEach((entry, index) => {
    const at = `${where}: labels[${index}]`;
    expectKeys(entry, ['pairs', 'includeSelectors', 'includeTemplates'], at);
    if (entry.includeSelectors === true) {
      throw new UnsupportedKustomization(`${at}: includeSelectors: true is not supported`);
    }
    const pairs = asObject(entry.pairs);
    if (!pairs) throw new Error(`${at}.pairs: expected a mapping`);
    for (const [key, label] of Object.entries(pairs)) requireString(label, `${at}.pairs.${key}`);
    for (const object of objects) {
      Object.assign(ensureObject(metadataOf(object), ['labels']), pairs);
      if (entry.includeTemplates !== true) continue;
      const kind = asString(object.kind) ?? '';
      for (const path of templateLabelPaths(kind)) Object.assign(ensureObject(object, path), pairs);
      if (kind === 'StatefulSet') {
        for (const claim of asArray(dig(object, 'spec', 'volumeClaimTemplates')) ?? []) {
          const template = asObject(claim);
          if (template) Object.assign(ensureObject(template, ['metadata', 'labels']), pairs);
        }
      }
    }
  });
}

const scalableKinds = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

export function applyReplicas(objects: JsonObject[], value: Json | undefined, where: string): void {
  objectList(value, `${where}: replicas`).forEach((entry, index) => {
    const at = `${where}: replicas[${index}]`;
    expectKeys(entry, ['name', 'count'], at);
    const name = requireString(entry.name, `${at}.name`);
    if (typeof entry.count !== 'number' || !Number.isInteger(entry.count))
      throw new Error(`${at}.count: expected an integer`);
    const targets = objects.filter(
      (object) => scalableKinds.has(asString(object.kind) ?? '') && dig(object, 'metadata', 'name') === name,
    );
    // Same as kustomize: a count for nothing is an error.
    if (targets.length === 0) throw new Error(`${at}: no Deployment/StatefulSet/ReplicaSet named ${name}`);
    for (const object of targets) ensureObject(object, ['spec']).replicas = entry.count;
  });
}

/** Splits `registry:port/repo:tag@digest` into the name kustomize matches on and the rest. */
function splitImage(image: string): { name: string; tag?: string; digest?: string } {
  const [withoutDigest = '', digest] = image.split('@', 2);
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const parts: { name: string; tag?: string; digest?: string } =
    colon > slash
      ? { name: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1) }
      : { name: withoutDigest };
  if (digest !== undefined) parts.digest = digest;
  return parts;
}

export function applyImages(objects: JsonObject[], value: Json | undefined, where: string): void {
  const rules = objectList(value, `${where}: images`).map((entry, index) => {
    const at = `${where}: images[${index}]`;
    expectKeys(entry, ['name', 'newName', 'newTag', 'digest'], at);
    return {
      name: requireString(entry.name, `${at}.name`),
      newName: optionalString(entry.newName, `${at}.newName`),
      newTag: optionalString(entry.newTag, `${at}.newTag`),
      digest: optionalString(entry.digest, `${at}.digest`),
    };
  });
  if (rules.length === 0) return;
  for (const object of objects) {
    const path = podSpecPath(asString(object.kind) ?? '');
    const podSpec = path ? asObject(dig(object, ...path)) : undefined;
    for (const field of ['initContainers', 'containers']) {
      for (const item of asArray(podSpec?.[field]) ?? []) {
        const container = asObject(item);
        const image = asString(container?.image);
        if (!container || image === undefined) continue;
        const parts = splitImage(image);
        const rule = rules.find((candidate) => candidate.name === parts.name);
        if (!rule) continue;
        // As kustomize: setting either a tag or a digest replaces both; setting neither
        // (only newName) keeps what the manifest had.
        const changed = rule.newTag !== undefined || rule.digest !== undefined;
        const tag = changed ? rule.newTag : parts.tag;
        const digest = changed ? rule.digest : parts.digest;
        container.image = `${rule.newName ?? parts.name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
      }
    }
  }
}
