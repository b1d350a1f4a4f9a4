// Runs the example as an integrator would, in its own Node process, and checks what it prints.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROGRAM = fileURLToPath(new URL('./index.ts', import.meta.url));

it('prints the dialogue from the first question to an active project whose Memory verifies, and exits 0', async () => {
  // tsx compiles the TypeScript; run from the root it resolves @loomworks/* through the repository's tsconfig paths.
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', PROGRAM], { cwd: ROOT });
  expect(stderr).toBe('');
  const lines = stdout.split('\n');
  expect(lines[0]).toBe("Companion: Let's set up your new project. What are we making?");
  expect(stdout).toContain('Operator: Crumb Notes\n');
  expect(stdout).toMatch(/Companion: .*are you ready to begin\?\n\nOperator: Ready to begin\.\n/s);
  expect(stdout).toContain('Project: Crumb Notes\nStatus: active (induction-pass-clean)\n');
  expect(stdout).toMatch(/Memory: verified, \d+ events\n$/);
});
