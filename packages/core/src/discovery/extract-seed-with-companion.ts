// The extraction fallback (SPEC §4.2) for free-form documents: ask a Companion for the Seed as JSON,
// validate it with zod, and re-ask with the validation errors at most `repairBudget` times.
import { getPrompt, type PromptSource } from '@loomworks/prompts';
import type { Companion } from '../companion/types';
import { LoomworksError } from '../errors';
import { safeParseSeed, seedJsonSchema, type Seed, type SeedIssue } from '../seed';
import type { TokenUsage } from '../store';

export type ExtractSeedWithCompanionOptions = {
  companion: Companion;
  /** Re-asks after the first answer, each with the previous answer's validation errors. Default 2. */
  repairBudget?: number;
  prompts?: PromptSource;
  signal?: AbortSignal;
};

export type ExtractSeedWithCompanionResult =
  | { ok: true; seed: Seed; attempts: number; usage: TokenUsage }
  | { ok: false; issues: SeedIssue[]; attempt: unknown; attempts: number; usage: TokenUsage };

export async function extractSeedWithCompanion(markdown: string, options: ExtractSeedWithCompanionOptions): Promise<ExtractSeedWithCompanionResult> {
  const { companion } = options;
  if (!companion.complete) {
    throw new LoomworksError('E_USAGE', `The ${companion.id} Companion cannot read free-form documents`, {
      hint: 'Use a Companion backed by a model (e.g. --companion anthropic), or give the document the six section headings.',
    });
  }
  const repairBudget = options.repairBudget ?? 2;
  if (!Number.isInteger(repairBudget) || repairBudget < 0) throw new LoomworksError('E_USAGE', 'repairBudget must be a whole number ≥ 0');
  const prompt = getPrompt('discovery_to_seed_extraction', { document: markdown, json_schema: JSON.stringify(seedJsonSchema) }, options.prompts).text;
  const history: { role: 'user' | 'assistant'; text: string }[] = [];
  let usage: TokenUsage = { inputTokens: 0, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 };
  let attempt: unknown = null;
  let issues: SeedIssue[] = [];
  for (let attempts = 1; attempts <= repairBudget + 1; attempts += 1) {
    const answer = await companion.complete({ task: 'extraction', prompt, history: [...history] }, options.signal ? { signal: options.signal } : {});
    usage = {
      inputTokens: usage.inputTokens + answer.usage.inputTokens,
      outputTokens: usage.outputTokens + answer.usage.outputTokens,
      cacheWriteTokens: usage.cacheWriteTokens + answer.usage.cacheWriteTokens,
      cacheReadTokens: usage.cacheReadTokens + answer.usage.cacheReadTokens,
    };
    const parsed = parseJsonAnswer(answer.text);
    attempt = parsed.ok ? parsed.value : answer.text;
    const validated = parsed.ok ? safeParseSeed(parsed.value) : { ok: false as const, issues: [{ path: [], message: parsed.error, code: 'invalid_json' }] };
    if (validated.ok) return { ok: true, seed: validated.seed, attempts, usage };
    issues = validated.issues;
    history.push(
      { role: 'assistant', text: answer.text },
      {
        role: 'user',
        text: `That answer did not validate:\n${issues.map((issue) => `- ${issue.path.join('.') || '(whole answer)'}: ${issue.message}`).join('\n')}\nAnswer again with only the corrected JSON object.`,
      },
    );
  }
  return { ok: false, issues, attempt, attempts: repairBudget + 1, usage };
}

/** The JSON object in a model's answer: the whole text, or the inside of a ``` fence. */
function parseJsonAnswer(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const trimmed = text.trim();
  const fenced = /^```[a-z]*\n([\s\S]*?)\n```$/i.exec(trimmed);
  try {
    return { ok: true, value: JSON.parse(fenced?.[1] ?? trimmed) };
  } catch (error) {
    return { ok: false, error: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}
