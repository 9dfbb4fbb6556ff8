import { resolve } from 'node:path';
import { type Engine, renderKustomization } from './render.ts';
import { validateObjects } from './validate.ts';

const usage =
  'usage: bun packages/k3s-check/src/main.ts [kustomization-dir] [--engine auto|kubectl|kustomize|fallback]';
const repoRoot = resolve(import.meta.dir, '../../..');
const engines = ['auto', 'kubectl', 'kustomize', 'fallback'] as const;

function isEngine(value: string | undefined): value is Engine | 'auto' {
  return engines.some((engine) => engine === value);
}

function parseArgs(args: string[]): { dir: string; engine: Engine | 'auto' } {
  let dir = resolve(repoRoot, 'k3s/overlays/single-node');
  let engine: Engine | 'auto' = 'auto';
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === '--engine') {
      const value = args[++index];
      if (!isEngine(value)) throw new Error(`--engine must be one of ${engines.join(', ')}\n${usage}`);
      engine = value;
    } else if (arg === '--help' || arg === '-h') {
      console.log(usage);
      process.exit(0);
    } else if (arg !== undefined && !arg.startsWith('-')) {
      dir = resolve(process.cwd(), arg);
    } else {
      throw new Error(`unknown argument ${arg}\n${usage}`);
    }
  }
  return { dir, engine };
}

function main(): number {
  const { dir, engine } = parseArgs(process.argv.slice(2));
  let rendering: ReturnType<typeof renderKustomization>;
  try {
    rendering = renderKustomization(dir, { engine });
  } catch (error) {
    console.error(`k3s-check: could not render ${dir}\n  ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const report = validateObjects(rendering.objects);
  for (const object of report.objects) {
    const status = object.problems.length === 0 ? 'ok  ' : 'FAIL';
    console.log(`${status} ${object.id} [${object.category}]`);
    for (const problem of object.problems) {
      console.log(`       ${problem.rule}: ${problem.path || '(object)'} ${problem.message}`);
    }
  }
  const failing = report.objects.filter((object) => object.problems.length > 0).length;
  console.log(
    `k3s-check: ${report.objects.length} objects rendered with ${rendering.engine} from ${dir}; ` +
      (failing === 0 ? 'all valid' : `${failing} with ${report.problemCount} problem(s)`),
  );
  return failing === 0 ? 0 : 1;
}

process.exit(main());
