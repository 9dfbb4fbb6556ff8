import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { JsonObject } from '../json.ts';
import { parseManifests } from '../manifests.ts';
import { applyConfigMapHashes, generateConfigMaps } from './config-maps.ts';
import { expectKeys, stringList, UnsupportedKustomization } from './fields.ts';
import { resolveInside } from './paths.ts';
import { sortLikeKustomize } from './sort.ts';
import { applyImages, applyLabels, applyNamespace, applyPatches, applyReplicas } from './transformers.ts';

const kustomizationFiles = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** The kustomization fields this renderer implements; anything else stops it. */
const supportedFields = [
  'apiVersion',
  'kind',
  'resources',
  'namespace',
  'labels',
  'images',
  'replicas',
  'patches',
  'configMapGenerator',
];

/**
 * A small, dependency-free stand-in for `kustomize build`, used only where neither kubectl
 * nor kustomize is installed (fresh CI machines). It implements exactly the subset our
 * manifests use, in kustomize's order (resources, generators, patches, namespace, labels,
 * replicas, images, then name hashes), and throws on everything else. The k3s-check tests
 * render the real overlay both ways and require identical output, so the two cannot drift
 * unnoticed on a machine that has kubectl.
 */
export function buildKustomization(dir: string): JsonObject[] {
  return sortLikeKustomize(build(resolve(dir), []));
}

function build(dir: string, stack: readonly string[]): JsonObject[] {
  if (stack.includes(dir)) throw new Error(`kustomization cycle: ${[...stack, dir].join(' -> ')}`);
  const file = kustomizationFiles.map((name) => join(dir, name)).find((path) => existsSync(path));
  if (!file) throw new Error(`${dir}: no kustomization.yaml`);
  const documents = parseManifests(readFileSync(file, 'utf8'), file);
  const kustomization = documents[0];
  if (!kustomization || documents.length !== 1) throw new Error(`${file}: expected exactly one YAML document`);
  expectKeys(kustomization, supportedFields, file);
  if (kustomization.kind !== undefined && kustomization.kind !== 'Kustomization') {
    throw new UnsupportedKustomization(`${file}: kind ${String(kustomization.kind)} is not supported`);
  }

  const objects: JsonObject[] = [];
  for (const entry of stringList(kustomization.resources, `${file}: resources`)) {
    const target = resolve(dir, entry);
    if (existsSync(target) && statSync(target).isDirectory()) {
      objects.push(...build(target, [...stack, dir]));
    } else {
      const path = resolveInside(dir, entry, `${file}: resources`);
      objects.push(...parseManifests(readFileSync(path, 'utf8'), path));
    }
  }
  const generated = generateConfigMaps(kustomization.configMapGenerator, dir, file);
  objects.push(...generated.map(({ object }) => object));

  applyPatches(objects, kustomization.patches, dir, file);
  applyNamespace(objects, kustomization.namespace, file);
  applyLabels(objects, kustomization.labels, file);
  applyReplicas(objects, kustomization.replicas, file);
  applyImages(objects, kustomization.images, file);
  applyConfigMapHashes(objects, generated);
  return objects;
}
