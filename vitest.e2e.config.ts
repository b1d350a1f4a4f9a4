import { defineConfig } from 'vitest/config';
import base from './vitest.config';

// Browser and other slow end-to-end tests (`*.e2e.test.ts`), run by `npm run test:e2e`. Same module
// resolution and setup as the unit suite; its own file list, run one file at a time.
export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ['packages/*/src/**/*.e2e.test.ts', 'examples/*/**/*.e2e.test.ts', 'tests/**/*.e2e.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    setupFiles: base.test?.setupFiles,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    passWithNoTests: false,
  },
});
