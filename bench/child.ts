// Runs one benchmark in this (fresh) process and prints its row as the last line of stdout, so each benchmark
// gets its own JIT state and its own peak RSS. Run by bench/run.ts; by hand:
// `npx tsx --tsconfig bench/tsconfig.json bench/child.ts matcher`.
import { RESULT_MARKER, type BenchmarkRow } from './measure';

// Imported on demand: a benchmark's process loads only what that benchmark uses.
const BENCHMARKS: Record<string, () => Promise<BenchmarkRow>> = {
  matcher: async () => (await import('./matcher')).runMatcherBenchmark(),
  extraction: async () => (await import('./extraction')).runExtractionBenchmark(),
  pipeline: async () => (await import('./pipeline')).runPipelineBenchmark(),
  'token-cost': async () => (await import('./token-cost')).runTokenCostBenchmark(),
  startup: async () => (await import('./startup')).runStartupBenchmark(),
};

const name = process.argv[2];
const run = name === undefined ? undefined : BENCHMARKS[name];
if (!run) {
  process.stderr.write(`Usage: child.ts <${Object.keys(BENCHMARKS).join('|')}>\n`);
  process.exit(2);
}
const row = await run();
process.stdout.write(`${RESULT_MARKER}${JSON.stringify(row)}\n`);
