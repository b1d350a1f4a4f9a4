#!/usr/bin/env node
// Regenerates src/registry.generated.ts from prompts/; with --check, exits 1 when the committed file is stale.
// The parser is TypeScript shared with the run-time override folders, so it is loaded through tsx.
import { tsImport } from 'tsx/esm/api';

const { runRegistryGenerator } = await tsImport('./registry-generator.ts', import.meta.url);
process.exitCode = runRegistryGenerator(process.argv.slice(2));
