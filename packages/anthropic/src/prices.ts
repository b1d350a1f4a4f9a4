// What a turn costs: a dated price table per model family, the cost estimate, and input-token equivalents.
import type { TokenUsage } from '@loomworks/core';
import { entryForModel } from './models';

/** USD per million tokens. Cache writes cost more than plain input; cache reads much less. */
export type ModelPrice = {
  input: number;
  output: number;
  /** Writing a 5-minute cache entry. */
  cacheWrite5m: number;
  /** Writing a 1-hour cache entry. */
  cacheWrite1h: number;
  cacheRead: number;
};

/** Prices by model id prefix (the longest matching key wins; `default` for the rest). */
export type PriceTable = Readonly<Record<string, ModelPrice>> & { readonly default: ModelPrice };

/**
 * An ESTIMATE, taken from Anthropic's published per-family list prices as known on 2026-11-26: check the
 * pricing page before relying on it, and pass your own table (`{ ...PRICES, 'claude-opus': { … } }`) to
 * `estimateCost` for other prices (older models, discounts, batch). Unknown families are priced as Sonnet.
 */
export const PRICES: PriceTable = Object.freeze({
  'claude-opus': Object.freeze({ input: 5, output: 25, cacheWrite5m: 6.25, cacheWrite1h: 10, cacheRead: 0.5 }),
  'claude-sonnet': Object.freeze({ input: 3, output: 15, cacheWrite5m: 3.75, cacheWrite1h: 6, cacheRead: 0.3 }),
  'claude-haiku': Object.freeze({ input: 1, output: 5, cacheWrite5m: 1.25, cacheWrite1h: 2, cacheRead: 0.1 }),
  default: Object.freeze({ input: 3, output: 15, cacheWrite5m: 3.75, cacheWrite1h: 6, cacheRead: 0.3 }),
});

export type EstimateCostOptions = {
  /** Default `PRICES`. */
  prices?: PriceTable;
  /** The cache lifetime the writes were made with (`cache` of the Companion). Default `'5m'`. */
  cacheTtl?: '5m' | '1h';
};

/** The estimated cost of `usage` on `model`, in USD. */
export function estimateCost(usage: TokenUsage, model: string, options: EstimateCostOptions = {}): number {
  const price = entryForModel(options.prices ?? PRICES, model);
  const cacheWrite = options.cacheTtl === '1h' ? price.cacheWrite1h : price.cacheWrite5m;
  const micro =
    usage.inputTokens * price.input + usage.outputTokens * price.output + usage.cacheWriteTokens * cacheWrite + usage.cacheReadTokens * price.cacheRead;
  return micro / 1_000_000;
}

/**
 * Input tokens as billed, in units of plain input tokens: cache reads count 0.1×, cache writes 1.25×
 * (5-minute entries) or 2× (1-hour entries). The measure of SPEC §13's token-cost benchmark.
 */
export function billedInputTokens(usage: TokenUsage, cacheTtl: '5m' | '1h' = '5m'): number {
  return usage.inputTokens + usage.cacheWriteTokens * (cacheTtl === '1h' ? 2 : 1.25) + usage.cacheReadTokens * 0.1;
}
