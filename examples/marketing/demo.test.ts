// `npm run demo` is the quick start's first command: it must keep working, offline, on the built CLI.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('runs the main job end to end: a scripted creation on SQLite, the list, and a verified Memory', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const run = spawnSync(process.execPath, ['examples/marketing/demo.mjs'], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' } });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('Loomworks launch marketing (active)');
  expect(run.stdout).toContain('induction-pass-clean');
  expect(run.stdout).toMatch(/Memory verified: 13 events in 1 engagement/);
}, 60_000);
