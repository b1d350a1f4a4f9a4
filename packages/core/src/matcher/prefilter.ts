// A precompiled regular expression that settles most messages without tokenizing: it finds every way a phrase
// can begin, a deferral or (when the Companion asked to close) a reply can be written, and any question mark;
// when it finds none, the answer is `none`. Native regex scanning costs a fraction of a per-character loop.
import { PHRASE_TRIE, type TrieNode } from './phrases';
import { DEFERRAL, EMOTICON, FIRST_WORD_ID, MERGES, MERGE_STRIDE, REPLY_NO, REPLY_YES, SKIPPABLE, SPELLINGS, TOKEN_FLAGS, TOKEN_TEXT } from './vocabulary';

// The pattern is generated from the matcher's own tables — every spelling, every word pair read as one word,
// the first two words of every phrase — so it cannot drift from them. It may over-trigger (a trigger only
// means "tokenize"), but must never miss: the tests check every phrase, deferral and reply, and compare the
// prefiltered matcher with the full one on random text.

/** Characters the tokenizer reads as an apostrophe inside a word. */
const APOSTROPHE = "['`\\u2019\\u2018\\u02bc\\uff07\\u00b4\\u2032]";
/** Zero-width and format characters the tokenizer skips inside a word ("do\u200bne" is "done"): any one triggers. */
const FORMAT = '\\u00ad\\u034f\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\u20e3\\ufe00-\\ufe0f\\ufeff';
/** Question marks of every script the tokenizer knows. */
const QUESTION_MARKS = '?\\uff1f\\u2047\\u2048\\u2049\\u061f\\u037e';
/** What may stand between two adjacent tokens — wider than the tokenizer (punctuation is allowed too). */
const SEPARATOR = '[^A-Za-z0-9]+';
/** The end of a word as the tokenizer sees it (`\b` would take `_` for a letter; the tokenizer does not). */
const WORD_END = '(?![A-Za-z0-9])';
/** Phrases are matched by their first words only: precise enough to skip content, small enough to stay fast. */
const PHRASE_DEPTH = 2;

/** A pattern as a sequence of atoms: single lower-case letters, or opaque sub-patterns. */
type Atoms = string[];

const spellingsById = new Map<number, string[]>();
for (const [spelling, id] of SPELLINGS) {
  const list = spellingsById.get(id);
  if (list) list.push(spelling);
  else spellingsById.set(id, [spelling]);
}
const mergesByResult = new Map<number, Array<[first: number, second: number]>>();
for (const [key, result] of MERGES) {
  const pair: [number, number] = [Math.floor(key / MERGE_STRIDE), key % MERGE_STRIDE];
  const list = mergesByResult.get(result);
  if (list) list.push(pair);
  else mergesByResult.set(result, [pair]);
}

function spelled(spelling: string): Atoms {
  return [...spelling].map((character) => (character === "'" ? APOSTROPHE : character));
}

/** Every way token `id` can be written: its spellings (any apostrophe), and the word pairs read as it ("that is"). */
function forms(id: number): Atoms[] {
  const written = (spellingsById.get(id) ?? []).map(spelled);
  for (const [first, second] of mergesByResult.get(id) ?? []) {
    for (const left of forms(first)) for (const right of forms(second)) written.push([...left, SEPARATOR, ...right]);
  }
  return written;
}

function idsWith(flags: number): number[] {
  const ids: number[] = [];
  for (let id = FIRST_WORD_ID; id < TOKEN_FLAGS.length; id++) if (((TOKEN_FLAGS[id] as number) & flags) !== 0) ids.push(id);
  return ids;
}

/** Skippable words may sit between two words of a phrase ("that's not really everything"); any number is allowed here. */
const GAP = `(?:${SEPARATOR}(?:${[...new Set(idsWith(SKIPPABLE).flatMap((id) => (TOKEN_TEXT[id] as string).split(' ')))].join('|')}))*${SEPARATOR}`;

/** The first PHRASE_DEPTH tokens of every phrase of the trie, in every written form. */
function phraseBeginnings(): Atoms[] {
  const beginnings: Atoms[] = [];
  const walk = (level: Map<number, TrieNode<unknown>>, depth: number, prefix: Atoms): void => {
    for (const [id, node] of level) {
      for (const form of forms(id)) {
        const here = prefix.length === 0 ? form : [...prefix, GAP, ...form];
        if (node.value !== undefined || depth >= PHRASE_DEPTH || !node.next) beginnings.push(here);
        else walk(node.next, depth + 1, here);
      }
    }
  };
  walk(PHRASE_TRIE as Map<number, TrieNode<unknown>>, 1, []);
  return beginnings;
}

type AtomTrie = Map<string, AtomTrie>;
const END = '';

/**
 * One alternation of word sequences, factored as a trie of atoms: the regex engine then tests each character
 * once per position instead of once per alternative. A sequence that already ends where a longer one goes
 * on makes the longer one redundant (a search only asks whether any matches).
 */
function alternation(sequences: readonly Atoms[]): string {
  const root: AtomTrie = new Map();
  for (const sequence of sequences) {
    let node = root;
    for (const atom of [...sequence, WORD_END]) {
      let child = node.get(atom);
      if (!child) {
        child = new Map();
        node.set(atom, child);
      }
      node = child;
    }
    node.set(END, new Map());
  }
  const emit = (node: AtomTrie): string => {
    if (node.has(END)) return '';
    const alternatives = [...node].map(([atom, child]) => atom + emit(child));
    return alternatives.length === 1 ? (alternatives[0] as string) : `(?:${alternatives.join('|')})`;
  };
  return emit(root);
}

/** The full pattern: a word sequence at a word start, a question mark, or a format character or tag anywhere. */
function triggerPattern(words: string): RegExp {
  // `_` is a separator to the tokenizer but a word character to `\b`: a word right after one is a word start.
  return new RegExp(`(?:\\b|_)${words}|[${QUESTION_MARKS}${FORMAT}]|\\udb40[\\udc20-\\udc7f\\udd00-\\uddef]`, 'i');
}

const PHRASES = phraseBeginnings();
const DEFERRALS = idsWith(DEFERRAL).flatMap(forms);
const REPLIES = idsWith(REPLY_YES | REPLY_NO).flatMap(forms);
/** Spelled emoticons ("xD") are dropped by the tokenizer, so words either side of one are adjacent: any one triggers. */
const EMOTICONS = idsWith(EMOTICON).flatMap(forms);
const WORDS = alternation([...PHRASES, ...DEFERRALS, ...EMOTICONS]);
const WORDS_WITH_REPLIES = alternation([...PHRASES, ...DEFERRALS, ...EMOTICONS, ...REPLIES]);

/** Some phrase, deferral or question may be in the text. */
export const TRIGGERS = triggerPattern(WORDS);
/** As TRIGGERS, and a reply to "anything else?" / "ready to begin?" ("no", "yes please"). */
export const TRIGGERS_WITH_REPLIES = triggerPattern(WORDS_WITH_REPLIES);

// The fast path. A single word alternation after a plain `\b` lets the regex engine skip ahead, and the
// characters outside Latin-1 cost nothing on one-byte strings (the engine drops them from its one-byte code);
// each extra Latin-1 alternative would cost a test at every position, so `?`, `_` (a word character to `\b`,
// a separator to the tokenizer) and the soft hyphen are looked for with indexOf instead.
const NON_LATIN1 = '\\uff1f\\u2047\\u2048\\u2049\\u061f\\u037e\\u034f\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\u20e3\\ufe00-\\ufe0f\\ufeff';
function fastPattern(words: string): RegExp {
  return new RegExp(`\\b${words.replaceAll(WORD_END, '\\b')}|[${NON_LATIN1}]|\\udb40[\\udc20-\\udc7f\\udd00-\\uddef]`, 'i');
}
const FAST = fastPattern(WORDS);
const FAST_WITH_REPLIES = fastPattern(WORDS_WITH_REPLIES);

/**
 * Where the first trigger (TRIGGERS, or TRIGGERS_WITH_REPLIES) starts in `text`, or -1 when there is none — in
 * which case the text holds no phrase, deferral, question or reply, and the matcher's answer is `none`.
 */
export function firstTrigger(text: string, withReplies: boolean): number {
  const quiet =
    !(withReplies ? FAST_WITH_REPLIES : FAST).test(text) && text.indexOf('?') < 0 && text.indexOf('_') < 0 && text.indexOf('\u00ad') < 0;
  return quiet ? -1 : text.search(withReplies ? TRIGGERS_WITH_REPLIES : TRIGGERS);
}

/** A character that may open a quote: any double quote, or a single one not right after a letter or digit. */
const QUOTE_OPENER = new RegExp(`["\\u201c\\u201d\\u201e\\u201f\\u00ab\\u00bb\\uff02\\u301d\\u301e\\u2039\\u203a]|(?:^|[^A-Za-z0-9])['\`\\u2018\\u2019\\uff07]`);

/**
 * Where tokenizing may start without changing the result: the start of the sentence that holds the first
 * trigger (sentences before it hold no phrase and no deferral, and negations before a phrase's sentence
 * do not count) — or 0 when a quote may open before it, since quoting carries across sentences.
 */
export function restartPoint(text: string, firstTrigger: number): number {
  let boundary = -1;
  for (let index = firstTrigger - 1; index >= 0; index--) {
    const code = text.charCodeAt(index);
    if (code === 10 || code === 33) {
      boundary = index;
      break;
    }
    if (code === 46 && !(isAsciiWordCharacter(text.charCodeAt(index - 1)) && isAsciiWordCharacter(text.charCodeAt(index + 1)))) {
      // A dot between letters may still be one ("é.x" has non-ASCII letters): only trust plain neighbours.
      if (isPlainNeighbour(text.charCodeAt(index - 1)) && isPlainNeighbour(text.charCodeAt(index + 1))) {
        boundary = index;
        break;
      }
    }
  }
  if (boundary < 0) return 0;
  const quote = text.search(QUOTE_OPENER);
  return quote >= 0 && quote <= boundary ? 0 : boundary + 1;
}

function isAsciiWordCharacter(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** ASCII (or end of text): the tokenizer's view of it matches the check above. */
function isPlainNeighbour(code: number): boolean {
  return Number.isNaN(code) || code < 128;
}
