import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // `cli` is what the bin runs; `index` is the programmatic entry (main, exit codes).
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts', tsconfig: 'tsconfig.build.json' },
  clean: true,
  sourcemap: true,
  target: 'node20',
  // Inlined so `loom --version` answers without reading package.json or loading anything else.
  define: { __LOOMWORKS_CLI_VERSION__: JSON.stringify(version) },
});
