import { cloneJson, isJsonObject, type Json, type JsonObject } from '../json.ts';
import { expectKeys, requireString, UnsupportedKustomization } from './fields.ts';

/** RFC 6902 operations, limited to the three our overlays use. */
export interface PatchOperation {
  op: 'add' | 'remove' | 'replace';
  path: string;
  value?: Json;
}

export function parseOperations(value: Json, where: string): PatchOperation[] {
  if (!Array.isArray(value)) {
    throw new UnsupportedKustomization(`${where}: only JSON 6902 patches (a list of operations) are supported`);
  }
  return value.map((item, index) => {
    const at = `${where}[${index}]`;
    if (!isJsonObject(item)) throw new Error(`${at}: expected an operation mapping`);
    expectKeys(item, ['op', 'path', 'value'], at);
    const op = requireString(item.op, `${at}.op`);
    if (op !== 'add' && op !== 'remove' && op !== 'replace') {
      throw new UnsupportedKustomization(`${at}: op "${op}" is not supported (add, remove, replace)`);
    }
    if (op !== 'remove' && item.value === undefined) throw new Error(`${at}: ${op} needs a value`);
    const operation: PatchOperation = { op, path: requireString(item.path, `${at}.path`) };
    if (item.value !== undefined) operation.value = item.value;
    return operation;
  });
}

function pointerSegments(path: string, where: string): string[] {
  if (!path.startsWith('/')) throw new Error(`${where}: JSON pointer must start with "/": ${path}`);
  return path
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function arrayIndex(segment: string, length: number, allowEnd: boolean, where: string): number {
  if (allowEnd && segment === '-') return length;
  if (!/^(0|[1-9]\d*)$/.test(segment)) throw new Error(`${where}: "${segment}" is not an array index`);
  const index = Number(segment);
  if (index > length || (!allowEnd && index === length)) throw new Error(`${where}: index ${index} out of range`);
  return index;
}

export function applyOperation(target: JsonObject, operation: PatchOperation, where: string): void {
  const segments = pointerSegments(operation.path, where);
  const last = segments.pop();
  if (last === undefined) throw new Error(`${where}: cannot patch the whole document`);
  let parent: Json = target;
  for (const segment of segments) {
    const next: Json | undefined = Array.isArray(parent)
      ? parent[arrayIndex(segment, parent.length, false, where)]
      : isJsonObject(parent)
        ? parent[segment]
        : undefined;
    if (next === undefined) throw new Error(`${where}: ${operation.path} does not exist (stopped at "${segment}")`);
    parent = next;
  }
  const value = operation.value === undefined ? undefined : cloneJson(operation.value);
  if (Array.isArray(parent)) {
    const index = arrayIndex(last, parent.length, operation.op === 'add', where);
    if (operation.op === 'add' && value !== undefined) parent.splice(index, 0, value);
    else if (operation.op === 'replace' && value !== undefined) parent[index] = value;
    else parent.splice(index, 1);
    return;
  }
  if (!isJsonObject(parent)) throw new Error(`${where}: parent of ${operation.path} is not a container`);
  if (operation.op !== 'add' && !(last in parent)) throw new Error(`${where}: ${operation.path} does not exist`);
  if (operation.op === 'remove' || value === undefined) delete parent[last];
  else parent[last] = value;
}
