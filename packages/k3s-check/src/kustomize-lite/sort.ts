import { asString, dig, type JsonObject } from '../json.ts';
import { apiGroup } from '../objects.ts';

// kustomize's "legacy" output order: things others depend on first (namespaces, config,
// services before workloads), webhooks last, everything else by group/version/kind.
const first = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
const last = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function rank(kind: string): number {
  const early = first.indexOf(kind);
  if (early >= 0) return early - first.length;
  const late = last.indexOf(kind);
  return late >= 0 ? late + 1 : 0;
}

function sortKey(object: JsonObject): string {
  const version = (asString(object.apiVersion) ?? '').split('/').at(-1) ?? '';
  return [apiGroup(object) || '~G', version, asString(object.kind) ?? ''].join('_');
}

function idKey(object: JsonObject): string {
  return `${asString(dig(object, 'metadata', 'namespace')) ?? ''}|${asString(dig(object, 'metadata', 'name')) ?? ''}`;
}

/** Plain code-unit order, like Go's string comparison (not locale-aware). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortLikeKustomize(objects: readonly JsonObject[]): JsonObject[] {
  return [...objects].sort(
    (a, b) =>
      rank(asString(a.kind) ?? '') - rank(asString(b.kind) ?? '') ||
      compare(sortKey(a), sortKey(b)) ||
      compare(idKey(a), idKey(b)),
  );
}
