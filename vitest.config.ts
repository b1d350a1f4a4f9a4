import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import every @loomworks package from its source, so `npm test` checks the code as written.
const packages = ['core', 'prompts', 'anthropic', 'store-sqlite', 'store-postgres', 'auth', 'cli', 'testkit'];
const alias = Object.fromEntries(
  packages.map((name) => [`@loomworks/${name}`, fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url))]),
);

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'tests/**/*.test.ts', 'examples/*/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.e2e.test.ts', '**/*.case.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
