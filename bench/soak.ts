// `npm run soak`: the long runs behind SPEC §13's reliability bars — a million round trips, millions of labelled
// matcher utterances, ten thousand scripted creations on SQLite — with throughput and memory (after GC) over time.
// Exits 1 when any run fails or a phase's memory grows past its tolerance (see soak-monitor.ts). Not part of CI.
//
//   npm run soak                                   the full soak (about seven minutes on two cores)
//   npm run soak -- --round-trip-runs 20000 --utterances 100000 --creations 200    a quick one
//   npm run soak -- --only pipeline                one phase (round-trip, matcher, pipeline; comma-separated)
//
// It runs the packages' TypeScript sources (through tsx and tsconfig.json's paths), not their built dist, so it
// soaks the code as it is now without a build.
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { LoomworksError } from '@loomworks/core';
import { HEAP_TOLERANCE_MB, RSS_TOLERANCE, collectGarbage, formatDuration, formatNumber, type PhaseSummary } from './soak-monitor';
import { soakMatcher } from './soak-matcher';
import { soakPipeline } from './soak-pipeline';
import type { SoakPhaseResult } from './soak-chunks';
import { soakRoundTrip } from './soak-round-trip';

const MB = 1024 * 1024;
const PHASES = ['round-trip', 'matcher', 'pipeline'] as const;
type PhaseName = (typeof PHASES)[number];

type SoakOptions = {
  roundTripRuns: number;
  utterances: number;
  creations: number;
  operators: number;
  seed: number;
  intervalSeconds: number;
  phases: PhaseName[];
};

function wholeNumber(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 0) throw new LoomworksError('E_USAGE', `--${name} must be a whole number, not "${value}"`);
  return number;
}

function parseSoakArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      'round-trip-runs': { type: 'string', default: '1000000' },
      utterances: { type: 'string', default: '5000000' },
      creations: { type: 'string', default: '10000' },
      operators: { type: 'string', default: '100' },
      seed: { type: 'string', default: '20261126' },
      interval: { type: 'string', default: '10' },
      only: { type: 'string', default: PHASES.join(',') },
    },
    strict: true,
  });
}

function readOptions(argv: string[]): SoakOptions {
  let values: ReturnType<typeof parseSoakArgs>['values'];
  try {
    ({ values } = parseSoakArgs(argv));
  } catch (error) {
    // node:util reports unknown or malformed flags as a TypeError; here that is a usage mistake.
    throw new LoomworksError('E_USAGE', error instanceof Error ? error.message : String(error), { cause: error });
  }
  const phases = values.only.split(',').map((phase) => phase.trim());
  for (const phase of phases) {
    if (!(PHASES as readonly string[]).includes(phase)) throw new LoomworksError('E_USAGE', `--only takes ${PHASES.join(', ')}; "${phase}" is not one`);
  }
  return {
    roundTripRuns: wholeNumber('round-trip-runs', values['round-trip-runs']),
    utterances: wholeNumber('utterances', values.utterances),
    creations: wholeNumber('creations', values.creations),
    operators: Math.max(1, wholeNumber('operators', values.operators)),
    seed: wholeNumber('seed', values.seed),
    intervalSeconds: Math.max(1, wholeNumber('interval', values.interval)),
    phases: PHASES.filter((phase) => phases.includes(phase)),
  };
}

async function runPhase(phase: PhaseName, options: SoakOptions): Promise<SoakPhaseResult> {
  switch (phase) {
    case 'round-trip':
      // 10,000 runs take a few seconds: often enough for progress lines, few enough seeds to print.
      return soakRoundTrip({ runs: options.roundTripRuns, chunkRuns: 10_000, seed: options.seed, intervalSeconds: options.intervalSeconds });
    case 'matcher':
      return soakMatcher({ utterances: options.utterances, chunkRuns: 50_000, seed: options.seed, intervalSeconds: options.intervalSeconds });
    case 'pipeline':
      return soakPipeline({ creations: options.creations, operators: options.operators, intervalSeconds: options.intervalSeconds });
  }
}

function printSummary(summaries: PhaseSummary[], launchRssMb: number, totalMs: number): void {
  console.log('\n== Summary');
  console.table(
    summaries.map((summary) => ({
      phase: summary.name.split(':')[0],
      runs: `${formatNumber(summary.done)} ${summary.unit}`,
      time: formatDuration(summary.elapsedMs),
      'per second': formatNumber(summary.perSecond),
      'RSS start → end (MB)': `${summary.start.rssMb.toFixed(1)} → ${summary.end.rssMb.toFixed(1)}`,
      'heap start → end (MB)': `${summary.start.heapMb.toFixed(1)} → ${summary.end.heapMb.toFixed(1)}`,
      memory: summary.memoryProblem === null ? 'flat' : 'GREW',
    })),
  );
  for (const summary of summaries) {
    console.log(`   ${summary.name.split(':')[0]} RSS over time (MB, after GC): ${summary.samples.map((sample) => sample.rssMb.toFixed(0)).join(' ')}`);
  }
  collectGarbage();
  // maxRSS is in kilobytes and covers the whole process, garbage not yet collected included.
  console.log(
    `   RSS at launch ${launchRssMb.toFixed(1)} MB, at the end ${(process.memoryUsage().rss / MB).toFixed(1)} MB (after GC); ` +
      `peak RSS of the process ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB; total time ${formatDuration(totalMs)}`,
  );
}

async function main(): Promise<number> {
  const options = readOptions(process.argv.slice(2));
  const startedAt = performance.now();
  console.log(`Loomworks soak — node ${process.version}, ${cpus().length} CPUs, fast-check seed ${options.seed}, progress every ${options.intervalSeconds} s`);
  console.log(
    `Memory counts as flat when, after a full GC, a phase ends within +max(${RSS_TOLERANCE.absoluteMb} MB, ${RSS_TOLERANCE.relative * 100}%) RSS ` +
      `and +${HEAP_TOLERANCE_MB} MB live heap of where it started.`,
  );
  collectGarbage();
  const launchRssMb = process.memoryUsage().rss / MB;
  console.log(`RSS at launch, modules loaded: ${launchRssMb.toFixed(1)} MB (after GC)`);
  const summaries: PhaseSummary[] = [];
  const failures: string[] = [];
  for (const phase of options.phases) {
    const result = await runPhase(phase, options);
    summaries.push(result.summary);
    if (result.failure !== null) {
      console.error(`\n${phase} FAILED:\n${result.failure}`);
      failures.push(`${phase}: a run failed (details above)`);
      // The remaining phases would only delay the report of a real failure.
      break;
    }
    if (result.summary.memoryProblem !== null) failures.push(`${phase}: memory is not flat — ${result.summary.memoryProblem}`);
  }
  printSummary(summaries, launchRssMb, performance.now() - startedAt);
  if (failures.length > 0) {
    console.error(`\nSoak FAILED:\n${failures.map((failure) => `- ${failure}`).join('\n')}`);
    return 1;
  }
  console.log('\nSoak passed: every run held and memory stayed flat.');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (LoomworksError.is(error, 'E_USAGE')) {
      console.error(`soak: ${error.message}`);
      process.exitCode = 2;
      return;
    }
    console.error('soak: stopped by an unexpected error:', error);
    process.exitCode = 1;
  },
);
