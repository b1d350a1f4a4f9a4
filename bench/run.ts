// `npm run bench`: runs every SPEC §13 benchmark against its baseline — each in a fresh process — prints the
// table and writes bench/results.json. `npm run bench -- matcher pipeline` runs only the ones named.
import { spawn } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { RESULT_MARKER, round, type BenchmarkRow } from './measure';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));
const BENCH_TSCONFIG = fileURLToPath(new URL('./tsconfig.json', import.meta.url));

/** SPEC §13's benchmarks, in the order of its table (and of results.json). */
const ORDER = ['matcher', 'extraction', 'pipeline', 'token-cost', 'startup'] as const;
/** Where lower is better, the ratio must stay at or below its target. */
const LOWER_IS_BETTER = new Set(['token-cost', 'startup']);
const ROW_KEYS = ['name', 'value', 'unit', 'baseline', 'ratio', 'target', 'met', 'spread', 'rssMb'] as const;

type ChildRow = BenchmarkRow & Record<string, unknown>;

/** Newest modification time of the files under `folder` (recursively), in ms. */
function newestIn(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = `${folder}/${entry.name}`;
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The benchmarks run the built packages (what users run): warn when a package's source is newer than its build. */
function staleBuilds(): string[] {
  const stale: string[] = [];
  for (const name of ['core', 'prompts', 'anthropic', 'store-sqlite', 'testkit', 'cli']) {
    const packageFolder = `${ROOT}packages/${name}`;
    let built = 0;
    try {
      built = statSync(`${packageFolder}/dist/${name === 'cli' ? 'cli.js' : 'index.js'}`).mtimeMs;
    } catch {
      stale.push(name);
      continue;
    }
    if (newestIn(`${packageFolder}/src`) > built) stale.push(name);
  }
  return stale;
}

function runChild(name: string): Promise<ChildRow> {
  return new Promise((resolve, reject) => {
    // Packages resolve to their built dist/ (the bench tsconfig has no source paths).
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, name], {
      cwd: ROOT,
      env: { ...process.env, TSX_TSCONFIG_PATH: BENCH_TSCONFIG },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = output.split('\n').find((candidate) => candidate.startsWith(RESULT_MARKER));
      if (code !== 0 || !line) {
        reject(new Error(`The ${name} benchmark exited with ${code}:\n${output}`));
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_MARKER.length)) as ChildRow);
    });
  });
}

/** The row exactly as SPEC §13 specifies it, figures rounded to 4 significant digits. */
function resultRow(row: ChildRow): BenchmarkRow {
  const exact = Object.fromEntries(ROW_KEYS.map((key) => [key, row[key]])) as BenchmarkRow;
  return { ...exact, value: round(exact.value, 4), baseline: round(exact.baseline, 4), ratio: round(exact.ratio, 4), spread: round(exact.spread, 3), rssMb: round(exact.rssMb, 4) };
}

function machine(): string {
  const cores = cpus();
  return `node ${process.version}, ${cores[0]?.model.trim() ?? 'unknown CPU'}, ${cores.length} cores, ${process.platform}/${process.arch}`;
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(ORDER as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`Unknown benchmark ${unknown.join(', ')}; the benchmarks are ${ORDER.join(', ')}`);
  const names = asked.length > 0 ? ORDER.filter((name) => asked.includes(name)) : [...ORDER];

  const stale = staleBuilds();
  if (stale.length > 0) console.warn(`warning: the build of ${stale.join(', ')} is older than its source; run \`npm run build\` first to measure the code as it is.`);
  console.log(`Machine: ${machine()}`);

  const started = performance.now();
  const rows: ChildRow[] = [];
  for (const name of names) {
    const benchmarkStarted = performance.now();
    process.stdout.write(`${name} … `);
    const row = await runChild(name);
    rows.push(row);
    console.log(`${((performance.now() - benchmarkStarted) / 1000).toFixed(1)} s`);
  }

  console.table(
    rows.map((row) => ({
      benchmark: row.name,
      figure: `${round(row.value, 4)} ${row.unit}`,
      baseline: `${round(row.baseline, 4)} ${row.unit}`,
      ratio: round(row.ratio, 3),
      target: `${LOWER_IS_BETTER.has(row.name) ? '≤' : '≥'} ${row.target}`,
      met: row.met,
      spread: round(row.spread, 2),
      'RSS MB': Math.round(row.rssMb),
      ...(typeof row.f1 === 'number' ? { notes: `F1 ${row.f1}` } : {}),
    })),
  );
  // A partial run leaves the other rows of results.json to the run that wrote them.
  if (names.length === ORDER.length) {
    writeFileSync(RESULTS, `${JSON.stringify(rows.map(resultRow), null, 2)}\n`);
    console.log(`Wrote ${RESULTS}`);
  } else {
    console.log('Partial run: bench/results.json not written (run every benchmark to write it).');
  }
  console.log(`Total ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
