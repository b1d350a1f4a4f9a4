// What the fake's default Companion says: the guided Companion's questions (from FIELDS), and its own
// phrasing around the Operator's quoted words — like a model would, close to but not the guided copy.
import { FIELDS, PART_ORDER, type AssertionEntry, type CompanionTurnState, type SeedDraft, type SeedPart } from '@loomworks/core';

/** The review-or-begin question (SPEC §6.3), word for word. */
export const REVIEW_OR_BEGIN = "Would you like to review what I've gathered, or are you ready to begin?";

export const ASK_TO_CLOSE = 'Is there anything else, or shall I put it together?';

export const OPENING = "Hello! Let's set up your new project together. What are we making?";

const [askPurpose, askName] = FIELDS[0].question.split(/(?<=\?)\s+/u) as [string, string];

/** The question for each part: FIELDS' plain questions, Field 1 as two (what, then what to call it). */
export const QUESTIONS: Record<SeedPart, string> = {
  purpose: askPurpose,
  name: askName,
  audience: FIELDS[1].question,
  voice: FIELDS[2].question,
  constraints: FIELDS[3].question,
  success: FIELDS[4].question,
  additionalAssertions: `${FIELDS[5].question} Write each as “Name: what must hold true”, one per line — or say “none”.`,
};

export const PART_NAMES: Record<SeedPart, string> = {
  purpose: "what we're making",
  name: 'its name',
  audience: "who it's for",
  voice: 'how it should sound',
  constraints: 'the rules',
  success: "the signs it's working",
  additionalAssertions: 'what else should always hold true',
};

/** Each part's label in a recap: the field's title, as the write-up titles it. */
const RECAP_LABELS: Record<SeedPart, string> = {
  name: 'Name',
  ...(Object.fromEntries(FIELDS.map((field) => [field.key, field.title])) as Record<(typeof FIELDS)[number]['key'], string>),
};

const EXPLANATIONS: Record<SeedPart | 'close' | 'confirm', string> = {
  purpose: 'A sentence or two is plenty — for example “a weekly newsletter for the bakery”.',
  name: 'Just a short name to find it by, on one line — for example “Crumb Notes”.',
  audience: 'Who will read or use it — for example “our regulars who pop in before work”.',
  voice: 'The tone, and what someone should feel — for example “warm and a little cheeky”.',
  constraints: 'Things it must always or never do — for example “never mention prices”.',
  success: 'What you would notice if it works — for example “more orders on Fridays”.',
  additionalAssertions: 'Anything else that must stay true, each with a short name — for example “Launch date: 1 March”.',
  close: "If there's nothing to add or change, say “that's everything”.",
  confirm: 'I can show you everything in full first, or we can begin now.',
};

/** The Operator's words, safe inside “…”: one line, straight inner quotes, cut at 60 characters. */
export function quote(text: string, limit = 60): string {
  const flat = text.replace(/\s+/gu, ' ').replace(/[\u201C\u201D]/gu, '"').trim();
  const characters = Array.from(flat);
  if (characters.length <= limit) return flat;
  return `${characters.slice(0, limit).join('').trimEnd()}…`;
}

function plainList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function firstText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value) || value.length === 0) return '';
  const first = value[0] as unknown;
  if (typeof first === 'string') return first;
  const entry = first as AssertionEntry;
  return `${entry.key}: ${entry.value}`;
}

/** A sentence saying what was heard for `part`. */
export function acknowledge(part: SeedPart, value: unknown, nothingElse: boolean): string {
  if (nothingElse) return "Nothing else — that's fine.";
  const heard = `“${quote(firstText(value))}”`;
  const count = Array.isArray(value) ? value.length : 1;
  switch (part) {
    case 'purpose':
      return `Lovely — so we're making ${heard}.`;
    case 'name':
      return `${heard} — good name.`;
    case 'audience':
      return `Got it, it's for ${heard}.`;
    case 'voice':
      return `Understood: ${heard}.`;
    case 'constraints':
      return count === 1 ? `One rule noted: ${heard}.` : `${count} rules noted, starting with ${heard}.`;
    case 'success':
      return count === 1 ? `One sign noted: ${heard}.` : `${count} signs noted, starting with ${heard}.`;
    case 'additionalAssertions':
      return count === 1 ? `Noted ${heard}.` : `${count} noted, starting with ${heard}.`;
  }
}

export function acknowledgeCorrection(part: SeedPart, value: unknown): string {
  if (Array.isArray(value) && value.length === 0) return `Got it — I've cleared ${PART_NAMES[part]}.`;
  return `Got it — I've updated ${PART_NAMES[part]}: “${quote(firstText(value))}”${Array.isArray(value) && value.length > 1 ? ` and ${value.length - 1} more` : ''}.`;
}

export const SKIPPED = 'No problem — we can come back to that.';

export function explain(target: SeedPart | 'close' | 'confirm'): string {
  return EXPLANATIONS[target];
}

/** The words that ask for `target`; asking to close first names the skipped parts when `remind`. */
export function askFor(target: SeedPart | 'close' | 'confirm' | null, skipped: readonly SeedPart[], remind: boolean): string {
  if (target === null) return '';
  if (target === 'confirm') return REVIEW_OR_BEGIN;
  if (target === 'close') {
    const reminder = remind && skipped.length > 0 ? `We skipped ${plainList(skipped.map((part) => PART_NAMES[part]))}; tell me if you'd like to add anything there. ` : '';
    return `${reminder}${ASK_TO_CLOSE}`;
  }
  return QUESTIONS[target];
}

export function missingText(missing: readonly SeedPart[]): string {
  const first = missing[0];
  if (first === undefined) return ASK_TO_CLOSE;
  return `Before I put it together, I still need ${plainList(missing.map((part) => PART_NAMES[part]))}. ${QUESTIONS[first]}`;
}

/** Every answer so far: briefly for the recap, in full for the review. */
export function recapText(draft: SeedDraft, full: boolean): string {
  const say = (text: string) => (full ? text.replace(/[\u201C\u201D]/gu, '"') : quote(text));
  const lines = [full ? "Here's everything I've gathered, in full:" : "Here's what I've gathered:"];
  for (const part of ['name', ...PART_ORDER.filter((candidate) => candidate !== 'name')] as SeedPart[]) {
    const label = RECAP_LABELS[part];
    const value = draft[part];
    if (Array.isArray(value)) {
      if (value.length === 0) {
        lines.push(`${label}: nothing else`);
        continue;
      }
      lines.push(`${label}:`);
      for (const item of value as (string | AssertionEntry)[]) lines.push(`- “${say(typeof item === 'string' ? item : `${item.key}: ${item.value}`)}”`);
    } else if (typeof value === 'string') {
      lines.push(`${label}: “${say(value)}”`);
    } else {
      lines.push(`${label}: not answered yet`);
    }
  }
  return lines.join('\n');
}

export function confirmText(draft: SeedDraft): string {
  return `${recapText(draft, false)}\n\nI can keep a full write-up of our conversation or a short summary, whichever you prefer.\n${REVIEW_OR_BEGIN}`;
}

export function reviewText(draft: SeedDraft): string {
  return `${recapText(draft, true)}\n\n${REVIEW_OR_BEGIN}`;
}

export function closingText(creation: CompanionTurnState['creation']): string {
  const lines = [creation ? `“${creation.name}” is set up — you'll find it in your list of projects.` : "It's set up — you'll find it in your list of projects."];
  switch (creation?.inductionStatus) {
    case 'induction-pass-clean':
      lines.push('The final check found nothing to fix.');
      break;
    case 'induction-pass-with-notes':
      lines.push(creation.notes === 1 ? 'The final check left one note for you to look at.' : `The final check left ${creation.notes} notes for you to look at.`);
      break;
    case 'induction-fail':
      lines.push("The final check found something to fix before it can start; you'll see what in your list.");
      break;
    default:
      lines.push('A final check runs on it now.');
  }
  lines.push('Everything we said is kept in Memory.');
  return lines.join(' ');
}
