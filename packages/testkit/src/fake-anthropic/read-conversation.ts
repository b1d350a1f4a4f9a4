// Reads a Companion turn back out of a Messages API request: the Operator's latest words, the per-turn
// state the adapter sent after the cached prefix, and — where the state is silent — what the history's
// `record_fields` calls say (draft, last question, skipped parts). Tolerant by design: it works from the
// messages alone when there is no state block, or one in a shape it does not know.
import { PART_ORDER, type AskingTarget, type CommitStep, type CompanionIntent, type CompanionTurnState, type SeedDraft, type SeedPart } from '@loomworks/core';
import { contentBlocks } from './tokens';
import type { ContentBlockParam, MessagesRequest } from './wire-types';

export const RECORD_FIELDS_TOOL_NAME = 'record_fields';

/** What the fake Companion needs to know about the turn. */
export type ConversationTurn = {
  intent: CompanionIntent;
  step: CommitStep | null;
  recordOnly: boolean;
  /** The Operator's latest words (without tool results or the state block); '' when there are none. */
  message: string;
  /** On a commit turn, the content around the terminal phrase. */
  terminalContent: string | null;
  draft: SeedDraft;
  skipped: SeedPart[];
  /** What the previous Companion turn asked (null when nothing was asked yet). */
  lastAsking: AskingTarget;
  missing: SeedPart[];
  creation: CompanionTurnState['creation'];
};

const INTENTS: readonly CompanionIntent[] = ['create_engagement_entry', 'create_engagement_active', 'create_engagement_commit'];
const STEPS: readonly CommitStep[] = ['missing', 'confirm', 'review', 'closing'];
const ASKING: readonly string[] = [...PART_ORDER, 'close', 'confirm'];
const STATE_KEYS = ['draft', 'step', 'recordOnly', 'record_only', 'lastAsking', 'last_asking', 'template', 'intent', 'nextPart', 'missing'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A state block: a JSON object (bare, fenced or inside a tag) with at least one state key. */
export function parseStateBlock(text: string): Record<string, unknown> | null {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  const before = text.slice(0, start).trim();
  // A state block is mostly JSON: at most a tag and a line of prose before it.
  if (before.length > 400) return null;
  try {
    const value = JSON.parse(text.slice(start, end + 1)) as unknown;
    if (!isObject(value)) return null;
    const state = isObject(value.state) ? value.state : value;
    return STATE_KEYS.some((key) => Object.hasOwn(state, key)) ? state : null;
  } catch {
    return null;
  }
}

function textOf(block: ContentBlockParam): string | null {
  return block.type === 'text' && typeof (block as { text?: unknown }).text === 'string' ? (block as { text: string }).text : null;
}

function partList(value: unknown): SeedPart[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((part): part is SeedPart => (PART_ORDER as readonly unknown[]).includes(part));
}

function askingOf(value: unknown): AskingTarget | undefined {
  if (value === null) return null;
  return typeof value === 'string' && ASKING.includes(value) ? (value as AskingTarget) : undefined;
}

/** The draft, last question and skipped parts that the history's record_fields calls add up to. */
function foldHistory(request: MessagesRequest): { draft: SeedDraft; lastAsking: AskingTarget; skipped: SeedPart[]; companionTurns: number } {
  const draft: Record<string, unknown> = {};
  let lastAsking: AskingTarget = null;
  let skipped: SeedPart[] = [];
  let companionTurns = 0;
  for (const message of request.messages) {
    if (message.role !== 'assistant') continue;
    companionTurns += 1;
    for (const block of contentBlocks(message.content)) {
      if (block.type !== 'tool_use' || (block as { name?: unknown }).name !== RECORD_FIELDS_TOOL_NAME) continue;
      const input = (block as { input?: unknown }).input;
      if (!isObject(input)) continue;
      if (isObject(input.values)) {
        for (const [part, value] of Object.entries(input.values)) if ((PART_ORDER as readonly string[]).includes(part)) draft[part] = value;
      }
      lastAsking = askingOf(input.asking) ?? lastAsking;
      skipped = [...new Set([...skipped, ...(partList(input.skipped) ?? [])])];
    }
  }
  return { draft: draft as SeedDraft, lastAsking, skipped: skipped.filter((part) => draft[part] === undefined), companionTurns };
}

/** Reads the turn. Only meaningful for a request that offers the record_fields tool. */
export function readConversation(request: MessagesRequest): ConversationTurn {
  const last = request.messages[request.messages.length - 1];
  const words: string[] = [];
  let state: Record<string, unknown> | null = null;
  if (last && last.role === 'user') {
    const texts = contentBlocks(last.content).flatMap((block) => textOf(block) ?? []);
    // The state travels last, after everything cached; only the final text block can be it.
    state = texts.length > 0 ? parseStateBlock(texts[texts.length - 1] as string) : null;
    words.push(...(state ? texts.slice(0, -1) : texts));
  }
  const history = foldHistory(request);
  const read = (...keys: string[]) => {
    for (const key of keys) if (state && Object.hasOwn(state, key)) return state[key];
    return undefined;
  };

  const named = [read('template', 'intent')].find((value): value is CompanionIntent => INTENTS.includes(value as CompanionIntent));
  const intent = named ?? (history.companionTurns === 0 ? 'create_engagement_entry' : 'create_engagement_active');
  const step = STEPS.find((candidate) => candidate === read('step')) ?? null;
  const recordOnlyValue = read('recordOnly', 'record_only');
  const toolChoice = request.tool_choice;
  const recordOnly = typeof recordOnlyValue === 'boolean' ? recordOnlyValue : toolChoice?.type === 'tool' || toolChoice?.type === 'any';
  const draftValue = read('draft');
  const draft = isObject(draftValue) ? (draftValue as SeedDraft) : history.draft;
  const skipped = partList(read('skipped')) ?? history.skipped;
  const lastAsking = askingOf(read('lastAsking', 'last_asking')) ?? history.lastAsking;
  const missing = partList(read('missing')) ?? PART_ORDER.filter((part) => part !== 'additionalAssertions' && draft[part] === undefined);
  const terminal = read('terminal');
  const terminalContent = isObject(terminal) && typeof terminal.content === 'string' ? terminal.content : null;
  const creationValue = read('creation');
  const creation = isObject(creationValue) && typeof creationValue.name === 'string' ? (creationValue as unknown as CompanionTurnState['creation']) : null;

  return {
    intent,
    step,
    recordOnly,
    message: words.join('\n\n'),
    terminalContent,
    draft,
    skipped,
    lastAsking,
    missing,
    creation,
  };
}
