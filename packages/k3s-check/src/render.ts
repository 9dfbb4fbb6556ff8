import type { JsonObject } from './json.ts';
import { buildKustomization } from './kustomize-lite/build.ts';
import { parseManifests } from './manifests.ts';

export type Engine = 'kubectl' | 'kustomize' | 'fallback';

export interface Rendering {
  engine: Engine;
  objects: JsonObject[];
}

export interface RenderOptions {
  /** `auto` (default) prefers kubectl, then kustomize, then the built-in fallback. */
  engine?: Engine | 'auto';
}

const commands: Record<Exclude<Engine, 'fallback'>, (dir: string) => string[]> = {
  kubectl: (dir) => ['kubectl', 'kustomize', dir],
  kustomize: (dir) => ['kustomize', 'build', dir],
};

export function isInstalled(tool: 'kubectl' | 'kustomize'): boolean {
  return Bun.which(tool) !== null;
}

/** The engine `auto` would pick on this machine. */
export function detectEngine(): Engine {
  if (isInstalled('kubectl')) return 'kubectl';
  if (isInstalled('kustomize')) return 'kustomize';
  return 'fallback';
}

/**
 * Renders a kustomization directory to plain objects. The real tools are preferred because
 * they are the reference; the fallback exists so the check still runs on a machine with
 * neither (see kustomize-lite/build.ts for what it covers).
 */
export function renderKustomization(dir: string, options: RenderOptions = {}): Rendering {
  const engine = !options.engine || options.engine === 'auto' ? detectEngine() : options.engine;
  if (engine === 'fallback') return { engine, objects: buildKustomization(dir) };
  const command = commands[engine](dir);
  const result = Bun.spawnSync(command, { stdout: 'pipe', stderr: 'pipe' });
  if (result.exitCode !== 0) {
    const stderr = result.stderr.toString().trim();
    throw new Error(`\`${command.join(' ')}\` failed (exit ${result.exitCode}): ${stderr}`);
  }
  return { engine, objects: parseManifests(result.stdout.toString(), command.join(' ')) };
}
