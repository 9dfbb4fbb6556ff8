import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file so the CLI works from any working directory. */
export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/** Everything the stack writes lives under one ignored folder; `up` and `test` never share a subfolder. */
export const stateRoot = resolve(repoRoot, '.fruitables');

export type StackName = 'up' | 'test' | 'bench';

export const stackDir = (stack: StackName): string => resolve(stateRoot, stack);
