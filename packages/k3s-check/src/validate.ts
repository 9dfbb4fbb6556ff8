import { crdProblems, isKnownCrd } from './crd.ts';
import { type HouseRuleException, houseRuleExceptions, houseRuleProblems, isExcepted } from './house-rules.ts';
import { asString, dig, type JsonObject } from './json.ts';
import { objectId, typeKey } from './objects.ts';
import type { Problem } from './problems.ts';
import { modelFor, schemaProblems, unknownFieldProblems } from './schema.ts';

export interface ObjectReport {
  id: string;
  /** `built-in`: checked against the Kubernetes schema; `crd`: structural check only. */
  category: 'built-in' | 'crd' | 'unknown';
  problems: Problem[];
}

export interface ValidationReport {
  objects: ObjectReport[];
  problemCount: number;
}

export interface ValidateOptions {
  exceptions?: readonly HouseRuleException[];
}

// RFC 1123 subdomain: what the API server requires of most object names.
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function shapeProblems(object: JsonObject): Problem[] {
  const problems: Problem[] = [];
  for (const field of ['apiVersion', 'kind']) {
    if (!asString(object[field])) problems.push({ rule: 'object-shape', path: field, message: 'is required' });
  }
  const name = asString(dig(object, 'metadata', 'name'));
  if (!name) problems.push({ rule: 'object-shape', path: 'metadata.name', message: 'is required' });
  else if (name.length > 253 || !dnsSubdomain.test(name)) {
    problems.push({ rule: 'object-shape', path: 'metadata.name', message: `"${name}" is not a valid DNS-1123 name` });
  }
  return problems;
}

function validateObject(object: JsonObject, exceptions: readonly HouseRuleException[]): ObjectReport {
  const id = objectId(object);
  const shape = shapeProblems(object);
  if (shape.some((problem) => problem.path !== 'metadata.name')) {
    return { id, category: 'unknown', problems: shape };
  }
  const key = typeKey(object);
  const model = modelFor(key);
  const problems = [...shape];
  let category: ObjectReport['category'];
  if (model) {
    category = 'built-in';
    problems.push(...schemaProblems(model, object), ...unknownFieldProblems(model, object));
  } else if (isKnownCrd(key)) {
    category = 'crd';
    problems.push(...crdProblems(key, object));
  } else {
    category = 'unknown';
    problems.push({
      rule: 'unknown-kind',
      path: 'apiVersion',
      message: `${key} is neither a stable built-in API nor a custom resource listed in k3s-check's crd.ts`,
    });
  }
  problems.push(...houseRuleProblems(object));
  return { id, category, problems: problems.filter((problem) => !isExcepted(exceptions, object, problem)) };
}

/** Validates rendered objects: Kubernetes schema or CRD structure, then the house rules. */
export function validateObjects(objects: readonly JsonObject[], options: ValidateOptions = {}): ValidationReport {
  const exceptions = options.exceptions ?? houseRuleExceptions;
  const reports = objects.map((object) => validateObject(object, exceptions));
  return { objects: reports, problemCount: reports.reduce((sum, report) => sum + report.problems.length, 0) };
}
