// The fast-check phases of `npm run soak` run one property in chunks, chunk i with seed `seed + i`: progress and
// memory are sampled between chunks, and a failure names the exact seed and path that reproduce it.
import fc from 'fast-check';
import { startPhase, type PhaseSummary } from './soak-monitor';

export type SoakPhaseResult = { summary: PhaseSummary; failure: string | null };

export type ChunkedPropertyOptions = {
  name: string;
  unit: string;
  runs: number;
  chunkRuns: number;
  seed: number;
  intervalSeconds: number;
  /** How to rebuild the property in a reproduction line, e.g. `matcherProperty()` from bench/soak-matcher.ts. */
  reproduceWith: string;
};

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Runs `property` for `options.runs` runs. The caller builds the property before the phase's start sample on
 * purpose: building arbitraries fills one-time tables (fast-check's `binary` string unit alone holds ~80 MB),
 * which are setup, not growth.
 */
export function checkInChunks<Values extends [unknown, ...unknown[]]>(property: fc.IProperty<Values>, options: ChunkedPropertyOptions): SoakPhaseResult {
  const monitor = startPhase({ name: options.name, unit: options.unit, total: options.runs, intervalSeconds: options.intervalSeconds });
  let done = 0;
  let failure: string | null = null;
  for (let chunk = 0; done < options.runs; chunk += 1) {
    const numRuns = Math.min(options.chunkRuns, options.runs - done);
    const seed = options.seed + chunk;
    const details = fc.check(property, { numRuns, seed });
    if (details.failed) {
      // fast-check's report gives the shrunk counterexample; the assertion's own message says what differed.
      failure = [
        fc.defaultReportMessage(details) ?? 'The property failed.',
        `Assertion: ${describeError(details.errorInstance)}`,
        `Reproduce: fc.assert(${options.reproduceWith}, { seed: ${seed}, path: ${JSON.stringify(details.counterexamplePath)} }) — chunk ${chunk}, after ${done} passing ${options.unit}.`,
      ].join('\n');
      break;
    }
    done += numRuns;
    monitor.tick(done);
  }
  return { summary: monitor.finish(done), failure };
}
