// SPEC §13's token-cost bar, measured (deterministic token counts, not time): the same 12-turn creation
// with prompt caching on and off, billed input counted as input-token equivalents.
import { readFileSync } from 'node:fs';
import { createCreationSession, createGuidedCompanion, createMemoryStore, type Companion, type CreationResult, type TokenUsage } from '@loomworks/core';
import { createFakeAnthropicFetch } from '@loomworks/testkit';
import { describe, expect, it } from 'vitest';
import { createAnthropicCompanion, type AnthropicCompanionOptions } from './create-anthropic-companion';
import { billedInputTokens } from './prices';

/** Twelve Companion turns: the opening, eight answers (one a correction), the recap, a review and the closing. */
const SCRIPT = (JSON.parse(readFileSync(new URL('../../../fixtures/conversations/twelve-turn-creation.json', import.meta.url), 'utf8')) as { messages: string[] }).messages;

async function converse(companion: Companion): Promise<{ creation: CreationResult; turns: number }> {
  const session = await createCreationSession({ companion, store: createMemoryStore(), operator: { id: 'op-1' } });
  await session.start();
  let creation: CreationResult | undefined;
  for (const message of SCRIPT) creation = (await session.send(message)).creation ?? creation;
  if (!creation) throw new Error('the conversation did not create the project');
  return { creation, turns: SCRIPT.length + 1 };
}

async function withCache(cache: AnthropicCompanionOptions['cache']): Promise<{ creation: CreationResult; usage: TokenUsage; calls: number }> {
  const fetch = createFakeAnthropicFetch();
  const { creation } = await converse(createAnthropicCompanion({ apiKey: 'sk-test', fetch, cache, cacheCheck: false }));
  return { creation, usage: creation.usage, calls: fetch.requests.filter((request) => request.path === '/v1/messages').length };
}

describe('the input-token cost of a 12-turn creation', () => {
  it('bills at most 0.35× with faithful caching of what the same conversation bills with caching off', async () => {
    const cached = await withCache('5m');
    const uncached = await withCache(false);
    const guided = await converse(createGuidedCompanion());
    expect(cached.calls).toBe(12);
    expect(uncached.calls).toBe(12);
    // The same conversation either way, and the guided Companion's result.
    expect(cached.creation.seed).toEqual(guided.creation.seed);
    expect(uncached.creation.seed).toEqual(guided.creation.seed);
    expect(cached.creation.induction.status).toBe('induction-pass-clean');
    expect(uncached.usage.cacheReadTokens + uncached.usage.cacheWriteTokens).toBe(0);

    const ratio = billedInputTokens(cached.usage) / billedInputTokens(uncached.usage);
    console.log(
      `12-turn creation, input-token equivalents: cached ${billedInputTokens(cached.usage)} (input ${cached.usage.inputTokens}, ` +
        `5m writes ${cached.usage.cacheWriteTokens}, reads ${cached.usage.cacheReadTokens}) vs uncached ${billedInputTokens(uncached.usage)} → ratio ${ratio.toFixed(3)}`,
    );
    expect(ratio).toBeLessThanOrEqual(0.35);
  });
});
