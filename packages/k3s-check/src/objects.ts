import { asArray, asObject, asString, dig, type Json, type JsonObject } from './json.ts';

/** `Kind/name`, or `Kind/namespace/name` when namespaced: how objects are named in output. */
export function objectId(object: JsonObject): string {
  const kind = asString(object.kind) ?? '<no kind>';
  const name = asString(dig(object, 'metadata', 'name')) ?? '<no name>';
  const namespace = asString(dig(object, 'metadata', 'namespace'));
  return namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
}

/** `group/version/Kind`, with the empty core group written as plain `version/Kind`. */
export function typeKey(object: JsonObject): string {
  return `${asString(object.apiVersion) ?? ''}/${asString(object.kind) ?? ''}`;
}

export function apiGroup(object: JsonObject): string {
  const apiVersion = asString(object.apiVersion) ?? '';
  return apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';
}

const podSpecPaths: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** Where a workload keeps its pod spec, as path segments; undefined for non-workloads. */
export function podSpecPath(kind: string): string[] | undefined {
  return podSpecPaths[kind];
}

export function podSpecOf(object: JsonObject): JsonObject | undefined {
  const path = podSpecPath(asString(object.kind) ?? '');
  return path ? asObject(dig(object, ...path)) : undefined;
}

/** Labels of the pods a workload creates (the template's), or of the Pod itself. */
export function podLabelsOf(object: JsonObject): JsonObject {
  const path = podSpecPath(asString(object.kind) ?? '');
  if (!path) return {};
  return asObject(dig(object, ...path.slice(0, -1), 'metadata', 'labels')) ?? {};
}

export interface ContainerRef {
  container: JsonObject;
  /** Dotted path for messages, e.g. `spec.template.spec.containers[0]`. */
  path: string;
}

export function containersOf(object: JsonObject): ContainerRef[] {
  const path = podSpecPath(asString(object.kind) ?? '');
  const podSpec = podSpecOf(object);
  if (!path || !podSpec) return [];
  const refs: ContainerRef[] = [];
  for (const field of ['initContainers', 'containers']) {
    const list = asArray(podSpec[field]) ?? [];
    list.forEach((item: Json, index) => {
      const container = asObject(item);
      if (container) refs.push({ container, path: `${path.join('.')}.${field}[${index}]` });
    });
  }
  return refs;
}
