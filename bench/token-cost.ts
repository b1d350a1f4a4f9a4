// Benchmark 4 (SPEC §13): the billed input tokens of a 12-turn creation with faithful prompt caching, against
// the same conversation with caching off — the fake Anthropic server in-process, the real SDK client talking
// to it. Token counts, not time: every round gives the same figures, so the spread is 0 unless something drifts.
import { readFileSync } from 'node:fs';
import { createCreationSession, createMemoryStore, type CreationResult } from '@loomworks/core';
import { billedInputTokens, createAnthropicCompanion, type AnthropicCompanionOptions } from '@loomworks/anthropic';
import { createFakeAnthropicFetch } from '@loomworks/testkit';
import { benchmarkRow, compare, type BenchmarkRow } from './measure';

/**
 * The Operator's eleven messages; with the opening that makes twelve Companion turns: eight answers (one a
 * correction), the recap, a review and the closing. The same fixture as @loomworks/anthropic's cache-cost test.
 */
export const TWELVE_TURN_SCRIPT = (JSON.parse(readFileSync(new URL('../fixtures/conversations/twelve-turn-creation.json', import.meta.url), 'utf8')) as { messages: string[] }).messages;

export type ConversationCost = { billed: number; calls: number; creation: CreationResult };

/** Runs the 12-turn creation against a fresh fake Anthropic with the given cache setting. */
export async function conversationCost(cache: AnthropicCompanionOptions['cache']): Promise<ConversationCost> {
  const fetch = createFakeAnthropicFetch();
  const companion = createAnthropicCompanion({ apiKey: 'sk-bench', fetch, cache, cacheCheck: false });
  const session = await createCreationSession({ companion, store: createMemoryStore(), operator: { id: 'bench' } });
  await session.start();
  let creation: CreationResult | undefined;
  for (const message of TWELVE_TURN_SCRIPT) creation = (await session.send(message)).creation ?? creation;
  if (!creation) throw new Error('The 12-turn conversation did not create the project');
  const calls = fetch.requests.filter((request) => request.path === '/v1/messages').length;
  if (calls !== 12) throw new Error(`The 12-turn conversation made ${calls} Companion calls`);
  return { billed: billedInputTokens(creation.usage), calls, creation };
}

export type TokenCostBenchmarkResult = BenchmarkRow & { cachedUsage: CreationResult['usage']; uncachedUsage: CreationResult['usage'] };

export async function runTokenCostBenchmark(options: { rounds?: number } = {}): Promise<TokenCostBenchmarkResult> {
  let cachedUsage: CreationResult['usage'] | undefined;
  let uncachedUsage: CreationResult['usage'] | undefined;
  const result = await compare({
    warmupRounds: 0,
    rounds: options.rounds ?? 3,
    baseline: async () => {
      const cost = await conversationCost(false);
      uncachedUsage = cost.creation.usage;
      return cost.billed;
    },
    subject: async () => {
      const cost = await conversationCost('5m');
      cachedUsage = cost.creation.usage;
      return cost.billed;
    },
  });
  return {
    ...benchmarkRow('token-cost', 'billed input tokens', result, 0.35, 'lower'),
    cachedUsage: cachedUsage as CreationResult['usage'],
    uncachedUsage: uncachedUsage as CreationResult['usage'],
  };
}
