// The guided Companion's question-and-answer turns: read the Operator's message against what was asked,
// say in a few words what was heard (their words in quotes), then ask the next open question.
import { nextPart, type SeedPart } from '../../fields';
import { valueText, type SeedDraft } from '../../seed';
import type { AskingTarget, CompanionRequest, DraftValues } from '../types';
import { COPY, EXPLANATIONS, PART_NAMES, QUESTIONS, fillCopy, plainList, quoteWords } from './copy';
import { readOperatorAnswer, type AnswerReading } from './read-answer';

/** One guided turn: what to say and what to record. */
export type GuidedTurn = {
  text: string;
  values: DraftValues;
  asking: AskingTarget;
  evidence: Partial<Record<SeedPart, string>>;
  skipped: SeedPart[];
};

/** The words that ask for `target`; asking to close first names any skipped parts when `remindSkipped`. */
export function askFor(target: AskingTarget, skipped: readonly SeedPart[] = [], remindSkipped = false): string {
  if (target === null) return '';
  if (target === 'confirm') return COPY.confirm;
  if (target === 'close') {
    const reminder = remindSkipped && skipped.length > 0 ? `${fillCopy(COPY.skippedReminder, { parts: plainList(skipped.map((part) => PART_NAMES[part])) })} ` : '';
    return `${reminder}${COPY.close}`;
  }
  return QUESTIONS[target];
}

function withValues(draft: SeedDraft, values: DraftValues): SeedDraft {
  return { ...draft, ...(values as SeedDraft) };
}

function acknowledge(part: SeedPart, value: unknown, kind: AnswerReading['kind']): string {
  if (kind === 'none') return COPY.acknowledgeNothingElse;
  const items = Array.isArray(value) ? value : [];
  const quote = quoteWords(valueText(Array.isArray(value) ? items.slice(0, 1) : value));
  switch (part) {
    case 'purpose':
      return fillCopy(COPY.acknowledgePurpose, { quote });
    case 'name':
      return fillCopy(COPY.acknowledgeName, { quote });
    case 'audience':
      return fillCopy(COPY.acknowledgeAudience, { quote });
    case 'voice':
      return fillCopy(COPY.acknowledgeVoice, { quote });
    case 'constraints':
      return fillCopy(items.length === 1 ? COPY.acknowledgeRule : COPY.acknowledgeRules, { quote, count: items.length });
    case 'success':
      return fillCopy(items.length === 1 ? COPY.acknowledgeSign : COPY.acknowledgeSigns, { quote, count: items.length });
    case 'additionalAssertions':
      return fillCopy(items.length === 1 ? COPY.acknowledgeEntry : COPY.acknowledgeEntries, { quote, count: items.length });
  }
}

/** The items `next` has after all of `previous`, when it is `previous` with items added at the end. */
function addedItems(previous: unknown, next: unknown): unknown[] | undefined {
  if (!Array.isArray(previous) || !Array.isArray(next) || previous.length === 0 || next.length <= previous.length) return undefined;
  const unchanged = previous.every((item, index) => JSON.stringify(item) === JSON.stringify(next[index]));
  return unchanged ? next.slice(previous.length) : undefined;
}

function sayCorrection(part: SeedPart, previous: unknown, value: unknown): string {
  const added = addedItems(previous, value);
  if (added) return fillCopy(COPY.added, { quote: quoteWords(valueText(added)), part: PART_NAMES[part] });
  if (part === 'additionalAssertions' && Array.isArray(value) && value.length === 0) return COPY.cleared;
  return fillCopy(previous === undefined ? COPY.noted : COPY.changed, { part: PART_NAMES[part], quote: quoteWords(valueText(value)) });
}

/** What was heard, in a sentence, before the next question. */
function sayReading(result: AnswerReading, draft: SeedDraft, asking: AskingTarget): string {
  const part = result.part;
  switch (result.kind) {
    case 'skip':
      return COPY.skipped;
    case 'question':
      return EXPLANATIONS[part ?? (asking === 'confirm' ? 'confirm' : 'close')];
    case 'unclear':
      return result.problem ?? COPY.problemNothingToKeep;
    case 'correction':
      return part ? sayCorrection(part, draft[part], result.values[part]) : '';
    case 'answer':
    case 'none': {
      if (!part) return '';
      // After the last question, new entries add to the list: acknowledge only what was added.
      const value = result.values[part];
      const added = asking === 'close' || asking === null ? (addedItems(draft[part], value) ?? value) : value;
      return acknowledge(part, added, result.kind);
    }
  }
}

/**
 * One question-and-answer turn. `asking` is what the previous turn asked (the first open part when nothing
 * was asked). With `recordOnly`, the words are read the same way but nothing is said.
 */
export function composeAnswerTurn(request: CompanionRequest, message: string, recordOnly = false): GuidedTurn {
  const { draft } = request.state;
  const asking = request.state.lastAsking ?? nextPart(draft, request.state.skipped) ?? 'close';
  const result = readOperatorAnswer(asking, message, draft);
  const after = withValues(draft, result.values);
  const skipped = [...new Set([...request.state.skipped, ...result.skipped])].filter((part) => after[part] === undefined);

  const wrapUp = asking === 'close' || asking === 'confirm';
  const sameAgain = wrapUp || result.kind === 'question' || result.kind === 'unclear';
  const next: AskingTarget = sameAgain ? asking : (nextPart(after, skipped) ?? 'close');
  const update = { values: result.values, asking: next, evidence: result.evidence, skipped: result.skipped };
  if (recordOnly) return { text: '', ...update };

  const said = sayReading(result, draft, asking);
  const question = askFor(next, skipped, next === 'close' && asking !== 'close');
  return { text: [said, question].filter((line) => line !== '').join(' '), ...update };
}
