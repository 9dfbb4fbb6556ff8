import * as apps from 'kubernetes-models/apps/v1';
import * as autoscaling from 'kubernetes-models/autoscaling/v2';
import * as batch from 'kubernetes-models/batch/v1';
import * as networking from 'kubernetes-models/networking.k8s.io/v1';
import * as policy from 'kubernetes-models/policy/v1';
import * as rbac from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import * as scheduling from 'kubernetes-models/scheduling.k8s.io/v1';
import * as storage from 'kubernetes-models/storage.k8s.io/v1';
import * as core from 'kubernetes-models/v1';
import { isJsonObject, type Json, type JsonObject } from './json.ts';
import type { Problem } from './problems.ts';

interface Validatable {
  validate(): void;
}

interface ModelClass {
  readonly apiVersion: string;
  readonly kind: string;
  readonly prototype: Validatable;
  new (data: JsonObject): Validatable;
}

function isModelClass(value: unknown): value is ModelClass {
  return (
    typeof value === 'function' &&
    'apiVersion' in value &&
    typeof value.apiVersion === 'string' &&
    'kind' in value &&
    typeof value.kind === 'string'
  );
}

// Only current, stable API groups: an object written against a removed or beta version
// (policy/v1beta1, autoscaling/v2beta2, extensions/...) shows up as an unknown kind.
const models = new Map<string, ModelClass>();
for (const group of [core, apps, batch, autoscaling, policy, networking, rbac, scheduling, storage]) {
  for (const value of Object.values(group)) {
    if (isModelClass(value)) models.set(`${value.apiVersion}/${value.kind}`, value);
  }
}

export function modelFor(typeKey: string): ModelClass | undefined {
  return models.get(typeKey);
}

/** `/spec/template/0` (JSON pointer, as ajv reports) -> `spec.template[0]`. */
function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce(
      (path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment),
      '',
    );
}

interface AjvError {
  instancePath: string;
  message?: string;
}

function isAjvErrorList(value: unknown): value is AjvError[] {
  return (
    Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null && 'instancePath' in item)
  );
}

/** Schema errors from kubernetes-models (types, required fields, enums, formats). */
export function schemaProblems(model: ModelClass, object: JsonObject): Problem[] {
  try {
    new model(object).validate();
    return [];
  } catch (error) {
    const errors = typeof error === 'object' && error !== null && 'errors' in error ? error.errors : undefined;
    if (!isAjvErrorList(errors)) return [{ rule: 'schema', path: '', message: String(error) }];
    return errors.map((item) => ({
      rule: 'schema',
      path: pointerToPath(item.instancePath),
      message: item.message ?? 'is invalid',
    }));
  }
}

interface Visit {
  object: JsonObject;
  path: string;
  read: Set<string>;
  /** The schema iterated all keys: a free-form map such as labels or data. */
  enumerated: boolean;
}

/**
 * Fields the API server would reject as unknown (what `kubectl apply --validate=strict`
 * reports). The generated schemas do not set additionalProperties: false, so instead we
 * watch which keys the compiled validator reads: it reads every property its schema
 * declares and enumerates only free-form maps. A key it neither read nor enumerated is not
 * in the schema. If a future kubernetes-models stops reading keys this way, this finds
 * nothing rather than too much, and the negative test in k3s.test.ts goes red.
 */
export function unknownFieldProblems(model: ModelClass, object: JsonObject): Problem[] {
  const visits: Visit[] = [];
  const proxies = new WeakMap<object, object>();

  const watch = (value: Json, path: string): Json => {
    if (typeof value !== 'object' || value === null) return value;
    const known = proxies.get(value);
    if (known) return known as Json;
    const visit: Visit | undefined = isJsonObject(value)
      ? { object: value, path, read: new Set(), enumerated: false }
      : undefined;
    if (visit) visits.push(visit);
    const child = (key: string): string => (Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key);
    const proxy = new Proxy(value, {
      get(target, key, receiver) {
        const item: unknown = Reflect.get(target, key, receiver);
        if (typeof key !== 'string' || !Object.hasOwn(target, key)) return item;
        visit?.read.add(key);
        return watch(item as Json, child(key));
      },
      has(target, key) {
        if (typeof key === 'string') visit?.read.add(key);
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        if (visit) visit.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
    proxies.set(value, proxy);
    return proxy as Json;
  };

  try {
    Reflect.apply(model.prototype.validate, watch(object, ''), []);
  } catch {
    // Schema errors are reported by schemaProblems; here only the reads matter.
  }
  return visits.flatMap((visit) =>
    visit.enumerated
      ? []
      : Object.keys(visit.object)
          .filter((key) => !visit.read.has(key))
          .map((key) => ({
            rule: 'unknown-field',
            path: visit.path ? `${visit.path}.${key}` : key,
            message: 'is not a field of this kind (the API server would reject or drop it)',
          })),
  );
}
