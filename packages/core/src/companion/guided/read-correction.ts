// Recognises an Operator message that changes a part by name ("actually, the audience is …", "change the
// rules to …", "call it … instead", "add a rule: …"), and where its new value starts. Only the first line's
// opening words are examined, with literal word lists: no regular expression runs over the whole message.
import type { SeedPart } from '../../fields';

/** The words that name each part, longest first so "rules to follow" wins over "rules". */
const PART_KEYWORDS: readonly (readonly [string, SeedPart])[] = (
  [
    ['project name', 'name'],
    ['name', 'name'],
    ['title', 'name'],
    ["what we're making", 'purpose'],
    ['what we are making', 'purpose'],
    ['what it is', 'purpose'],
    ['purpose', 'purpose'],
    ['description', 'purpose'],
    ["who it's for", 'audience'],
    ['who it is for', 'audience'],
    ['audience', 'audience'],
    ['readers', 'audience'],
    ['how it should sound', 'voice'],
    ['voice', 'voice'],
    ['tone', 'voice'],
    ['sound', 'voice'],
    ['rules it should follow', 'constraints'],
    ['rules to follow', 'constraints'],
    ['rules', 'constraints'],
    ['rule', 'constraints'],
    ['constraints', 'constraints'],
    ["how we'll know it's working", 'success'],
    ['how we will know it is working', 'success'],
    ["signs it's working", 'success'],
    ['signs', 'success'],
    ['success criteria', 'success'],
    ['success', 'success'],
    ['anything else', 'additionalAssertions'],
    ['also true', 'additionalAssertions'],
    ['other notes', 'additionalAssertions'],
    ['notes', 'additionalAssertions'],
  ] as const
)
  .slice()
  .sort((left, right) => right[0].length - left[0].length);

/** Words for what is being added to a list part ("add a rule: …", "one more sign: …"). */
const ADDITION_KEYWORDS: readonly (readonly [string, SeedPart])[] = (
  [
    ['rule', 'constraints'],
    ['rules', 'constraints'],
    ['constraint', 'constraints'],
    ["sign it's working", 'success'],
    ['sign', 'success'],
    ['signs', 'success'],
    ['note', 'additionalAssertions'],
    ['notes', 'additionalAssertions'],
  ] as const
)
  .slice()
  .sort((left, right) => right[0].length - left[0].length);

/** Words that open a correction ("actually, …", "no, …"); they make any part statement a correction. */
const LEADS = ['actually', 'no', 'nope', 'sorry', 'oops', 'wait', 'correction', 'oh', 'hmm', 'ah', 'um', 'er'];
const ARTICLES = ['the', 'our', 'its', 'their'];
const CHANGE_VERBS = ['change', 'make', 'set', 'update', 'switch', 'replace'];
const CHANGE_LINKS = ['to', 'into', 'with'];
const STATEMENT_VERBS = ['should now be', 'should be', 'needs to be', 'will be', 'is now', 'are now', 'becomes', 'is', 'are', '='];
const NAMING = ["let's call it", 'lets call it', 'let us call it', "we'll call it", 'we will call it', 'call it', 'rename it to', 'rename it'];
/** Namings that also open ordinary descriptions ("It's called Crumb and it's a newsletter"): only after a correction word. */
const NAMING_AFTER_LEAD = ["it's called", 'it is called', "it's for", 'it is for'];
const ADDITION_OPENERS = ['add', 'also add', 'and add', 'please add'];
const ADDITION_COUNTS = ['one more', 'another', 'a new', 'an', 'a', 'this', 'these'];
/** The first line is examined only this far: part names and verbs are short. */
const PROBE_LENGTH = 240;

export type CorrectionForm = 'change' | 'statement' | 'naming' | 'addition';

export type Correction = {
  part: SeedPart;
  form: CorrectionForm;
  /** Where the new value starts and ends in the message text (a trailing "instead" left out). */
  valueStart: number;
  valueEnd: number;
};

export type ReadCorrectionContext = {
  /** What the Companion asked: a bare statement about that same part is an answer, not a correction. */
  asking: SeedPart | 'close' | 'confirm' | null;
};

function isWordCharacter(character: string | undefined): boolean {
  return character !== undefined && /[\p{L}\p{N}]/u.test(character);
}

/** Lower-cases ASCII letters and straightens apostrophes without changing any offsets. */
function probeOf(text: string, start: number): string {
  const newline = text.indexOf('\n', start);
  const end = Math.min(newline < 0 ? text.length : newline, start + PROBE_LENGTH);
  return text.slice(start, end).replace(/[A-Z]/g, (letter) => letter.toLowerCase()).replace(/[\u2018\u2019]/g, "'");
}

/** A word or phrase at `index`, ending at a word boundary; returns the index after it. */
function phraseAt(probe: string, index: number, phrase: string): number | undefined {
  if (!probe.startsWith(phrase, index)) return undefined;
  const end = index + phrase.length;
  return isWordCharacter(phrase[phrase.length - 1]) && isWordCharacter(probe[end]) ? undefined : end;
}

function firstPhraseAt(probe: string, index: number, phrases: readonly string[]): number | undefined {
  for (const phrase of phrases) {
    const end = phraseAt(probe, index, phrase);
    if (end !== undefined) return end;
  }
  return undefined;
}

function keywordAt(probe: string, index: number, keywords: readonly (readonly [string, SeedPart])[]): { part: SeedPart; end: number } | undefined {
  for (const [keyword, part] of keywords) {
    const end = phraseAt(probe, index, keyword);
    if (end !== undefined) return { part, end };
  }
  return undefined;
}

function skipSpaces(probe: string, index: number): number {
  let next = index;
  while (probe[next] === ' ' || probe[next] === '\t') next++;
  return next;
}

/** After a word: at least one space. */
function afterSpace(probe: string, index: number | undefined): number | undefined {
  if (index === undefined) return undefined;
  const next = skipSpaces(probe, index);
  return next > index ? next : undefined;
}

function skipArticle(probe: string, index: number): number {
  return afterSpace(probe, firstPhraseAt(probe, index, ARTICLES)) ?? index;
}

/** Skips opening words such as "actually," or "oh wait —"; reports whether any were there. */
function skipLeads(probe: string): { index: number; lead: boolean } {
  let index = skipSpaces(probe, 0);
  let lead = false;
  for (let count = 0; count < 3; count++) {
    const end = firstPhraseAt(probe, index, LEADS);
    if (end === undefined) break;
    let next = end;
    while (next < probe.length && ' \t,.:;!—–-'.includes(probe[next] as string)) next++;
    if (next === end) break;
    index = next;
    lead = true;
  }
  return { index, lead };
}

/** Skips the spaces and a colon or dash between the words that name a part and its new value. */
function skipToValue(probe: string, index: number): number {
  let next = skipSpaces(probe, index);
  if (probe[next] === ':' || probe[next] === '—' || probe[next] === '–') next = skipSpaces(probe, next + 1);
  return next;
}

function readChange(probe: string, index: number): { part: SeedPart; at: number } | undefined {
  let at = index;
  const please = afterSpace(probe, phraseAt(probe, at, 'please'));
  if (please !== undefined) at = please;
  const verb = afterSpace(probe, firstPhraseAt(probe, at, CHANGE_VERBS));
  if (verb === undefined) return undefined;
  const keyword = keywordAt(probe, skipArticle(probe, verb), PART_KEYWORDS);
  if (!keyword) return undefined;
  const link = firstPhraseAt(probe, skipSpaces(probe, keyword.end), CHANGE_LINKS);
  return link === undefined ? undefined : { part: keyword.part, at: link };
}

function readStatement(probe: string, index: number, lead: boolean): { part: SeedPart; at: number; article: boolean } | undefined {
  const afterArticle = skipArticle(probe, index);
  const keyword = keywordAt(probe, afterArticle, PART_KEYWORDS);
  if (!keyword) return undefined;
  const article = afterArticle > index;
  const verbStart = skipSpaces(probe, keyword.end);
  const verb = firstPhraseAt(probe, verbStart, STATEMENT_VERBS);
  if (verb !== undefined) return { part: keyword.part, at: verb, article };
  // "actually, audience: new parents" — a colon alone reads as a change only after a correction word, since
  // "Audience: …" on its own is how something that should always hold true is written.
  if (lead && probe[verbStart] === ':') return { part: keyword.part, at: verbStart, article };
  return undefined;
}

function readAddition(probe: string, index: number): { part: SeedPart; at: number } | undefined {
  // "add a rule: …", "add rule …", "one more sign: …", "another rule …"; a bare "a rule" is not an addition.
  const opener = afterSpace(probe, firstPhraseAt(probe, index, ADDITION_OPENERS));
  const at = opener !== undefined ? (afterSpace(probe, firstPhraseAt(probe, opener, ADDITION_COUNTS)) ?? opener) : afterSpace(probe, firstPhraseAt(probe, index, ['one more', 'another']));
  if (at === undefined) return undefined;
  const keyword = keywordAt(probe, at, ADDITION_KEYWORDS);
  return keyword ? { part: keyword.part, at: keyword.end } : undefined;
}

function trailingInsteadStart(text: string, start: number, end: number): number {
  let stop = end;
  while (stop > start && /[\s.!]/u.test(text[stop - 1] as string)) stop--;
  const word = 'instead';
  const from = stop - word.length;
  if (from <= start || text.slice(from, stop).toLowerCase() !== word || isWordCharacter(text[from - 1])) return end;
  let cut = from;
  while (cut > start && /[\s,]/u.test(text[cut - 1] as string)) cut--;
  return cut;
}

/**
 * Reads a correction from the start of `text` (the line-ending-normalised message), or undefined when the
 * message does not change a part by name. Forms: "change/make/set the <part> to …"; "[actually,] the <part>
 * is/are/should be …"; "call it … [instead]"; "add a rule: …" / "one more sign: …". Without a correction word
 * ("actually", "no", …), a statement about the part being asked is its answer, and one about another part
 * counts only as a single line starting "the/our/its <part>", so answers that merely open with such words are
 * kept as given.
 */
export function readCorrection(text: string, context: ReadCorrectionContext): Correction | undefined {
  const start = text.length - text.trimStart().length;
  const valueEnd = text.trimEnd().length;
  const probe = probeOf(text, start);
  const found = findCorrection(probe, text, start, valueEnd, context.asking);
  if (!found) return undefined;
  const valueStart = start + skipToValue(probe, found.at);
  const end = found.form === 'addition' ? valueEnd : trailingInsteadStart(text, valueStart, valueEnd);
  return { part: found.part, form: found.form, valueStart: Math.min(valueStart, end), valueEnd: end };
}

/** Which part the opening words change, and where in `probe` the words naming it end. */
function findCorrection(
  probe: string,
  text: string,
  start: number,
  valueEnd: number,
  asking: ReadCorrectionContext['asking'],
): { part: SeedPart; at: number; form: CorrectionForm } | undefined {
  const { index, lead } = skipLeads(probe);
  const change = readChange(probe, index);
  if (change) return { ...change, form: 'change' };
  const addition = readAddition(probe, index);
  if (addition) return { ...addition, form: 'addition' };

  const naming = firstPhraseAt(probe, index, NAMING);
  if (naming !== undefined) {
    // When the name is what was asked, "call it X" is simply the answer; "rename" or "instead" still mark a change.
    const explicit = lead || asking !== 'name' || probe.startsWith('rename', index) || trailingInsteadStart(text, start, valueEnd) !== valueEnd;
    return explicit ? { part: 'name', at: naming, form: 'naming' } : undefined;
  }
  const named = lead ? firstPhraseAt(probe, index, NAMING_AFTER_LEAD) : undefined;
  if (named !== undefined) return { part: probe.slice(index, named).endsWith('for') ? 'audience' : 'name', at: named, form: 'statement' };

  const statement = readStatement(probe, index, lead);
  if (!statement) return undefined;
  // Without a correction word, only a one-line "the <other part> is …" counts (or any statement once the
  // questions are done), so an answer that merely opens with such words is kept as given.
  const wrapUp = asking === 'close' || asking === 'confirm' || asking === null;
  const singleLine = !text.trim().includes('\n');
  const plainStatement = wrapUp || (statement.part !== asking && singleLine && statement.article);
  return lead || plainStatement ? { part: statement.part, at: statement.at, form: 'statement' } : undefined;
}

/** Extra words a question about a part may use. */
const QUESTION_KEYWORDS: readonly (readonly [string, SeedPart])[] = [
  ['call it', 'name'],
  ['making', 'purpose'],
  ['who', 'audience'],
  ['sign', 'success'],
  ['working', 'success'],
  ['hold true', 'additionalAssertions'],
  ['always be true', 'additionalAssertions'],
];

/** The part a question names ("what do you mean by rules?"), if any: the earliest part word in it. */
export function partNamedIn(text: string): SeedPart | undefined {
  const lower = text.replace(/[A-Z]/g, (letter) => letter.toLowerCase()).replace(/[\u2018\u2019]/g, "'");
  let best: { index: number; part: SeedPart } | undefined;
  for (const [keyword, part] of [...PART_KEYWORDS, ...QUESTION_KEYWORDS]) {
    let index = lower.indexOf(keyword);
    while (index >= 0 && (isWordCharacter(lower[index - 1]) || isWordCharacter(lower[index + keyword.length]))) index = lower.indexOf(keyword, index + 1);
    if (index >= 0 && (!best || index < best.index)) best = { index, part };
  }
  return best?.part;
}

