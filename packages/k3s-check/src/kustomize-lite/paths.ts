import { isAbsolute, relative, resolve } from 'node:path';

/**
 * kustomize's default load restrictor: a kustomization may read files only at or below its
 * own directory (other kustomizations may be referenced anywhere). Mirrored so that a
 * layout the fallback accepts is one kubectl accepts too.
 */
export function resolveInside(dir: string, path: string, where: string): string {
  if (/^[a-z]+:\/\//i.test(path)) throw new Error(`${where}: remote resource ${path} is not supported`);
  const full = resolve(dir, path);
  const rel = relative(dir, full);
  if (rel === '..' || rel.startsWith('../') || isAbsolute(rel)) {
    throw new Error(`${where}: ${path} is outside ${dir} (kustomize refuses files above the kustomization)`);
  }
  return full;
}
