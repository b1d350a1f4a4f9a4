// Cost figures users see (the CLI prints them): the right family's prices, cache reads and writes at their
// own rates, and the input-token equivalents of SPEC §13's benchmark.
import { describe, expect, it } from 'vitest';
import { PRICES, billedInputTokens, estimateCost, type PriceTable } from './prices';

const usage = { inputTokens: 1_000_000, outputTokens: 100_000, cacheWriteTokens: 200_000, cacheReadTokens: 2_000_000 };

describe('estimateCost', () => {
  it('prices each kind of token at its own rate, for the model family the id names', () => {
    // Sonnet: 3 in, 15 out, 3.75 per 5-minute write, 0.30 per read (USD per million).
    expect(estimateCost(usage, 'claude-sonnet-5-5')).toBeCloseTo(3 + 1.5 + 0.75 + 0.6, 10);
    expect(estimateCost(usage, 'claude-haiku-4-5-20251001')).toBeCloseTo(1 + 0.5 + 0.25 + 0.2, 10);
    expect(estimateCost(usage, 'claude-opus-5-5', { cacheTtl: '1h' })).toBeCloseTo(5 + 2.5 + 2 + 1, 10);
  });

  it('prices unknown families as the default entry, and takes an overriding table', () => {
    expect(estimateCost(usage, 'claude-fable-5-2')).toBe(estimateCost(usage, 'claude-sonnet-5-5'));
    const prices: PriceTable = { ...PRICES, 'claude-opus-4-1': { input: 15, output: 75, cacheWrite5m: 18.75, cacheWrite1h: 30, cacheRead: 1.5 } };
    expect(estimateCost({ ...usage, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 }, 'claude-opus-4-1', { prices })).toBe(15);
    expect(Object.isFrozen(PRICES)).toBe(true);
  });
});

describe('billedInputTokens', () => {
  it('counts cache reads at 0.1× and writes at 1.25× (5 minutes) or 2× (1 hour) of plain input', () => {
    expect(billedInputTokens({ inputTokens: 100, outputTokens: 999, cacheWriteTokens: 1000, cacheReadTokens: 10_000 })).toBe(100 + 1250 + 1000);
    expect(billedInputTokens({ inputTokens: 0, outputTokens: 0, cacheWriteTokens: 1000, cacheReadTokens: 0 }, '1h')).toBe(2000);
  });
});
