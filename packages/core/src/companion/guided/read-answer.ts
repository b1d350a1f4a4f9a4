// The answer-reading rules of the guided Companion: what an Operator message means for the part just asked.
// Shared with the testkit's fake Anthropic server, so both Companions record the same values for the same words.
import type { z } from 'zod';
import type { SeedPart } from '../../fields';
import { SEED_LIMITS, fieldSchemas, nameSchema, type AssertionEntry, type SeedDraft } from '../../seed';
import type { AskingTarget, DraftValues } from '../types';
import { pathChoice } from '../../matcher';
import { COPY, PART_NAMES, fillCopy, quoteWords } from './copy';
import { readMessageText, trimSpan, type MessageText } from './message-text';
import { partNamedIn, readCorrection, type Correction } from './read-correction';
import { parseListMarker, readEntries, readListItems, type TextSpan } from './read-list';

export type AnswerKind = 'answer' | 'correction' | 'skip' | 'none' | 'question' | 'unclear';

export type AnswerReading = {
  /** Each part's complete new value (a whole list, not an addition), already valid for its schema. */
  values: DraftValues;
  /** Parts the Operator asked to skip for now. */
  skipped: SeedPart[];
  /** For each value, the exact span of the message it came from. */
  evidence: Partial<Record<SeedPart, string>>;
  /**
   * `answer` to the part asked; `correction` of a part named in the message; `skip`; `none` (nothing else
   * should always hold true); `question` about the question; `unclear` — nothing usable, see `problem`.
   */
  kind: AnswerKind;
  /** The part the reading is about: the one answered, corrected, skipped or asked about. */
  part?: SeedPart;
  /** For `unclear`: what to tell the Operator, in plain words (a sentence; the question is asked after it). */
  problem?: string;
};

type Reading = Omit<AnswerReading, 'skipped' | 'evidence' | 'values'> & Partial<Pick<AnswerReading, 'skipped' | 'evidence' | 'values'>>;

function reading(result: Reading): AnswerReading {
  return { values: {}, skipped: [], evidence: {}, ...result };
}

function unclear(problem: string, part?: SeedPart): AnswerReading {
  return reading({ kind: 'unclear', problem, ...(part ? { part } : {}) });
}

/** Lower-case, straight apostrophes, no punctuation but apostrophes and slashes, single spaces. */
function normalizePhrase(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^\p{L}\p{N}'/ ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const SKIP_PHRASES = new Set([
  'skip',
  'skip it',
  'skip this',
  'skip that',
  'skip this one',
  'skip for now',
  'skip it for now',
  'skip this for now',
  "let's skip it",
  "let's skip this",
  'can we skip it',
  'can we skip this',
  'pass',
  'next',
  'not sure',
  'not sure yet',
  "i'm not sure",
  "i'm not sure yet",
  'im not sure',
  "i don't know",
  "i don't know yet",
  'i dont know',
  'i dont know yet',
  "don't know",
  "don't know yet",
  'dunno',
  'no idea',
  'no idea yet',
  'later',
  'come back to it later',
  'come back to this later',
  "let's come back to it",
  "let's come back to that",
  "let's come back to this",
]);

const NONE_PHRASES = new Set([
  'none',
  'no',
  'nope',
  'nothing',
  'nothing else',
  'n/a',
  'na',
  "that's all",
  'thats all',
  "that's it",
  'no thanks',
  'none thanks',
  'nothing more',
  'no more',
  'not really',
  'nothing to add',
  'nothing else to add',
  'no nothing else',
  'none at all',
  'nothing at all',
]);

/** Politeness that does not change what a short reply means ("skip, thanks"). */
function withoutPoliteness(phrase: string): string {
  return phrase.replace(/ (please|thanks|thank you|for now)$/u, '');
}

/** Longest message that can be one of the short replies above; longer ones are not normalised at all. */
const SHORT_REPLY_LENGTH = 60;

/** "skip", "pass", "not sure yet", … — the Operator wants to come back to the question later. */
export function isSkipReply(message: string): boolean {
  if (message.length > SHORT_REPLY_LENGTH) return false;
  const phrase = normalizePhrase(message);
  return SKIP_PHRASES.has(phrase) || SKIP_PHRASES.has(withoutPoliteness(phrase));
}

/** "none", "nothing else", "n/a", … — nothing else should always hold true. */
export function isNoneReply(message: string): boolean {
  if (message.length > SHORT_REPLY_LENGTH) return false;
  const phrase = normalizePhrase(message);
  return NONE_PHRASES.has(phrase) || NONE_PHRASES.has(withoutPoliteness(phrase));
}

function isPart(asking: AskingTarget): asking is SeedPart {
  return asking !== null && asking !== 'close' && asking !== 'confirm';
}

// -- values and their problems ---------------------------------------------------------------------------------

function schemaOf(part: SeedPart): z.ZodType {
  return part === 'name' ? nameSchema : fieldSchemas[part];
}

/** What to tell the Operator about a value its part's schema refuses: plainly, what to shorten. */
function problemWith(part: SeedPart, value: unknown, issue: z.core.$ZodIssue): string {
  const [index, member] = issue.path;
  const tooBig = issue.code === 'too_big';
  if (part === 'name') return issue.code === 'too_small' ? COPY.problemNameEmpty : fillCopy(COPY.problemNameTooLong, { max: SEED_LIMITS.name });
  if (part === 'purpose' || part === 'audience' || part === 'voice') {
    return tooBig ? fillCopy(COPY.problemTextTooLong, { part: PART_NAMES[part], max: SEED_LIMITS.text }) : COPY.problemNothingToKeep;
  }
  const items = Array.isArray(value) ? value : [];
  if (typeof index !== 'number') {
    if (!tooBig) return COPY.problemNothingToKeep;
    const max = part === 'additionalAssertions' ? SEED_LIMITS.entries : SEED_LIMITS.listItems;
    return fillCopy(part === 'additionalAssertions' ? COPY.problemTooManyEntries : COPY.problemTooManyItems, { count: items.length, max });
  }
  if (part === 'constraints' || part === 'success') {
    return tooBig ? fillCopy(COPY.problemItemTooLong, { quote: quoteWords(String(items[index])), max: SEED_LIMITS.listItem }) : COPY.problemNothingToKeep;
  }
  const entry = items[index] as AssertionEntry | undefined;
  const key = quoteWords(entry?.key ?? '');
  if (member === 'key') return tooBig ? fillCopy(COPY.problemKeyTooLong, { key, max: SEED_LIMITS.entryKey }) : COPY.problemNotEntries;
  return tooBig ? fillCopy(COPY.problemValueTooLong, { key, max: SEED_LIMITS.entryValue }) : fillCopy(COPY.problemValueEmpty, { key });
}

type Checked = { ok: true; value: unknown } | { ok: false; problem: string };

function check(part: SeedPart, value: unknown): Checked {
  const parsed = schemaOf(part).safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, problem: issue ? problemWith(part, value, issue) : COPY.problemNothingToKeep };
}

// -- reading one part's value from a span of the message -------------------------------------------------------

type PartValue = { ok: true; value: unknown; span: TextSpan; none?: boolean } | { ok: false; problem: string };

const NAME_PREFIXES = [
  "let's call it",
  'lets call it',
  'let us call it',
  "we'll call it",
  'we will call it',
  'call it',
  "it's called",
  'it is called',
  'its called',
  'it should be called',
  'the name should be',
  'name should be',
  'the name is',
  'its name is',
  'name is',
  'name:',
];

const QUOTE_PAIRS: Record<string, string> = { '"': '"', '\u201C': '\u201D', "'": "'", '\u2018': '\u2019', '\u00AB': '\u00BB' };

/**
 * The name in `span`: one line without a leading "call it", "it's called", "the name is", "name:" and the
 * like, surrounding quotes, or a trailing period.
 */
function readNameSpan(text: string, span: TextSpan): TextSpan {
  let { start, end } = trimSpan(text, span.start, span.end);
  const probe = text.slice(start, Math.min(end, start + 40)).toLowerCase().replace(/\u2019/g, "'");
  const prefix = NAME_PREFIXES.find((candidate) => probe.startsWith(candidate) && (candidate.endsWith(':') || !/[\p{L}\p{N}]/u.test(probe[candidate.length] ?? '')));
  if (prefix) ({ start, end } = trimSpan(text, start + prefix.length, end));
  for (let round = 0; round < 2; round++) {
    if (end > start && text[end - 1] === '.' && text[end - 2] !== '.') ({ start, end } = trimSpan(text, start, end - 1));
    const close = QUOTE_PAIRS[text[start] as string];
    if (end - start >= 2 && close !== undefined && text[end - 1] === close) ({ start, end } = trimSpan(text, start + 1, end - 1));
  }
  return { start, end };
}

function readPartValue(part: SeedPart, text: string, span: TextSpan): PartValue {
  const slice = text.slice(span.start, span.end);
  switch (part) {
    case 'purpose':
    case 'audience':
    case 'voice': {
      const trimmed = trimSpan(text, span.start, span.end);
      return checkedValue(part, text.slice(trimmed.start, trimmed.end), trimmed);
    }
    case 'name': {
      const name = readNameSpan(text, span);
      return checkedValue(part, text.slice(name.start, name.end), name);
    }
    case 'constraints':
    case 'success': {
      const items = readListItems(slice);
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) return { ok: false, problem: COPY.problemNothingToKeep };
      const covered = { start: span.start + first.start, end: span.start + last.end };
      return checkedValue(part, items.map((item) => item.text), trimSpan(text, covered.start, covered.end));
    }
    case 'additionalAssertions': {
      if (isNoneReply(slice)) return { ok: true, value: [], span: trimSpan(text, span.start, span.end), none: true };
      const entries = readEntries(slice);
      if (!entries.ok) return { ok: false, problem: COPY.problemNotEntries };
      const first = entries.entries[0] as TextSpan;
      const last = entries.entries[entries.entries.length - 1] as TextSpan;
      const covered = trimSpan(text, span.start + first.start, span.start + last.end);
      return checkedValue(part, entries.entries.map(({ key, value }) => ({ key, value })), covered);
    }
  }
}

function checkedValue(part: SeedPart, value: unknown, span: TextSpan): PartValue {
  const checked = check(part, value);
  return checked.ok ? { ok: true, value: checked.value, span } : checked;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

// -- the rules -------------------------------------------------------------------------------------------------

function valueReading(kind: 'answer' | 'correction' | 'none', part: SeedPart, value: unknown, span: TextSpan, message: MessageText): AnswerReading {
  return reading({ kind, part, values: { [part]: value }, evidence: { [part]: message.original(span.start, span.end) } });
}

function readCorrectionValue(correction: Correction, message: MessageText, draft: SeedDraft): AnswerReading {
  const { part } = correction;
  const span = { start: correction.valueStart, end: correction.valueEnd };
  const read = readPartValue(part, message.text, span);
  if (!read.ok) return unclear(read.problem, part);
  if (correction.form !== 'addition' || read.none) return valueReading('correction', part, read.value, read.span, message);
  // An addition's complete new value is the existing list with the new items after it.
  const combined = check(part, [...listOf(draft[part]), ...listOf(read.value)]);
  if (!combined.ok) return unclear(combined.problem, part);
  return valueReading('correction', part, combined.value, read.span, message);
}

/** A one-line message ending in "?" that is not itself a list item or (at the end) a `Key: value` line. */
function isQuestion(text: string, asking: AskingTarget): boolean {
  const trimmed = text.trim();
  if (!trimmed.endsWith('?') || trimmed.includes('\n') || parseListMarker(trimmed) !== undefined) return false;
  const entryAnswer = asking === 'additionalAssertions' || asking === 'close' || asking === null;
  return !(entryAnswer && readEntries(trimmed).ok);
}

/**
 * Reads an Operator message as a reply to what the Companion asked (`asking`), given the draft so far.
 * Pure and deterministic, linear in the message length, and never throws: anything it cannot use comes
 * back as `unclear` with a plain `problem` to say. Values are each part's complete new value, valid for
 * its schema, with the exact span of the message they came from as evidence.
 */
export function readOperatorAnswer(asking: AskingTarget, message: string, draft: SeedDraft): AnswerReading {
  const askedPart = isPart(asking) ? asking : undefined;
  if (typeof message !== 'string') return unclear(COPY.problemNothingToKeep, askedPart);
  const source = readMessageText(message);
  const text = source.text;
  const whole = trimSpan(text, 0, text.length);
  if (whole.start === whole.end) return unclear(COPY.problemNothingToKeep, askedPart);
  const safeDraft: SeedDraft = typeof draft === 'object' && draft !== null ? draft : {};

  if (askedPart && isSkipReply(text)) return reading({ kind: 'skip', part: askedPart, skipped: [askedPart] });
  if (askedPart === 'additionalAssertions' && isNoneReply(text)) {
    return valueReading('none', 'additionalAssertions', [], whole, source);
  }
  if (isQuestion(text, asking)) {
    const part = partNamedIn(text) ?? askedPart;
    return reading({ kind: 'question', ...(part ? { part } : {}) });
  }

  const correction = readCorrection(text, { asking });
  if (correction) return readCorrectionValue(correction, source, safeDraft);

  if (askedPart) {
    const read = readPartValue(askedPart, text, whole);
    if (!read.ok) return unclear(read.problem, askedPart);
    return valueReading(read.none ? 'none' : 'answer', askedPart, read.value, read.span, source);
  }
  if (asking === 'confirm') {
    // "A short summary please": the engine records the choice; here it is only acknowledged.
    const path = pathChoice(text);
    return unclear(path === 'brief' ? COPY.pathBrief : path === 'discovery' ? COPY.pathDiscovery : COPY.confirmHint);
  }

  // After the last question: `Key: value` lines add to what should always hold true.
  if (isNoneReply(text)) return unclear(COPY.closeNothing);
  const entries = readEntries(text);
  if (!entries.ok) return unclear(COPY.closeUnsure);
  const read = readPartValue('additionalAssertions', text, whole);
  if (!read.ok) return unclear(read.problem, 'additionalAssertions');
  const combined = check('additionalAssertions', [...listOf(safeDraft.additionalAssertions), ...listOf(read.value)]);
  if (!combined.ok) return unclear(combined.problem, 'additionalAssertions');
  return valueReading('answer', 'additionalAssertions', combined.value, read.span, source);
}
