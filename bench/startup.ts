// Benchmark 5 (SPEC §13): the wall time of `loom --version` (the built CLI, `node packages/cli/bin/loomworks.js
// --version`) against `node -e 0`, each spawned fresh, alternating, over many rounds.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { benchmarkRow, compare, type BenchmarkRow } from './measure';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = fileURLToPath(new URL('../packages/cli/bin/loomworks.js', import.meta.url));
const REPORT_PEAK_RSS = fileURLToPath(new URL('./report-peak-rss.cjs', import.meta.url));

/** Milliseconds from spawning `node <args>` to its exit; fails on a non-zero exit. */
function wallMs(args: readonly string[]): number {
  const started = performance.now();
  const child = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const elapsed = performance.now() - started;
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${child.status}: ${child.stderr.toString()}`);
  return elapsed;
}

/** The peak RSS of one `loom --version` process, in MB (reported by a preload as it exits; not a timed run). */
function cliPeakRssMb(): number {
  const child = spawnSync(process.execPath, ['--require', REPORT_PEAK_RSS, CLI, '--version'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const line = child.stderr.toString().match(/peak-rss-kb (\d+)/);
  return line ? Number(line[1]) / 1024 : Number.NaN;
}

export async function runStartupBenchmark(options: { rounds?: number } = {}): Promise<BenchmarkRow & { version: string }> {
  const version = spawnSync(process.execPath, [CLI, '--version'], { cwd: ROOT }).stdout.toString().trim();
  const result = await compare({
    warmupRounds: 3,
    rounds: options.rounds ?? 30,
    baseline: () => wallMs(['-e', '0']),
    subject: () => wallMs([CLI, '--version']),
  });
  return {
    ...benchmarkRow('startup', 'ms', result, 3, 'lower'),
    rssMb: cliPeakRssMb(),
    version,
  };
}
