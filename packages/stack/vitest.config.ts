import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Lives with the test command (packages/stack) so the repository's top level stays the
// workspace's own files; `./fruitables test` passes it with --config and the repo as root.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    // Vitest runs on Bun (`bun --bun vitest`) so Bun APIs work in tests; the forks pool does not work under Bun.
    pool: 'threads',
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file gets its own database and stream keys, so files may run in parallel safely.
    fileParallelism: true,
    reporters: ['default'],
  },
});
