// How every benchmark compares a subject with its baseline: warm-up rounds, then alternating measured rounds
// (baseline first in even rounds, subject first in odd ones, so drift of the machine hits both alike), and
// the median of the per-round ratios with its spread.
import { performance } from 'node:perf_hooks';

/** One row of `bench/results.json` (SPEC §13). */
export type BenchmarkRow = {
  name: string;
  /** The subject's figure: a median over rounds. */
  value: number;
  unit: string;
  /** The baseline's figure, in the same unit. */
  baseline: number;
  /** The median of the per-round ratios subject / baseline. */
  ratio: number;
  target: number;
  met: boolean;
  /** (max − min) / median of the per-round ratios: how much the ratio moved between rounds. */
  spread: number;
  /** Peak resident set size of the process that ran the benchmark, in MB. */
  rssMb: number;
};

/** `higher`: the ratio must reach the target (speed); `lower`: it must stay at or below it (cost, time). */
export type Direction = 'higher' | 'lower';

export type CompareOptions = {
  /** Rounds run first and thrown away (JIT warm-up, caches, file system). */
  warmupRounds: number;
  rounds: number;
  /** One round of the baseline: returns its figure (e.g. items per second). */
  baseline: () => number | Promise<number>;
  /** One round of the subject, in the same unit. */
  subject: () => number | Promise<number>;
};

export type CompareResult = {
  value: number;
  baseline: number;
  ratio: number;
  spread: number;
  /** Every measured round's subject / baseline ratio, in order. */
  ratios: number[];
};

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** (max − min) / median: 0 when every round gave the same figure. */
export function spreadOf(values: readonly number[]): number {
  const middle = median(values);
  if (values.length === 0 || middle === 0) return 0;
  return (Math.max(...values) - Math.min(...values)) / Math.abs(middle);
}

export async function compare(options: CompareOptions): Promise<CompareResult> {
  for (let round = 0; round < options.warmupRounds; round++) {
    await options.baseline();
    await options.subject();
  }
  const baselines: number[] = [];
  const subjects: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    let baseline: number;
    let subject: number;
    if (round % 2 === 0) {
      baseline = await options.baseline();
      subject = await options.subject();
    } else {
      subject = await options.subject();
      baseline = await options.baseline();
    }
    baselines.push(baseline);
    subjects.push(subject);
    ratios.push(subject / baseline);
  }
  return { value: median(subjects), baseline: median(baselines), ratio: median(ratios), spread: spreadOf(ratios), ratios };
}

/** A benchmark's row from its comparison: the figures, its target, whether it is met, and this process's peak RSS. */
export function benchmarkRow(name: string, unit: string, result: CompareResult, target: number, direction: Direction): BenchmarkRow {
  return {
    name,
    value: result.value,
    unit,
    baseline: result.baseline,
    ratio: result.ratio,
    target,
    met: meets(result.ratio, target, direction),
    spread: result.spread,
    rssMb: peakRssMb(),
  };
}

/** Whether a ratio meets its target in the given direction. */
export function meets(ratio: number, target: number, direction: Direction): boolean {
  return direction === 'higher' ? ratio >= target : ratio <= target;
}

/** Units per second of `work` (which does `units` units) timed once. */
export function ratePerSecond(units: number, work: () => unknown): number {
  const started = performance.now();
  work();
  return units / ((performance.now() - started) / 1000);
}

/** Peak RSS of this process so far, in MB (each benchmark runs in a fresh process, so this is its peak). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Rounds a figure to `digits` significant digits, for the table and results.json. */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(digits));
}

/** The marker in front of a benchmark process's result line, so progress output cannot be mistaken for it. */
export const RESULT_MARKER = 'BENCHMARK-RESULT ';
