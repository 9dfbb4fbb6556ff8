import { imageProblem } from './images.ts';
import { asString, dig, isJsonObject, type JsonObject } from './json.ts';
import type { Problem } from './problems.ts';

interface CrdRule {
  /** Paths that must be present (and, for the last segment, not null). */
  required: string[][];
  /** Paths holding a container image, held to the same pinning rule as pods. */
  images: string[][];
}

/**
 * Custom resources we deploy. kubernetes-models has no schema for them and the CRDs are
 * not in the repo, so they get a structural check: the fields without which the operator
 * would do nothing useful. A custom kind not listed here is an error, not a pass.
 */
const crdRules: Record<string, CrdRule> = {
  'postgresql.cnpg.io/v1/Cluster': {
    required: [
      ['spec', 'instances'],
      ['spec', 'storage', 'size'],
      ['spec', 'bootstrap'],
      ['spec', 'backup', 'barmanObjectStore', 'destinationPath'],
    ],
    images: [['spec', 'imageName']],
  },
  // K3s' own: values for a packaged Helm chart (Traefik). Without values it does nothing.
  'helm.cattle.io/v1/HelmChartConfig': {
    required: [['spec', 'valuesContent']],
    images: [],
  },
  'postgresql.cnpg.io/v1/ScheduledBackup': {
    required: [
      ['spec', 'schedule'],
      ['spec', 'cluster', 'name'],
    ],
    images: [],
  },
};

export function isKnownCrd(typeKey: string): boolean {
  return typeKey in crdRules;
}

export function crdProblems(typeKey: string, object: JsonObject): Problem[] {
  const rule = crdRules[typeKey];
  if (!rule) return [];
  const problems: Problem[] = [];
  if (!isJsonObject(object.spec)) problems.push({ rule: 'crd-shape', path: 'spec', message: 'is missing' });
  for (const path of rule.required) {
    const value = dig(object, ...path);
    if (value === undefined || value === null) {
      problems.push({ rule: 'crd-shape', path: path.join('.'), message: 'is required' });
    }
  }
  for (const path of rule.images) {
    const image = asString(dig(object, ...path));
    const problem = image === undefined ? undefined : imageProblem(image);
    if (problem) problems.push({ rule: 'image-pinned', path: path.join('.'), message: problem });
  }
  return problems;
}
