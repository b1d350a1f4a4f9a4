// The models the fake knows and each one's minimum cacheable prompt length: a prefix shorter than the
// minimum is never cached (no error; usage just shows no cache activity), as with the real API.

/** Model ids the fake accepts: the installed SDK's `Model` list (dated snapshots of these are accepted too). */
export const FAKE_ANTHROPIC_MODELS = [
  'claude-fable-5-2',
  'claude-mythos-5-2',
  'claude-haiku-5-5',
  'claude-sonnet-5-5',
  'claude-fable-5-1',
  'claude-opus-5-5',
  'claude-mythos-5-1',
  'claude-sonnet-5',
  'claude-fable-5',
  'claude-mythos-5',
  'claude-opus-5',
  'claude-opus-4-8',
  'claude-opus-4-7',
  'claude-mythos-preview',
  'claude-opus-4-6',
  'claude-sonnet-4-6',
  'claude-haiku-4-5',
  'claude-opus-4-5',
  'claude-sonnet-4-5',
] as const;

/** Minimum cacheable tokens: 1024 for Sonnet and Opus models, 2048 for Haiku, 1024 for any other model. */
export const MINIMUM_CACHEABLE_TOKENS = { sonnet: 1024, opus: 1024, haiku: 2048, default: 1024 } as const;

/** The largest `max_tokens` the fake accepts for any model. */
export const MAX_OUTPUT_TOKENS = 128_000;

const DATED = /-\d{8}$/;

/** True for a model id of the list above, or a dated snapshot of one (`claude-sonnet-4-5-20250929`). */
export function isKnownModel(model: string): boolean {
  const base = model.replace(DATED, '');
  return (FAKE_ANTHROPIC_MODELS as readonly string[]).includes(base);
}

/** The minimum cacheable prefix length of `model`, in the fake's tokens. */
export function minimumCacheableTokens(model: string): number {
  if (model.includes('haiku')) return MINIMUM_CACHEABLE_TOKENS.haiku;
  if (model.includes('sonnet')) return MINIMUM_CACHEABLE_TOKENS.sonnet;
  if (model.includes('opus')) return MINIMUM_CACHEABLE_TOKENS.opus;
  return MINIMUM_CACHEABLE_TOKENS.default;
}
