// The plain-terms lint (SPEC §5.3): finds developer words in Operator-facing text, using the banned list in
// prompts/plain_terms.json. Matching rules are documented in that file's `description`.
import plainTermsJson from '../prompts/plain_terms.json';

export type PlainTerm = {
  /** The canonical banned term, as findings report it. */
  readonly term: string;
  /** Every form that is flagged (inflections and multi-word forms), matched whole-word and ignoring case. */
  readonly forms: readonly string[];
  /** Plainer words to use instead. */
  readonly suggestion: string;
  /** Why the term is banned, and how ordinary senses of the word are treated. */
  readonly note: string;
};

export type PlainTermsData = {
  readonly version: 1;
  readonly description: string;
  /** Developer words that Operators may hear (SPEC §1.1); documentation only, never flagged. */
  readonly allowed: readonly string[];
  readonly terms: readonly PlainTerm[];
};

export type PlainTermsFinding = {
  /** The canonical banned term (`PlainTerm.term`), whichever form matched. */
  term: string;
  /** UTF-16 offset of the match in the linted text. */
  index: number;
  suggestion: string;
};

export type LintPlainTermsOptions = {
  /**
   * Canonical terms not to report (compared ignoring case), e.g. for copy that names a term on purpose.
   * Allowed terms are still matched, so an allowed multi-word term does not turn into findings for its words.
   */
  allow?: readonly string[];
};

// A form is words of letters, digits and combining marks separated by single spaces: exactly what the matcher can see.
const FORM_PATTERN = /^[\p{L}\p{N}\p{M}]+(?: [\p{L}\p{N}\p{M}]+)*$/u;

/** Validates the shipped data once at load, so a bad edit to the JSON fails every test instead of silently matching nothing. */
function parsePlainTerms(data: unknown): PlainTermsData {
  const invalid = (reason: string): never => {
    throw new TypeError(`plain_terms.json is invalid: ${reason}`);
  };
  if (typeof data !== 'object' || data === null) return invalid('not an object');
  const record = data as Record<string, unknown>;
  if (record.version !== 1) invalid(`unsupported version ${String(record.version)}`);
  if (typeof record.description !== 'string') invalid('description must be a string');
  if (!Array.isArray(record.allowed) || !record.allowed.every((word) => typeof word === 'string')) invalid('allowed must be a list of strings');
  if (!Array.isArray(record.terms)) return invalid('terms must be a list');
  const seenForms = new Map<string, string>();
  const terms = record.terms.map((entry: unknown, position): PlainTerm => {
    if (typeof entry !== 'object' || entry === null) return invalid(`terms[${position}] is not an object`);
    const { term, forms, suggestion, note } = entry as Record<string, unknown>;
    if (typeof term !== 'string' || typeof suggestion !== 'string' || typeof note !== 'string') {
      return invalid(`terms[${position}] needs string term, suggestion and note`);
    }
    if (!Array.isArray(forms) || forms.length === 0) return invalid(`"${term}" needs at least one form`);
    for (const form of forms) {
      if (typeof form !== 'string' || !FORM_PATTERN.test(form)) invalid(`"${term}" has a form the lint cannot match: ${JSON.stringify(form)}`);
      const key = (form as string).toLowerCase();
      const owner = seenForms.get(key);
      if (owner !== undefined) invalid(`form "${key}" belongs to both "${owner}" and "${term}"`);
      seenForms.set(key, term);
    }
    if (!forms.some((form) => (form as string).toLowerCase() === term.toLowerCase())) invalid(`"${term}" must list itself as a form`);
    return Object.freeze({ term, forms: Object.freeze([...(forms as string[])]), suggestion, note });
  });
  return Object.freeze({
    version: 1,
    description: record.description as string,
    allowed: Object.freeze([...(record.allowed as string[])]),
    terms: Object.freeze(terms),
  });
}

/** The banned developer words and their plain replacements (prompts/plain_terms.json, validated and frozen). */
export const PLAIN_TERMS: PlainTermsData = parsePlainTerms(plainTermsJson);

// Forms are matched word by word through a trie keyed by lower-cased words. Forms are at most a few words long,
// so walking it from each word keeps the lint linear in the length of the text.
type TrieNode = { term: PlainTerm | undefined; next: Map<string, TrieNode> };

function buildTrie(terms: readonly PlainTerm[]): TrieNode {
  const root: TrieNode = { term: undefined, next: new Map() };
  for (const term of terms) {
    for (const form of term.forms) {
      let node = root;
      for (const word of form.toLowerCase().split(' ')) {
        let child = node.next.get(word);
        if (!child) {
          child = { term: undefined, next: new Map() };
          node.next.set(word, child);
        }
        node = child;
      }
      node.term = term;
    }
  }
  return root;
}

const TRIE = buildTrie(PLAIN_TERMS.terms);

/**
 * Any first word of any form, anywhere, ignoring case: text without one holds no banned word, and most text
 * (every Companion reply is linted) has none, so one native search settles it. Unicode case folding matches
 * whatever `toLowerCase` would turn into the word (the Kelvin sign "K" is a "k"), so this never misses.
 */
const FIRST_WORDS = new RegExp(
  [...TRIE.next.keys()]
    .sort((left, right) => right.length - left.length)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
  'iu',
);

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const WORD_CHARACTER = /^[\p{L}\p{N}\p{M}]$/u;
const WHITESPACE_ONLY = /^\s+$/u;

type QuoteStyle = { open: string; close: string; wordBound: boolean };

// Single quotes double as apostrophes ("that's", "Operators' notes", "that’s"), so they only count as quotes
// when they open at the start of a word and close at the end of one.
const QUOTE_STYLES: readonly QuoteStyle[] = [
  { open: '"', close: '"', wordBound: false },
  { open: '\u201C', close: '\u201D', wordBound: false },
  { open: "'", close: "'", wordBound: true },
  { open: '\u2018', close: '\u2019', wordBound: true },
];

function isWordCharacterAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  return WORD_CHARACTER.test(String.fromCodePoint(text.codePointAt(index) ?? 0));
}

/** The code point that ends just before `index`, so a surrogate pair before a quote is read as one character. */
function isWordCharacterBefore(text: string, index: number): boolean {
  if (index <= 0) return false;
  const low = text.charCodeAt(index - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && index >= 2 ? index - 2 : index - 1;
  return isWordCharacterAt(text, start);
}

function opensQuote(text: string, index: number, style: QuoteStyle): boolean {
  if (text[index] !== style.open) return false;
  return !style.wordBound || (!isWordCharacterBefore(text, index) && isWordCharacterAt(text, index + 1));
}

function closesQuote(text: string, index: number, style: QuoteStyle): boolean {
  if (text[index] !== style.close) return false;
  if (!style.wordBound) return true;
  const previous = text[index - 1];
  return previous !== undefined && !/\s/u.test(previous) && !isWordCharacterAt(text, index + 1);
}

/**
 * The quoted spans of `text` as [start, end) pairs, in order and not overlapping. An opening quote with no
 * closing quote after it quotes nothing. Quotes of other styles inside a quote are part of it.
 * Linear: each style's search for a closing quote only moves forward, because openers are met in order.
 */
function findQuotedSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const searchFrom = QUOTE_STYLES.map(() => 0);
  let index = 0;
  while (index < text.length) {
    const styleIndex = QUOTE_STYLES.findIndex((style) => opensQuote(text, index, style));
    const style = QUOTE_STYLES[styleIndex];
    if (style) {
      let close = Math.max(searchFrom[styleIndex] ?? 0, index + 1);
      while (close < text.length && !closesQuote(text, close, style)) close += 1;
      searchFrom[styleIndex] = close;
      if (close < text.length) {
        spans.push([index, close + 1]);
        index = close + 1;
        continue;
      }
    }
    index += 1;
  }
  return spans;
}

type Word = { start: number; end: number; key: string; quoted: boolean };

function listWords(text: string): Word[] {
  const spans = findQuotedSpans(text);
  const words: Word[] = [];
  let spanIndex = 0;
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    while (spanIndex < spans.length && (spans[spanIndex]?.[1] ?? 0) <= start) spanIndex += 1;
    const span = spans[spanIndex];
    const quoted = span !== undefined && span[0] < start;
    words.push({ start, end: start + match[0].length, key: match[0].toLowerCase(), quoted });
  }
  return words;
}

/**
 * Finds every banned developer word in `text`, in order of appearance: whole words, ignoring case, longest
 * form first, skipping words inside quotes (they are the Operator's own). Never throws on any string.
 */
export function lintPlainTerms(text: string, options: LintPlainTermsOptions = {}): PlainTermsFinding[] {
  if (!FIRST_WORDS.test(text)) return [];
  const allowed = new Set((options.allow ?? []).map((term) => term.toLowerCase()));
  const words = listWords(text);
  const findings: PlainTermsFinding[] = [];
  let position = 0;
  while (position < words.length) {
    const first = words[position] as Word;
    let node = first.quoted ? undefined : TRIE.next.get(first.key);
    let match: { term: PlainTerm; last: number } | undefined;
    let last = position;
    while (node) {
      if (node.term) match = { term: node.term, last };
      const current = words[last] as Word;
      const following = words[last + 1];
      if (node.next.size === 0 || !following || following.quoted) break;
      if (!WHITESPACE_ONLY.test(text.slice(current.end, following.start))) break;
      node = node.next.get(following.key);
      last += 1;
    }
    if (!match) {
      position += 1;
      continue;
    }
    if (!allowed.has(match.term.term.toLowerCase())) {
      findings.push({ term: match.term.term, index: first.start, suggestion: match.term.suggestion });
    }
    position = match.last + 1;
  }
  return findings;
}
