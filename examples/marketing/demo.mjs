// `npm run demo`: the quick start, offline. Through the built CLI, on a fresh SQLite file under .demo/:
// create a project from the pre-drafted marketing content with the guided Companion, list the projects,
// and verify Memory. Stops with that step's exit code if any step fails.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const database = '.demo/loomworks.db';
const shared = ['--db', database, '--operator', 'demo', '--companion', 'guided'];
const steps = [
  ['create', '--from', 'examples/marketing/content.md'],
  ['engagements', 'list'],
  ['memory', 'verify'],
];

rmSync(new URL('../../.demo/', import.meta.url), { recursive: true, force: true });
console.log(`Every step runs the built CLI with ${shared.join(' ')}.`);
for (const step of steps) {
  console.log(`\n$ loom ${step.join(' ')}\n`);
  const run = spawnSync(process.execPath, ['packages/cli/bin/loomworks.js', ...step, ...shared], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`\nThe demo stopped: "loom ${step.join(' ')}" exited ${run.status ?? run.signal}. (Is the CLI built? npm run build)`);
    process.exit(run.status || 1);
  }
}
console.log(`\nDone. The database is ${database}; try: node packages/cli/bin/loomworks.js memory log "Loomworks launch marketing" --db ${database} --operator demo`);
