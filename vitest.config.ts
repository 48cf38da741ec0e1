import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their `src/` through the `dev-source` export condition,
// so tests never need a build first.
const conditions = ['dev-source', 'module', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['dev-source'] } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
