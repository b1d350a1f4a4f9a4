// The finish of a guided conversation: what is still missing, the recap and the full review, and the closing
// words once the project exists. The Operator's words are always quoted, never reworded.
import { PART_ORDER, type SeedPart } from '../../fields';
import type { AssertionEntry, SeedDraft } from '../../seed';
import type { CompanionTurnState } from '../types';
import { COPY, PART_NAMES, RECAP_LABELS, fillCopy, plainList, quoteInFull, quoteWords } from './copy';
import { askFor } from './answer-turn';

/** "Before I put it together, I still need to know …" and the question for the first missing part. */
export function renderMissing(missing: readonly SeedPart[]): string {
  const first = missing[0];
  if (first === undefined) return askFor('close');
  const parts = plainList(missing.map((part) => PART_NAMES[part]));
  return `${fillCopy(COPY.missing, { parts })} ${askFor(first)}`;
}

export type RenderRecapOptions = {
  /** Show every answer in full (the review) instead of briefly (the recap). */
  full: boolean;
};

/** Every part of the draft in plain words: the name, then each answer, the Operator's words in quotes. */
export function renderRecap(draft: SeedDraft, options: RenderRecapOptions): string {
  const quote = options.full ? quoteInFull : (text: string) => quoteWords(text);
  const lines: string[] = [options.full ? COPY.reviewHeading : COPY.recapHeading];
  for (const part of recapOrder()) {
    const label = RECAP_LABELS[part];
    const value = draft[part];
    if (part === 'additionalAssertions') {
      const entries = (Array.isArray(value) ? value : []) as AssertionEntry[];
      if (entries.length === 0) {
        lines.push(fillCopy(COPY.recapNothingElse, { label }));
        continue;
      }
      lines.push(fillCopy(COPY.recapListHeading, { label }));
      for (const entry of entries) lines.push(fillCopy(COPY.recapListItem, { quote: quote(`${entry.key}: ${entry.value}`) }));
      continue;
    }
    if (value === undefined) {
      lines.push(fillCopy(COPY.recapNotAnswered, { label }));
      continue;
    }
    if (Array.isArray(value)) {
      lines.push(fillCopy(COPY.recapListHeading, { label }));
      for (const item of value as string[]) lines.push(fillCopy(COPY.recapListItem, { quote: quote(item) }));
      continue;
    }
    lines.push(fillCopy(COPY.recapText, { label, quote: quote(String(value)) }));
  }
  return lines.join('\n');
}

/** The name first, as a write-up is titled, then the parts in the order they were asked. */
function recapOrder(): SeedPart[] {
  return ['name', ...PART_ORDER.filter((part) => part !== 'name')];
}

/** The recap, the offer of a full write-up or a short summary, and the review-or-begin question. */
export function renderConfirm(draft: SeedDraft): string {
  return `${renderRecap(draft, { full: false })}\n\n${COPY.keepingOffer}\n${COPY.confirm}`;
}

/** Everything gathered in full, then the review-or-begin question again. */
export function renderReview(draft: SeedDraft): string {
  return `${renderRecap(draft, { full: true })}\n\n${COPY.confirm}`;
}

/** The closing words: the project's name, where to find it, the final check's outcome, and Memory. */
export function renderClosing(creation: CompanionTurnState['creation']): string {
  const lines = [creation ? fillCopy(COPY.closingCreated, { name: quoteWords(creation.name, Number.POSITIVE_INFINITY) }) : COPY.closingCreatedUnnamed];
  switch (creation?.inductionStatus) {
    case 'induction-pass-clean':
      lines.push(COPY.closingClean);
      break;
    case 'induction-pass-with-notes':
      lines.push(creation.notes === 1 ? COPY.closingOneNote : fillCopy(COPY.closingNotes, { count: creation.notes }));
      break;
    case 'induction-fail':
      lines.push(COPY.closingNeedsFix);
      break;
    default:
      lines.push(COPY.closingCheckPending);
  }
  lines.push(COPY.closingMemory);
  return lines.join(' ');
}
