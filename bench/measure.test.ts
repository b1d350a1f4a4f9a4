// The harness itself, not any speed: how rounds alternate, how ratios are summarised, and that every corpus is
// the same on every run (no figure here depends on timing).
import { describe, expect, it } from 'vitest';
import { extractionCorpus } from './extraction';
import { matcherCorpus } from './matcher';
import { benchmarkRow, compare, median, meets, round, spreadOf } from './measure';
import { pipelineRecords } from './pipeline';

describe('compare', () => {
  it('warms up, then alternates which side goes first, and reports the median ratio and its spread', async () => {
    const calls: string[] = [];
    const subjectFigures = [9, 9, 10, 20, 30, 40];
    const baselineFigures = [9, 9, 10, 10, 10, 10];
    let subjectRound = 0;
    let baselineRound = 0;
    const result = await compare({
      warmupRounds: 1,
      rounds: 5,
      baseline: () => {
        calls.push('baseline');
        return baselineFigures[baselineRound++] ?? 10;
      },
      subject: () => {
        calls.push('subject');
        return subjectFigures[subjectRound++] ?? 50;
      },
    });
    expect(calls).toEqual([
      'baseline', 'subject', // warm-up, thrown away
      'baseline', 'subject',
      'subject', 'baseline',
      'baseline', 'subject',
      'subject', 'baseline',
      'baseline', 'subject',
    ]);
    // Measured rounds: subject 9, 10, 20, 30, 40 over baseline 9, 10, 10, 10, 10 → ratios 1, 1, 2, 3, 4.
    expect(result.ratios).toEqual([1, 1, 2, 3, 4]);
    expect(result.ratio).toBe(2);
    expect(result.value).toBe(20);
    expect(result.baseline).toBe(10);
    expect(result.spread).toBe(1.5);
  });
});

describe('summaries', () => {
  it('takes medians of odd and even counts, and a spread of 0 for identical rounds', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(spreadOf([5, 5, 5])).toBe(0);
    expect(spreadOf([1, 2, 3])).toBe(1);
  });

  it('meets a speed target from above and a cost target from below', () => {
    expect(meets(0.5, 0.5, 'higher')).toBe(true);
    expect(meets(0.49, 0.5, 'higher')).toBe(false);
    expect(meets(0.35, 0.35, 'lower')).toBe(true);
    expect(meets(0.36, 0.35, 'lower')).toBe(false);
    expect(round(0.123456, 3)).toBe(0.123);
    expect(round(1234567, 4)).toBe(1235000);
  });

  it('builds the SPEC §13 row from a comparison', () => {
    const row = benchmarkRow('startup', 'ms', { value: 60, baseline: 50, ratio: 1.2, spread: 0.1, ratios: [1.2] }, 3, 'lower');
    expect(Object.keys(row)).toEqual(['name', 'value', 'unit', 'baseline', 'ratio', 'target', 'met', 'spread', 'rssMb']);
    expect(row).toMatchObject({ name: 'startup', value: 60, unit: 'ms', baseline: 50, ratio: 1.2, target: 3, met: true, spread: 0.1 });
    expect(row.rssMb).toBeGreaterThan(0);
  });
});

describe('corpora', () => {
  it('are the same on every run', () => {
    expect(matcherCorpus()).toEqual(matcherCorpus());
    expect(pipelineRecords(5)).toEqual(pipelineRecords(5));
    const [first, second] = [extractionCorpus(), extractionCorpus()];
    expect(first.records.length).toBeGreaterThan(100);
    expect(second.records).toEqual(first.records);
  });

  it('hold what bench/README.md says they hold', () => {
    const kinds = matcherCorpus().reduce<Record<string, number>>((counts, message) => ({ ...counts, [message.kind]: (counts[message.kind] ?? 0) + 1 }), {});
    expect(kinds).toEqual({ persona: 34, conversation: 360, terminal: 100, 'non-terminal': 100 });
    expect(extractionCorpus().sizes).toEqual([1550, 5041, 17525, 67718, 257947]);
  });
});
