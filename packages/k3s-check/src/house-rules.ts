import { imageProblem } from './images.ts';
import { asArray, asObject, asString, dig, type Json, type JsonObject } from './json.ts';
import { containersOf, podLabelsOf, podSpecOf } from './objects.ts';
import type { Problem, Rule } from './problems.ts';

/** A rule switched off for one object, with the reason written down next to it. */
export interface HouseRuleException {
  /** `Kind/name` as printed by the CLI (without namespace). */
  object: string;
  rules: readonly Rule[];
  reason: string;
}

/**
 * None today. Pods that operators create from custom resources (the CloudNativePG instance
 * pods) never reach these rules because they are not in our manifests; the namespace's
 * `restricted` Pod Security label still checks them at admission. An entry here needs a
 * reason a reviewer can argue with.
 */
export const houseRuleExceptions: readonly HouseRuleException[] = [];

/** The pod-level value unless the container overrides it, as the kubelet resolves it. */
function effective(container: JsonObject, podSpec: JsonObject, ...path: string[]): Json | undefined {
  return dig(container, 'securityContext', ...path) ?? dig(podSpec, 'securityContext', ...path);
}

function containerProblems(container: JsonObject, podSpec: JsonObject, at: string): Problem[] {
  const problems: Problem[] = [];
  const add = (rule: Rule, path: string, message: string): void => {
    problems.push({ rule, path: `${at}.${path}`, message });
  };
  for (const bound of ['requests', 'limits']) {
    for (const resource of ['cpu', 'memory']) {
      if (dig(container, 'resources', bound, resource) === undefined) {
        add('resources', `resources.${bound}.${resource}`, 'is missing (every container states requests and limits)');
      }
    }
  }
  if (effective(container, podSpec, 'runAsNonRoot') !== true) {
    add('run-as-non-root', 'securityContext.runAsNonRoot', 'must be true (on the container or the pod)');
  }
  if (effective(container, podSpec, 'runAsUser') === 0) {
    add('root-user', 'securityContext.runAsUser', 'is 0 (root)');
  }
  if (dig(container, 'securityContext', 'allowPrivilegeEscalation') !== false) {
    add('privilege-escalation', 'securityContext.allowPrivilegeEscalation', 'must be false');
  }
  const drop = asArray(dig(container, 'securityContext', 'capabilities', 'drop')) ?? [];
  if (!drop.includes('ALL')) add('capabilities', 'securityContext.capabilities.drop', 'must include ALL');
  const added = asArray(dig(container, 'securityContext', 'capabilities', 'add')) ?? [];
  for (const capability of added.filter((item) => item !== 'NET_BIND_SERVICE')) {
    add(
      'capabilities',
      'securityContext.capabilities.add',
      `adds ${String(capability)} (restricted allows only NET_BIND_SERVICE)`,
    );
  }
  if (dig(container, 'securityContext', 'readOnlyRootFilesystem') !== true) {
    add(
      'read-only-root-fs',
      'securityContext.readOnlyRootFilesystem',
      'must be true (mount an emptyDir where it writes)',
    );
  }
  if (effective(container, podSpec, 'seccompProfile', 'type') !== 'RuntimeDefault') {
    add('seccomp', 'securityContext.seccompProfile.type', 'must be RuntimeDefault (on the container or the pod)');
  }
  const image = asString(container.image);
  const imageIssue = image === undefined ? 'is missing' : imageProblem(image);
  if (imageIssue) add('image-pinned', 'image', imageIssue);
  return problems;
}

function probePath(container: JsonObject, probe: string): string | undefined {
  return asString(dig(container, probe, 'httpGet', 'path'));
}

/** Deployments labelled component=service serve HTTP and must expose our health contract. */
function probeProblems(object: JsonObject): Problem[] {
  if (object.kind !== 'Deployment' || podLabelsOf(object)['app.kubernetes.io/component'] !== 'service') return [];
  return containersOf(object)
    .filter(({ path }) => !path.includes('initContainers'))
    .flatMap(({ container, path }) => {
      const problems: Problem[] = [];
      if (probePath(container, 'livenessProbe') !== '/healthz') {
        problems.push({
          rule: 'liveness-probe',
          path: `${path}.livenessProbe`,
          message: 'must be an httpGet on /healthz',
        });
      }
      if (probePath(container, 'readinessProbe') !== '/readyz') {
        problems.push({
          rule: 'readiness-probe',
          path: `${path}.readinessProbe`,
          message: 'must be an httpGet on /readyz',
        });
      }
      return problems;
    });
}

/** Our rules for anything that runs pods, on top of what the API schema allows. */
export function houseRuleProblems(object: JsonObject): Problem[] {
  const podSpec = podSpecOf(object);
  if (!podSpec) return [];
  const problems = containersOf(object).flatMap(({ container, path }) => containerProblems(container, podSpec, path));
  return [...problems, ...probeProblems(object)];
}

export function isExcepted(exceptions: readonly HouseRuleException[], object: JsonObject, problem: Problem): boolean {
  const id = `${asString(object.kind)}/${asString(asObject(object.metadata)?.name)}`;
  return exceptions.some((exception) => exception.object === id && exception.rules.includes(problem.rule));
}
