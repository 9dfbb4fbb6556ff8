import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  isInstalled,
  type JsonObject,
  objectId,
  type Problem,
  renderKustomization,
  UnsupportedKustomization,
  validateObjects,
} from './index.ts';
import { configMapHash } from './kustomize-lite/config-maps.ts';

const overlay = fileURLToPath(new URL('../../../k3s/overlays/single-node', import.meta.url));
const hasKubectl = isInstalled('kubectl');

function problemsOf(object: JsonObject): string[] {
  const [report] = validateObjects([object]).objects;
  return (report?.problems ?? []).map((problem: Problem) => `${problem.rule} ${problem.path}`);
}

function describeProblems(objects: JsonObject[]): string[] {
  return validateObjects(objects).objects.flatMap((report) =>
    report.problems.map((problem) => `${report.id}: ${problem.rule} ${problem.path} ${problem.message}`),
  );
}

describe('the single-node overlay', () => {
  it.skipIf(!hasKubectl)('renders with kubectl and passes every check', () => {
    const { engine, objects } = renderKustomization(overlay, { engine: 'kubectl' });
    expect(engine).toBe('kubectl');
    expect(describeProblems(objects)).toEqual([]);
  });

  it('renders with the built-in fallback and passes every check', () => {
    const { engine, objects } = renderKustomization(overlay, { engine: 'fallback' });
    expect(engine).toBe('fallback');
    expect(describeProblems(objects)).toEqual([]);
  });

  it.skipIf(!hasKubectl)('renders identically with kubectl and the fallback', () => {
    const real = renderKustomization(overlay, { engine: 'kubectl' }).objects;
    const lite = renderKustomization(overlay, { engine: 'fallback' }).objects;
    expect(lite.map(objectId)).toEqual(real.map(objectId));
    // Whole objects, not only names: labels, namespaces, image tags, patches and the
    // ConfigMap hash suffixes must all come out the same.
    expect(lite).toEqual(real);
  });

  it('holds the platform pieces the architecture asks for', () => {
    const { objects } = renderKustomization(overlay, { engine: 'fallback' });
    const ids = objects.map(objectId);
    expect(ids).toEqual(
      expect.arrayContaining([
        'Namespace/fruitables',
        'Deployment/fruitables/identity',
        'Service/fruitables/identity',
        'PodDisruptionBudget/fruitables/identity',
        'HorizontalPodAutoscaler/fruitables/identity',
        'Job/fruitables/migrate',
        'StatefulSet/fruitables/redis',
        'Cluster/fruitables/fruitables-pg',
        'Deployment/fruitables/edge',
        'Ingress/fruitables/edge',
        'Service/fruitables/edge-purge',
        'Deployment/fruitables/storefront',
        'Service/fruitables/storefront',
        'PodDisruptionBudget/fruitables/storefront',
        'NetworkPolicy/fruitables/storefront-egress',
        'NetworkPolicy/fruitables/default-deny-all',
      ]),
    );
    // Redis's users (rendered from packages/stack/src/redis-acl.ts), under a content-hashed name.
    expect(ids.some((id) => id.startsWith('ConfigMap/fruitables/redis-acl-rules-'))).toBe(true);
    const categories = validateObjects(objects).objects.filter((report) => report.category === 'crd');
    expect(categories.map((report) => report.id)).toEqual([
      // Traefik keeps the client's address (overlays/single-node/traefik-config.yaml).
      'HelmChartConfig/kube-system/traefik',
      'Cluster/fruitables/fruitables-pg',
      'ScheduledBackup/fruitables/fruitables-pg-daily',
    ]);
  });
});

/** A Deployment that passes every rule; each negative test breaks exactly one thing. */
function serviceDeployment() {
  const container: JsonObject = {
    name: 'identity',
    image: 'fruitables/identity:0.1.0',
    ports: [{ name: 'http', containerPort: 8080 }],
    resources: { requests: { cpu: '50m', memory: '96Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    livenessProbe: { httpGet: { path: '/healthz', port: 'http' } },
    readinessProbe: { httpGet: { path: '/readyz', port: 'http' } },
    securityContext: {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    },
  };
  const podSecurity: JsonObject = { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } };
  const labels = { 'app.kubernetes.io/name': 'identity', 'app.kubernetes.io/component': 'service' };
  const spec: JsonObject = {
    selector: { matchLabels: { 'app.kubernetes.io/name': 'identity' } },
    template: { metadata: { labels }, spec: { securityContext: podSecurity, containers: [container] } },
  };
  const deployment: JsonObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'identity' }, spec };
  return { deployment, spec, container, podSecurity };
}

describe('the validator', () => {
  it('accepts the reference service Deployment', () => {
    expect(problemsOf(serviceDeployment().deployment)).toEqual([]);
  });

  it('reports a container without limits', () => {
    const { deployment, container } = serviceDeployment();
    container.resources = { requests: { cpu: '50m', memory: '96Mi' } };
    expect(problemsOf(deployment)).toEqual([
      'resources spec.template.spec.containers[0].resources.limits.cpu',
      'resources spec.template.spec.containers[0].resources.limits.memory',
    ]);
  });

  it('reports a pod that runs as root', () => {
    const { deployment, container, podSecurity } = serviceDeployment();
    podSecurity.runAsUser = 0;
    podSecurity.runAsNonRoot = false;
    // The container stops overriding runAsNonRoot, so the pod-level root settings apply.
    container.securityContext = {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    };
    expect(problemsOf(deployment)).toEqual([
      'run-as-non-root spec.template.spec.containers[0].securityContext.runAsNonRoot',
      'root-user spec.template.spec.containers[0].securityContext.runAsUser',
    ]);
  });

  it('reports the latest tag and a missing tag', () => {
    const latest = serviceDeployment();
    latest.container.image = 'fruitables/identity:latest';
    expect(problemsOf(latest.deployment)).toEqual(['image-pinned spec.template.spec.containers[0].image']);
    const untagged = serviceDeployment();
    untagged.container.image = 'registry.local:5000/fruitables/identity';
    expect(problemsOf(untagged.deployment)).toEqual(['image-pinned spec.template.spec.containers[0].image']);
    const digest = serviceDeployment();
    digest.container.image = `fruitables/identity@sha256:${'a'.repeat(64)}`;
    expect(problemsOf(digest.deployment)).toEqual([]);
  });

  it('reports a service Deployment without a readiness probe', () => {
    const { deployment, container } = serviceDeployment();
    delete container.readinessProbe;
    expect(problemsOf(deployment)).toEqual(['readiness-probe spec.template.spec.containers[0].readinessProbe']);
  });

  it('reports a liveness probe on the wrong path', () => {
    const { deployment, container } = serviceDeployment();
    container.livenessProbe = { httpGet: { path: '/health', port: 'http' } };
    expect(problemsOf(deployment)).toEqual(['liveness-probe spec.template.spec.containers[0].livenessProbe']);
  });

  it('reports unknown fields, as the API server would', () => {
    const { deployment, spec, container } = serviceDeployment();
    spec.replica = 2;
    container.resourcez = {};
    expect(problemsOf(deployment)).toEqual([
      'unknown-field spec.replica',
      'unknown-field spec.template.spec.containers[0].resourcez',
    ]);
  });

  it('reports schema violations from kubernetes-models', () => {
    const { deployment, spec } = serviceDeployment();
    spec.replicas = 'two';
    expect(problemsOf(deployment)).toEqual(['schema spec.replicas']);
  });

  it('reports kinds it cannot check, including removed API versions', () => {
    const pdb: JsonObject = {
      apiVersion: 'policy/v1beta1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'identity' },
      spec: { maxUnavailable: 1 },
    };
    expect(problemsOf(pdb)).toEqual(['unknown-kind apiVersion']);
  });

  it('checks CloudNativePG clusters structurally', () => {
    const cluster: JsonObject = {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: 'fruitables-pg' },
      spec: {
        instances: 1,
        imageName: 'ghcr.io/cloudnative-pg/postgresql:latest',
        bootstrap: { initdb: {} },
        backup: { barmanObjectStore: { destinationPath: 's3://bucket/' } },
      },
    };
    expect(problemsOf(cluster)).toEqual(['crd-shape spec.storage.size', 'image-pinned spec.imageName']);
  });

  it('lets a documented exception silence one rule for one object only', () => {
    const { deployment, container } = serviceDeployment();
    container.securityContext = {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    };
    const exceptions = [{ object: 'Deployment/identity', rules: ['read-only-root-fs' as const], reason: 'test' }];
    expect(validateObjects([deployment], { exceptions }).problemCount).toBe(0);
    expect(problemsOf(deployment)).toEqual([
      'read-only-root-fs spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem',
    ]);
  });
});

describe('the fallback renderer', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function kustomization(text: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'k3s-check-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'kustomization.yaml'), text);
    writeFileSync(
      join(dir, 'config.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config\ndata:\n  key: value\n',
    );
    return dir;
  }

  it('fails loudly on a kustomization field it does not implement', () => {
    const dir = kustomization('resources:\n  - config.yaml\nnamePrefix: staging-\n');
    expect(() => renderKustomization(dir, { engine: 'fallback' })).toThrow(UnsupportedKustomization);
    expect(() => renderKustomization(dir, { engine: 'fallback' })).toThrow(/"namePrefix" is not supported/);
  });

  it('refuses strategic-merge patches instead of guessing', () => {
    const dir = kustomization(
      'resources:\n  - config.yaml\npatches:\n  - target: {kind: ConfigMap, name: config}\n    patch: |-\n      data: {key: other}\n',
    );
    expect(() => renderKustomization(dir, { engine: 'fallback' })).toThrow(/only JSON 6902 patches/);
  });

  it('refuses a patch whose target matches nothing', () => {
    const dir = kustomization(
      'resources:\n  - config.yaml\npatches:\n  - target: {kind: ConfigMap, name: typo}\n    patch: |-\n      - {op: remove, path: /data}\n',
    );
    expect(() => renderKustomization(dir, { engine: 'fallback' })).toThrow(/matches no object/);
  });

  it('hashes generated ConfigMaps exactly as kustomize does', () => {
    // Value produced by `kubectl kustomize` (kustomize v5.5.0) for this literal.
    expect(configMapHash({ REDIS_URL: 'redis://redis.fruitables.svc.cluster.local:6379' })).toBe('k7mb7bcbbf');
  });
});
