// The models this package knows about: the default model, and per-family tables matched by model id prefix.
import type Anthropic from '@anthropic-ai/sdk';

/**
 * The default model: the newest Sonnet in the installed `@anthropic-ai/sdk` model list (1.14, 2026-11-24).
 * Sonnet balances quality, speed and price for a conversation of short turns.
 */
export const DEFAULT_MODEL = 'claude-sonnet-5-5' satisfies Anthropic.Model;

/**
 * The shortest prefix (in tokens) each model family caches; a shorter prefix is sent uncached without an
 * error. Unknown families use `default`.
 */
export const MINIMUM_CACHEABLE_TOKENS: Readonly<Record<string, number>> & { readonly default: number } = Object.freeze({
  'claude-opus': 1024,
  'claude-sonnet': 1024,
  'claude-haiku': 2048,
  default: 1024,
});

/** The entry of `table` for `model`: an exact key, else the longest key the model id starts with, else `default`. */
export function entryForModel<Entry>(table: Readonly<Record<string, Entry>> & { readonly default: Entry }, model: string): Entry {
  if (Object.hasOwn(table, model)) return table[model] as Entry;
  let best: string | null = null;
  for (const key of Object.keys(table)) {
    if (key !== 'default' && model.startsWith(key) && (best === null || key.length > best.length)) best = key;
  }
  return best === null ? table.default : (table[best] as Entry);
}
