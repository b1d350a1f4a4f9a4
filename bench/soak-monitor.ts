// Progress and memory for `npm run soak`: a progress line every few seconds (runs, runs/s, RSS and heap after a
// full GC) and, at the end of a phase, the verdict on whether its memory stayed flat.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const MB = 1024 * 1024;

/**
 * How much a phase's RSS after GC may grow from its start and still count as flat: the larger of the two.
 * A phase's first minute grows memory once and for all — V8 sizes its young generation to the allocation
 * rate, compiles and optimises the hot code, fast-check and zod warm their caches, SQLite fills its page
 * cache — and the allocator keeps some freed pages. Measured, that is ~10–40 MB. A leak of 50 bytes per
 * round-trip run would already add 50 MB over a million runs, and one retained creation (turns, Seed,
 * records: several KB) per pipeline run would add far more than 50 MB over ten thousand, so a real leak
 * cannot hide inside this margin.
 */
export const RSS_TOLERANCE = { absoluteMb: 50, relative: 0.25 };

/**
 * The live V8 heap after a full GC holds only what is still referenced, so it is the sharper leak signal:
 * it may grow by this much (caches reaching their size, the phase's own retained counters).
 */
export const HEAP_TOLERANCE_MB = 25;

/** A full garbage collection, whether or not node was started with --expose-gc (this arranges it if not). */
export const collectGarbage: () => void = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  // Turning the flag on at run time exposes `gc` in contexts created afterwards.
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

export type MemorySample = { atMs: number; done: number; rssMb: number; heapMb: number };

export type PhaseSummary = {
  name: string;
  unit: string;
  done: number;
  elapsedMs: number;
  perSecond: number;
  start: MemorySample;
  end: MemorySample;
  highestRssMb: number;
  samples: MemorySample[];
  /** Null when memory stayed flat; otherwise what grew past its tolerance. */
  memoryProblem: string | null;
};

export type PhaseMonitorOptions = {
  name: string;
  /** What one run is called in progress lines ("runs", "utterances", "creations"). */
  unit: string;
  total: number;
  /** Seconds between progress lines (default 10). */
  intervalSeconds?: number;
};

export type PhaseMonitor = {
  /** Reports progress; prints a line (after a full GC) when the interval has passed since the last one. */
  tick(done: number): void;
  /** Takes the end sample after a full GC and judges the phase's memory. */
  finish(done: number): PhaseSummary;
};

export function formatNumber(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function formatDuration(milliseconds: number): string {
  const seconds = Math.round(milliseconds / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
}

function sample(startedAt: number, done: number): MemorySample {
  collectGarbage();
  const usage = process.memoryUsage();
  return { atMs: performance.now() - startedAt, done, rssMb: usage.rss / MB, heapMb: usage.heapUsed / MB };
}

function memoryProblem(start: MemorySample, end: MemorySample): string | null {
  const rssLimitMb = Math.max(RSS_TOLERANCE.absoluteMb, start.rssMb * RSS_TOLERANCE.relative);
  const problems: string[] = [];
  if (end.rssMb - start.rssMb > rssLimitMb) {
    problems.push(`RSS after GC grew ${(end.rssMb - start.rssMb).toFixed(1)} MB (${start.rssMb.toFixed(1)} → ${end.rssMb.toFixed(1)} MB; allowed +${rssLimitMb.toFixed(1)} MB)`);
  }
  if (end.heapMb - start.heapMb > HEAP_TOLERANCE_MB) {
    problems.push(`live heap after GC grew ${(end.heapMb - start.heapMb).toFixed(1)} MB (${start.heapMb.toFixed(1)} → ${end.heapMb.toFixed(1)} MB; allowed +${HEAP_TOLERANCE_MB} MB)`);
  }
  return problems.length === 0 ? null : problems.join('; ');
}

/** Starts a phase: takes its start sample after a full GC and prints its heading. */
export function startPhase(options: PhaseMonitorOptions): PhaseMonitor {
  const intervalMs = (options.intervalSeconds ?? 10) * 1000;
  const startedAt = performance.now();
  const start = sample(startedAt, 0);
  const samples: MemorySample[] = [start];
  let highestRssMb = start.rssMb;
  let last = start;
  console.log(`\n== ${options.name}: ${formatNumber(options.total)} ${options.unit}`);
  console.log(`   start: RSS ${start.rssMb.toFixed(1)} MB, heap ${start.heapMb.toFixed(1)} MB (after GC)`);

  const record = (current: MemorySample): void => {
    samples.push(current);
    highestRssMb = Math.max(highestRssMb, current.rssMb);
  };

  return {
    tick(done) {
      // Checked before sampling: the GC is only paid for when a line is due.
      if (performance.now() - startedAt - last.atMs < intervalMs) return;
      const current = sample(startedAt, done);
      record(current);
      const overall = done / (current.atMs / 1000);
      const recent = (done - last.done) / ((current.atMs - last.atMs) / 1000);
      const percent = ((done / options.total) * 100).toFixed(1).padStart(5);
      console.log(
        `   ${formatDuration(current.atMs).padStart(6)}  ${percent}%  ${formatNumber(done).padStart(11)} ${options.unit}  ` +
          `${formatNumber(overall)}/s (last ${formatNumber(recent)}/s)  RSS ${current.rssMb.toFixed(1)} MB  heap ${current.heapMb.toFixed(1)} MB`,
      );
      last = current;
    },
    finish(done) {
      const end = sample(startedAt, done);
      record(end);
      const summary: PhaseSummary = {
        name: options.name,
        unit: options.unit,
        done,
        elapsedMs: end.atMs,
        perSecond: done / (end.atMs / 1000),
        start,
        end,
        highestRssMb,
        samples,
        memoryProblem: memoryProblem(start, end),
      };
      console.log(
        `   done: ${formatNumber(done)} ${options.unit} in ${formatDuration(end.atMs)} (${formatNumber(summary.perSecond)}/s); ` +
          `RSS ${start.rssMb.toFixed(1)} → ${end.rssMb.toFixed(1)} MB (highest sample ${highestRssMb.toFixed(1)}), heap ${start.heapMb.toFixed(1)} → ${end.heapMb.toFixed(1)} MB — ` +
          (summary.memoryProblem === null ? 'memory flat' : `MEMORY GREW: ${summary.memoryProblem}`),
      );
      return summary;
    },
  };
}
