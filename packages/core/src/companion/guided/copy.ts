// Every fixed line the guided Companion can say, as templates with `{placeholders}`, kept in one table so the
// plain-terms test can enumerate them all. Operator words only ever appear inside “…” (see quoteWords).
import { FIELDS, getField, type SeedPart } from '../../fields';

/**
 * The fixed copy. Placeholders: `{quote}`, `{name}`, `{key}` carry the Operator's own words and always sit
 * inside “…”; `{part}` and `{parts}` are plain part names from PART_NAMES, `{label}` a recap label from RECAP_LABELS;
 * `{count}` and `{max}` are numbers.
 */
export const COPY = {
  opening: "Let's set up your new project. What are we making?",
  close: 'Is there anything else, or shall I put it together?',
  confirm: 'Would you like to review what I\'ve gathered, or are you ready to begin?',

  acknowledgePurpose: 'So we\'re making “{quote}”.',
  acknowledgeName: '“{quote}” it is.',
  acknowledgeAudience: 'So it\'s for “{quote}”.',
  acknowledgeVoice: 'Got it: “{quote}”.',
  acknowledgeRule: 'I\'ve noted one rule: “{quote}”.',
  acknowledgeRules: 'I\'ve noted {count} rules, starting with “{quote}”.',
  acknowledgeSign: 'I\'ve noted one sign: “{quote}”.',
  acknowledgeSigns: 'I\'ve noted {count} signs, starting with “{quote}”.',
  acknowledgeEntry: 'I\'ve noted “{quote}”.',
  acknowledgeEntries: 'I\'ve noted {count} of those, starting with “{quote}”.',
  acknowledgeNothingElse: "Nothing else — that's fine.",

  skipped: 'No problem — we can come back to that.',
  skippedReminder: "We skipped {parts}. If you'd like to add anything there, just tell me.",
  changed: 'Got it — I\'ve changed {part} to “{quote}”.',
  noted: 'Got it — I\'ve noted {part} as “{quote}”.',
  added: 'Got it — I\'ve added “{quote}” to {part}.',
  cleared: "Got it — there's nothing else that should always hold true.",

  confirmHint: "Say “begin” when you're ready, or tell me what to change.",
  pathBrief: "A short summary it is.",
  pathDiscovery: 'A full write-up it is.',
  closeUnsure:
    "I'm not sure where that goes. You can say “add a rule: …” or “add a sign: …”, or write something that should always hold true as “Name: what must hold true”.",
  closeNothing: "If that's everything, just say “that's everything” and I'll put it together.",

  problemNothingToKeep: "I didn't catch anything I could write down there.",
  problemNameEmpty: "I didn't catch a name there.",
  problemNameTooLong: 'That\'s a bit long for a name — I need something short, on one line, of {max} characters or fewer.',
  problemTextTooLong: "That's more than I can keep for {part}: please shorten it to {max} characters or fewer.",
  problemItemTooLong: 'One of those, “{quote}”, is longer than I can keep: please shorten it to {max} characters or fewer.',
  problemTooManyItems: "That's {count} in one list, more than I can keep: please keep it to {max} or fewer.",
  problemNotEntries: 'Please write each one as “Name: what must hold true”, one per line — for example “Launch date: 1 March”.',
  problemKeyTooLong: 'The name “{key}” is too long: please keep each name to {max} characters or fewer.',
  problemValueEmpty: 'I didn\'t catch what should hold true for “{key}”.',
  problemValueTooLong: 'What you wrote for “{key}” is longer than I can keep: please shorten it to {max} characters or fewer.',
  problemTooManyEntries: "That makes {count}, more than I can keep: please keep it to {max} or fewer.",

  missing: 'Before I put it together, I still need to know {parts}.',
  recapHeading: "Here's what I've gathered.",
  reviewHeading: "Here's everything I've gathered, in full.",
  recapText: '{label}: “{quote}”',
  recapListHeading: '{label}:',
  recapListItem: '- “{quote}”',
  recapNotAnswered: '{label}: not answered yet',
  recapNothingElse: '{label}: nothing else',
  keepingOffer: 'I can keep a full write-up of our conversation, or a short summary — whichever you prefer.',

  closingCreated: '“{name}” is set up, and you\'ll find it in your list of projects.',
  closingCreatedUnnamed: "It's set up, and you'll find it in your list of projects.",
  closingClean: 'The final check found nothing to fix.',
  closingOneNote: 'The final check left 1 note for you to look at; you\'ll see it there.',
  closingNotes: 'The final check left {count} notes for you to look at; you\'ll see them there.',
  closingNeedsFix: "The final check found something to fix before it can start; you'll see what in your list of projects.",
  closingCheckPending: "A final check runs on it now; if it has any notes for you, you'll see them there.",
  closingMemory: 'Everything we said is kept in Memory.',
} as const;

export type CopyKey = keyof typeof COPY;

const [askPurpose, askName] = FIELDS[0].question.split(/(?<=\?)\s+/u) as [string, string];

/** The question that asks for each part: FIELDS' plain questions (SPEC §3), Field 1 as two. */
export const QUESTIONS: Record<SeedPart, string> = {
  purpose: askPurpose,
  name: askName,
  audience: getField('audience').question,
  voice: getField('voice').question,
  constraints: getField('constraints').question,
  success: getField('success').question,
  additionalAssertions: `${getField('additionalAssertions').question} For example “Launch date: 1 March”, one per line — or “none”.`,
};

/** Each part's name in plain words, as it fits into a sentence ("I've changed who it's for to …"). */
export const PART_NAMES: Record<SeedPart, string> = {
  purpose: "what we're making",
  name: 'what to call it',
  audience: "who it's for",
  voice: 'how it should sound',
  constraints: 'the rules it should follow',
  success: "how we'll know it's working",
  additionalAssertions: 'anything else that should always hold true',
};

/** Each part's label in a recap: the field's title, as the write-up titles it. */
export const RECAP_LABELS: Record<SeedPart, string> = {
  name: 'Name',
  ...(Object.fromEntries(FIELDS.map((field) => [field.key, field.title])) as Record<(typeof FIELDS)[number]['key'], string>),
};

/**
 * A plain explanation with a concrete example for each part, said when the Operator asks what a question
 * means; the question itself follows. `close` and `confirm` explain the two wrap-up questions.
 */
export const EXPLANATIONS: Record<SeedPart | 'close' | 'confirm', string> = {
  purpose:
    'I mean a sentence or two on what it is and what it\'s for, like “a monthly email newsletter for the bakery: new bakes, opening hours, the odd recipe”.',
  name: 'I mean a short name to find it by, on one line, like “Crumb Notes”.',
  audience: 'I mean who will read or use it, like “our regulars, mostly people who pop in before work”.',
  voice:
    'I mean the tone, and what someone should feel after reading it, like “warm and a bit cheeky, like a chat over the counter”.',
  constraints: 'By rules I mean things it must always or never do, like “always use British spelling” or “never mention prices”.',
  success: 'I mean what you\'d notice if it works, like “people mention it at the till” or “more pre-orders on Fridays”.',
  additionalAssertions:
    'I mean anything else that must always be true, each with a short name, like “Launch date: 1 March” or “Owner: Sam at the Harbour Street shop”. If there\'s nothing, just say “none”.',
  close: "I mean: is there anything you'd like to add or change before I put it together? If not, say “that's everything”.",
  confirm: 'I can show you everything I\'ve gathered in full first, or we can begin now and set it up.',
};

export type CopyValues = Record<string, string | number>;

/** Fills a template's `{placeholders}`; a placeholder without a value is left as written. */
export function fillCopy(template: string, values: CopyValues = {}): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : placeholder));
}

/** The placeholders a template uses, in order of first appearance. */
export function placeholdersOf(template: string): string[] {
  return [...new Set(Array.from(template.matchAll(/\{(\w+)\}/g), (match) => match[1] as string))];
}

/** Longest Operator quote in a reply before it is cut with an ellipsis (recaps and acknowledgements). */
export const QUOTE_LENGTH = 60;

/**
 * The Operator's words made safe to put inside “…”: whitespace runs become one space, curly double quotes
 * become straight ones (a stray ” would end the quote early and expose their words to the plain-terms lint),
 * and past `limit` characters the text is cut at a word boundary with an ellipsis. `limit` Infinity keeps all.
 */
export function quoteWords(text: string, limit: number = QUOTE_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').replace(/[\u201C\u201D]/g, '"').trim();
  const characters = Array.from(flat);
  if (characters.length <= limit) return flat;
  const cut = characters.slice(0, limit).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space >= limit / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Like quoteWords, but keeps line breaks: for showing everything in full. */
export function quoteInFull(text: string): string {
  return text.replace(/[\u201C\u201D]/g, '"');
}

/** "a", "a and b", "a, b and c". */
export function plainList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
