// The default responder: a plausible Companion read from the request alone. On a Companion turn (the request
// offers `record_fields`) it reads the Operator's latest answer with core's readOperatorAnswer — the guided
// Companion's rules — records it, and asks the next open part; it also answers the one-shot tasks (the
// extraction fallback via extractSeed, intent classification via classifyIntent's rules).
import { PART_ORDER, classifyIntent, extractSeed, readOperatorAnswer, type AnswerReading, type AskingTarget, type DraftValues, type SeedDraft, type SeedPart } from '@loomworks/core';
import {
  OPENING,
  acknowledge,
  acknowledgeCorrection,
  askFor,
  closingText,
  confirmText,
  explain,
  missingText,
  reviewText,
  SKIPPED,
} from './companion-copy';
import { RECORD_FIELDS_TOOL_NAME, readConversation, type ConversationTurn } from './read-conversation';
import { contentBlocks, systemBlocks } from './tokens';
import type { FakeReply } from './types';
import type { MessagesRequest } from './wire-types';

/** What one Companion turn says and records; `asking: undefined` means the turn calls no tool. */
type ComposedTurn = { text: string; values: DraftValues; asking: AskingTarget | undefined; skipped: SeedPart[] };

const NOTHING_TO_KEEP = "I didn't catch anything I could write down there.";

export async function defaultReply(request: MessagesRequest): Promise<FakeReply> {
  if ((request.tools ?? []).some((tool) => tool.name === RECORD_FIELDS_TOOL_NAME)) return companionReply(request);
  const texts = allTexts(request);
  const document = between(texts, '<document>', '</document>');
  if (document !== null) return { text: extractionAnswer(document) };
  const message = between(texts, '<message>', '</message>');
  const lastTurn = between(texts, '<companion_last_turn>', '</companion_last_turn>');
  if (message !== null && lastTurn !== null) return { text: await classificationAnswer(message, lastTurn) };
  return { text: 'Understood.' };
}

// -- Companion turns -----------------------------------------------------------------------------------------

function companionReply(request: MessagesRequest): FakeReply {
  const turn = readConversation(request);
  const composed = composeTurn(turn);
  const choice = request.tool_choice?.type;
  // A forced tool call comes without text; with tool_choice none there is no call.
  const text = choice === 'tool' || choice === 'any' || turn.recordOnly ? '' : composed.text;
  const callsTool = composed.asking !== undefined && choice !== 'none';
  const input = { values: composed.values, asking: composed.asking ?? null, ...(composed.skipped.length > 0 ? { skipped: composed.skipped } : {}) };
  return {
    ...(text !== '' ? { text } : {}),
    ...(callsTool ? { toolUse: { name: RECORD_FIELDS_TOOL_NAME, input } } : {}),
  };
}

function say(text: string, asking: AskingTarget | undefined): ComposedTurn {
  return { text, values: {}, asking, skipped: [] };
}

function composeTurn(turn: ConversationTurn): ComposedTurn {
  if (turn.intent === 'create_engagement_entry') return say(OPENING, 'purpose');
  if (turn.intent === 'create_engagement_commit') {
    if (turn.recordOnly) return composeAnswer(turn, turn.terminalContent ?? turn.message);
    switch (turn.step) {
      case 'missing':
        return say(missingText(turn.missing), turn.missing[0] ?? 'close');
      case 'confirm':
        return say(confirmText(turn.draft), 'confirm');
      case 'review':
        return say(reviewText(turn.draft), 'confirm');
      case 'closing':
        return say(closingText(turn.creation), undefined);
      case null:
        break;
    }
  }
  return composeAnswer(turn, turn.message);
}

function nextPart(draft: SeedDraft, skipped: readonly SeedPart[]): SeedPart | null {
  return PART_ORDER.find((part) => draft[part] === undefined && !skipped.includes(part)) ?? null;
}

/** The items `next` has after all of `previous`, when it is `previous` with items added at the end. */
function addedItems(previous: unknown, next: unknown): unknown[] | undefined {
  if (!Array.isArray(previous) || !Array.isArray(next) || previous.length === 0 || next.length <= previous.length) return undefined;
  return previous.every((item, index) => JSON.stringify(item) === JSON.stringify(next[index])) ? next.slice(previous.length) : undefined;
}

function sayReading(reading: AnswerReading, draft: SeedDraft, asking: AskingTarget): string {
  const part = reading.part;
  switch (reading.kind) {
    case 'skip':
      return SKIPPED;
    case 'question':
      return explain(part ?? (asking === 'confirm' ? 'confirm' : 'close'));
    case 'unclear':
      return reading.problem ?? NOTHING_TO_KEEP;
    case 'correction':
      return part ? acknowledgeCorrection(part, reading.values[part]) : '';
    case 'answer':
    case 'none': {
      if (!part) return '';
      const value = reading.values[part];
      const heard = asking === 'close' || asking === null ? (addedItems(draft[part], value) ?? value) : value;
      return acknowledge(part, heard, reading.kind === 'none');
    }
  }
}

/** Reads the Operator's answer to what was asked, records it, and asks what comes next. */
function composeAnswer(turn: ConversationTurn, message: string): ComposedTurn {
  const { draft } = turn;
  const asking = turn.lastAsking ?? nextPart(draft, turn.skipped) ?? 'close';
  const reading = readOperatorAnswer(asking, message, draft);
  const after: SeedDraft = { ...draft, ...(reading.values as SeedDraft) };
  const skipped = [...new Set([...turn.skipped, ...reading.skipped])].filter((part) => after[part] === undefined);
  const sameAgain = asking === 'close' || asking === 'confirm' || reading.kind === 'question' || reading.kind === 'unclear';
  const next: AskingTarget = sameAgain ? asking : (nextPart(after, skipped) ?? 'close');
  const text = [sayReading(reading, draft, asking), askFor(next, skipped, next === 'close' && asking !== 'close')].filter((line) => line !== '').join(' ');
  return { text, values: reading.values, asking: next, skipped: reading.skipped };
}

// -- one-shot tasks ------------------------------------------------------------------------------------------

function allTexts(request: MessagesRequest): string[] {
  const texts: string[] = [];
  for (const block of systemBlocks(request.system)) if (block.type === 'text') texts.push(String((block as { text: string }).text));
  for (const message of request.messages) {
    if (message.role !== 'user') continue;
    for (const block of contentBlocks(message.content)) if (block.type === 'text') texts.push(String((block as { text: string }).text));
  }
  return texts;
}

/** The text between the first `open` and the last `close` after it, in the first text holding both. */
function between(texts: readonly string[], open: string, close: string): string | null {
  for (const text of texts) {
    const start = text.indexOf(open);
    const end = text.lastIndexOf(close);
    if (start >= 0 && end > start) return text.slice(start + open.length, end).replace(/^\r?\n/u, '').replace(/\r?\n$/u, '');
  }
  return null;
}

const EMPTY_SEED = { name: '', purpose: '', audience: '', voice: '', constraints: [], success: [], additionalAssertions: [] };

/** The Seed as JSON: what extractSeed reads from the document, every part it cannot read left empty. */
function extractionAnswer(document: string): string {
  const extraction = extractSeed(document);
  if (extraction.ok) return JSON.stringify(extraction.seed);
  const read = Object.fromEntries(Object.entries(extraction.partial).filter(([, value]) => value !== undefined));
  return JSON.stringify({ ...EMPTY_SEED, ...read });
}

/** The Companion's previous words asked "anything else?" or "ready to begin?". */
function askedToClose(lastTurn: string): boolean {
  return /anything else|put it together|ready to begin/iu.test(lastTurn);
}

async function classificationAnswer(message: string, lastTurn: string): Promise<string> {
  const inCreation = lastTurn.trim() !== '';
  const result = await classifyIntent(message, { inCreation, companionAskedToClose: askedToClose(lastTurn) });
  // "That's everything" means the whole conversation is done, wherever it is said; entry is never an answer.
  const intent = result.terminal.terminal ? 'create_engagement_commit' : result.intent === 'create_engagement_entry' ? 'create_engagement_active' : result.intent;
  const reasons = {
    create_engagement_commit: `says the whole conversation is finished (“${result.terminal.phrase ?? ''}”)`,
    create_engagement_active: 'is about setting up the project',
    general_conversation: 'is not about setting up a project',
  } as const;
  return JSON.stringify({ intent, confidence: result.source === 'rules' && intent !== 'general_conversation' ? 0.9 : 0.6, reason: `The message ${reasons[intent]}.` });
}
