// The Companion's system prompt: voice principles, the three creation templates and the six per-field components,
// as one text that is byte-identical on every turn of every session for a given source, so it can be cached.
import type { PromptSource } from './prompt-source';
import { builtinPromptSource, getPrompt } from './registry';
import type { PromptId } from './registry.generated';

/**
 * The assets of the system prompt, in order. The per-field components follow core's FIELDS order (purpose,
 * audience, voice, constraints, success, additionalAssertions); a core test checks it against FIELD_COVERAGE.
 */
export const SYSTEM_PROMPT_IDS = [
  'voice_principles',
  'create_engagement_entry',
  'create_engagement_active',
  'create_engagement_commit',
  'create_engagement/purpose',
  'create_engagement/audience',
  'create_engagement/voice',
  'create_engagement/constraints',
  'create_engagement/success',
  'create_engagement/additional_assertions',
] as const satisfies readonly PromptId[];

export type SystemPromptId = (typeof SYSTEM_PROMPT_IDS)[number];

export type AssembleSystemPromptResult = {
  text: string;
  /** Each asset in the text → `sha256:<hex>` of its file, for provenance (Discovery records, transcripts). */
  prompts: Record<SystemPromptId, string>;
};

/**
 * Joins the system-prompt assets of `source`, each in a `<section id="…">` block. The text holds nothing that
 * changes per call (no dates, ids or counters), so the same source always gives the same bytes. An asset here
 * that declares variables throws E_PROMPT_VARIABLE: per-turn values belong after the cached prefix, not in it.
 */
export function assembleSystemPrompt(source: PromptSource = builtinPromptSource): AssembleSystemPromptResult {
  const sections: string[] = [];
  const prompts = {} as Record<SystemPromptId, string>;
  for (const id of SYSTEM_PROMPT_IDS) {
    const rendered = getPrompt(id, {}, source);
    sections.push(`<section id="${id}">\n${rendered.text}\n</section>`);
    prompts[id] = `sha256:${rendered.sha256}`;
  }
  return { text: sections.join('\n\n'), prompts };
}
