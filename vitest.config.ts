import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their `src/` through the `dev-source` export condition, so tests
// never need a build first. Only `dev-source` is added: vitest hands `ssr.resolve.conditions` to
// Node as `--conditions`, and adding `import` there would make CommonJS `require` calls inside
// dependencies (pg → pg-pool) load ESM entries.
export default defineConfig({
  resolve: { conditions: ['dev-source', 'module', 'node', 'import', 'default'] },
  ssr: {
    resolve: { conditions: ['dev-source', 'node', 'default'], externalConditions: ['dev-source'] },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'examples/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    // Generous: tests never assert wall-clock time, and CI shares a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
