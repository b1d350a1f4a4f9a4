// Intent classification for integrators routing a general chat (SPEC §6.1): an explicit hint wins, then
// deterministic rules, then — only when the rules are unsure and a Companion can answer — the LLM fallback.
import { getPrompt, type PromptSource } from '@loomworks/prompts';
import type { Companion } from '../companion/types';
import { LoomworksError } from '../errors';
import { matchTerminalTurn, type TerminalTurnMatch } from '../matcher';

export const INTENTS = ['create_engagement_entry', 'create_engagement_active', 'create_engagement_commit', 'general_conversation'] as const;

export type Intent = (typeof INTENTS)[number];

export type ClassifyIntentOptions = {
  /** An explicit intent from the integrator's own routing; it overrides everything else. */
  intentHint?: Intent;
  /** True while a creation conversation is under way. */
  inCreation?: boolean;
  /** The Companion's previous words (they help the fallback, and "anything else?" makes "no" terminal). */
  companionLastTurn?: string;
  companionAskedToClose?: boolean;
  /** Enables the LLM fallback (a Companion with `complete`). */
  companion?: Companion;
  prompts?: PromptSource;
  signal?: AbortSignal;
};

export type IntentClassification = {
  intent: Intent;
  source: 'hint' | 'rules' | 'companion';
  confidence: number;
  reason: string;
  terminal: TerminalTurnMatch;
};

// "start a new project", "create an engagement", "set up a project for …": asking to found something.
const CREATION_VERBS = new Set(['start', 'create', 'found', 'set', 'make', 'begin', 'launch', 'new', 'kick']);
const CREATION_NOUNS = new Set(['project', 'projects', 'engagement', 'engagements']);

function asksToCreate(message: string): boolean {
  const words = message.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  let verbAt = -Infinity;
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] ?? '';
    if (CREATION_VERBS.has(word)) verbAt = index;
    else if (CREATION_NOUNS.has(word) && index - verbAt <= 3) return true;
  }
  return false;
}

export async function classifyIntent(message: string, options: ClassifyIntentOptions = {}): Promise<IntentClassification> {
  if (typeof message !== 'string') throw new LoomworksError('E_INVALID_MESSAGE', 'The message must be a string');
  const terminal = matchTerminalTurn(message, { companionAskedToClose: options.companionAskedToClose ?? false });
  if (options.intentHint) return { intent: options.intentHint, source: 'hint', confidence: 1, reason: 'explicit intent hint', terminal };

  if (options.inCreation) {
    if (terminal.terminal) return { intent: 'create_engagement_commit', source: 'rules', confidence: 1, reason: `terminal phrase “${terminal.phrase ?? ''}”`, terminal };
    // Inside a creation every message is part of it: it is never routed away as general chat.
    return { intent: 'create_engagement_active', source: 'rules', confidence: 1, reason: 'message within a creation conversation', terminal };
  }
  if (asksToCreate(message)) return { intent: 'create_engagement_entry', source: 'rules', confidence: 0.9, reason: 'asks to start a new project', terminal };
  if (!options.companion?.complete) {
    return { intent: 'general_conversation', source: 'rules', confidence: 0.5, reason: 'no rule matched and no Companion fallback is available', terminal };
  }

  const prompt = getPrompt('intent_classifier', { message, companion_last_turn: options.companionLastTurn ?? '' }, options.prompts).text;
  const answer = await options.companion.complete({ task: 'intent-classification', prompt, maxTokens: 200 }, options.signal ? { signal: options.signal } : {});
  const parsed = parseClassification(answer.text);
  if (!parsed) {
    throw new LoomworksError('E_COMPANION_OUTPUT', 'The Companion answered the classification with something other than the expected JSON', {
      details: { answer: answer.text.slice(0, 500) },
    });
  }
  // Outside a creation, a message about founding or finishing a project starts one.
  const intent = parsed.intent === 'general_conversation' ? 'general_conversation' : 'create_engagement_entry';
  return { intent, source: 'companion', confidence: parsed.confidence, reason: parsed.reason, terminal };
}

function parseClassification(text: string): { intent: Intent; confidence: number; reason: string } | null {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end < start) return null;
  try {
    const value = JSON.parse(text.slice(start, end + 1)) as { intent?: unknown; confidence?: unknown; reason?: unknown };
    if (typeof value.intent !== 'string' || !(INTENTS as readonly string[]).includes(value.intent)) return null;
    const confidence = typeof value.confidence === 'number' && value.confidence >= 0 && value.confidence <= 1 ? value.confidence : 0.5;
    return { intent: value.intent as Intent, confidence, reason: typeof value.reason === 'string' ? value.reason : '' };
  } catch {
    return null;
  }
}
