import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

// Lives with the test command (packages/stack) so the repository's top level stays the
// workspace's own files; `./fruitables test` passes it with --config and the repo as root.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    // Vitest runs on Bun (`bun --bun vitest`) so Bun APIs work in tests; the forks pool does not work under Bun.
    pool: 'threads',
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'packages/e2e/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Each file gets its own database and stream keys, so files may run in parallel safely.
          fileParallelism: true,
          // Not 0: vitest runs a group 0 with one worker (2 cores) after every numbered group.
          sequence: { groupOrder: 1 },
        },
      },
      {
        // The browser tests and Lighthouse, through the edge of a whole platform that
        // global-setup starts once on private ports. They run after every other file (a
        // later group), one file at a time: a browser and Lighthouse's simulated phone on a
        // 2-core machine must not compete with each other or with the parallel unit tests.
        extends: true,
        test: {
          name: 'e2e',
          include: ['packages/e2e/src/**/*.test.ts'],
          globalSetup: ['packages/e2e/src/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
