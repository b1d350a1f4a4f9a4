// Warns when the stable prefix (tools + system prompt) is shorter than the model's minimum cacheable length:
// the API then caches nothing, silently, and every turn pays for the whole prefix.
import type Anthropic from '@anthropic-ai/sdk';
import { sha256Hex } from '@loomworks/core';
import type { MessagesRequest } from './build-messages-request';
import { MINIMUM_CACHEABLE_TOKENS, entryForModel } from './models';

export type CacheCheck = 'count-tokens' | 'estimate' | false;

export type AnthropicCompanionWarning =
  | {
      code: 'prefix-below-cache-minimum';
      message: string;
      details: { model: string; prefixTokens: number; minimumTokens: number; counted: 'count-tokens' | 'estimate' };
    }
  | { code: 'invalid-tool-values'; message: string; details: { model: string; turn: number; invalid: { part: string; issues: string[] }[]; ignored: string[] } }
  | { code: 'no-tool-call'; message: string; details: { model: string; turn: number; asking: string | null } };

/** A local estimate of a text's tokens: about four UTF-8 bytes per token for English prose and JSON. */
export function estimateTokens(text: string): number {
  return Math.ceil(new TextEncoder().encode(text).length / 4);
}

/** Prefix sizes already measured in this process, by model and prefix hash (counted once, whatever the session). */
const measured = new Map<string, Promise<{ tokens: number; counted: 'count-tokens' | 'estimate' }>>();

function prefixOf(body: MessagesRequest): { tools: unknown; system: unknown } {
  return { tools: body.tools, system: body.system };
}

async function measure(client: Anthropic, body: MessagesRequest, check: 'count-tokens' | 'estimate'): Promise<{ tokens: number; counted: 'count-tokens' | 'estimate' }> {
  const estimate = { tokens: estimateTokens(JSON.stringify(prefixOf(body))), counted: 'estimate' as const };
  if (check === 'estimate') return estimate;
  try {
    // count_tokens needs a message; a one-character one adds a handful of tokens to the count.
    const counted = await client.messages.countTokens(
      { model: body.model, system: body.system!, tools: body.tools!, messages: [{ role: 'user', content: '.' }] },
      { maxRetries: 0 },
    );
    return { tokens: counted.input_tokens, counted: 'count-tokens' };
  } catch {
    // The check is advice, never a reason to fail a turn: fall back to the estimate.
    return estimate;
  }
}

export type PrefixWarning = Extract<AnthropicCompanionWarning, { code: 'prefix-below-cache-minimum' }>;

/** Measures the request's prefix once per (model, prefix) and returns the warning to give, if any, with the prefix's key. */
export async function checkCacheablePrefix(client: Anthropic, body: MessagesRequest, check: 'count-tokens' | 'estimate'): Promise<{ key: string; warning: PrefixWarning | null }> {
  const key = `${body.model}\n${check}\n${sha256Hex(JSON.stringify(prefixOf(body)))}`;
  let pending = measured.get(key);
  if (!pending) {
    pending = measure(client, body, check);
    measured.set(key, pending);
  }
  const { tokens, counted } = await pending;
  const minimum = entryForModel(MINIMUM_CACHEABLE_TOKENS, body.model);
  if (tokens >= minimum) return { key, warning: null };
  const warning: PrefixWarning = {
    code: 'prefix-below-cache-minimum',
    message: `The cached prefix (tools and system prompt) is about ${tokens} tokens, below the ${minimum}-token minimum ${body.model} caches: prompt caching will not take effect.`,
    details: { model: body.model, prefixTokens: tokens, minimumTokens: minimum, counted },
  };
  return { key, warning };
}
