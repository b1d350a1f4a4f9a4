// One pass over a message: words (as vocabulary ids), sentence and clause breaks, quote marks; emoji,
// emoticons and zero-width characters dropped. Writes into reused typed arrays — no per-character strings.
import {
  APOSTROPHE_SYMBOL,
  CLAUSE_BREAK,
  DEAD_STATE,
  DEFERRAL,
  EMOTICON,
  FIRST_WORD_ID,
  MERGES,
  MERGE_FIRST,
  NEGATOR,
  OTHER_WORD,
  POLITENESS,
  QUESTION_END,
  QUOTE_MARK,
  ROOT_STATE,
  SENTENCE_END,
  SPELLING_STATES,
  SPELLING_WORDS,
  TOKEN_FLAGS,
  mergeKey,
} from './vocabulary';

const NEGATES = NEGATOR | DEFERRAL;

/**
 * The tokens of the last message tokenized. The arrays are shared and overwritten by the next call, so
 * read them before tokenizing again (the matcher is synchronous; nothing else holds them).
 */
export type TokenStream = {
  count: number;
  /** Vocabulary id, OTHER_WORD, or a punctuation id (CLAUSE_BREAK, SENTENCE_END, QUESTION_END, QUOTE_MARK). */
  ids: Int32Array;
  /** UTF-16 offsets in the original text. */
  starts: Int32Array;
  ends: Int32Array;
  /** Sentence index of each token (a sentence-end token belongs to the sentence it ends). */
  sentences: Int32Array;
  /** Non-zero when the token is inside quotes. */
  quoted: Uint8Array;
  sentenceCount: number;
  /** First token of each sentence. */
  sentenceStarts: Int32Array;
  /** The sentence ends in a punctuation run with "?". */
  sentenceQuestion: Uint8Array;
  /** The sentence holds a negation or deferral outside quotes. */
  sentenceNegated: Uint8Array;
  /** The last thing in the message, past politeness, emoji and spaces, is "?". */
  finalQuestion: boolean;
  /** Some deferral ("wait", "not yet", "one more") outside quotes. */
  hasDeferral: boolean;
};

// Character classes.
const LETTER = 1;
const DIGIT = 2;
const SPACE = 3;
const NEWLINE = 4;
const STOP = 5;
const QUESTION = 6;
const CLAUSE = 7;
const APOSTROPHE_QUOTE = 8; // an apostrophe inside a word, a single quote at a word's edge
const APOSTROPHE = 9; // an apostrophe only
const DOUBLE_QUOTE = 10;
const HYPHEN = 11;
const SYMBOL = 12; // emoji, pictographs and other symbols: dropped, but they end a word
const FORMAT = 13; // zero-width characters, variation selectors, tags: dropped, invisible inside a word
const WIDE_LETTER = 14;
const MARK = 15;
const EMOTICON_START = 16; // : ; = < ^ — an emoticon may start here

const ASCII_CLASS = new Uint8Array(128).fill(SYMBOL);
for (let code = 0; code < 32; code++) ASCII_CLASS[code] = SPACE;
for (let code = 65; code <= 90; code++) ASCII_CLASS[code] = LETTER;
for (let code = 97; code <= 122; code++) ASCII_CLASS[code] = LETTER;
for (let code = 48; code <= 57; code++) ASCII_CLASS[code] = DIGIT;
ASCII_CLASS[32] = SPACE;
ASCII_CLASS[10] = NEWLINE;
for (const character of '.!;') ASCII_CLASS[character.charCodeAt(0)] = STOP;
ASCII_CLASS[63] = QUESTION;
for (const character of ',:()[]{}|/') ASCII_CLASS[character.charCodeAt(0)] = CLAUSE;
ASCII_CLASS[39] = APOSTROPHE_QUOTE;
ASCII_CLASS[96] = APOSTROPHE_QUOTE;
ASCII_CLASS[34] = DOUBLE_QUOTE;
ASCII_CLASS[45] = HYPHEN;
for (const character of ':;=<^') ASCII_CLASS[character.charCodeAt(0)] = EMOTICON_START;

const WIDE_CLASS = new Map<number, number>();
for (const code of [0x2018, 0x2019, 0xff07]) WIDE_CLASS.set(code, APOSTROPHE_QUOTE);
for (const code of [0x02bc, 0x00b4, 0x2032]) WIDE_CLASS.set(code, APOSTROPHE);
for (const code of [0x201c, 0x201d, 0x201e, 0x201f, 0x00ab, 0x00bb, 0xff02, 0x301d, 0x301e, 0x2039, 0x203a]) WIDE_CLASS.set(code, DOUBLE_QUOTE);
for (const code of [0x2026, 0x3002, 0xff0e, 0xff01, 0x203c, 0xff1b, 0x0964, 0x061b, 0x06d4]) WIDE_CLASS.set(code, STOP);
for (const code of [0xff1f, 0x2047, 0x2048, 0x2049, 0x061f, 0x037e]) WIDE_CLASS.set(code, QUESTION);
for (const code of [0x2012, 0x2013, 0x2014, 0x2015, 0xff0c, 0x3001, 0xff1a, 0xff08, 0xff09, 0x00a1, 0x00bf, 0x060c]) WIDE_CLASS.set(code, CLAUSE);
for (const code of [0x2028, 0x2029, 0x0085]) WIDE_CLASS.set(code, NEWLINE);
for (const code of [0x00ad, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff, 0x20e3, 0x180e, 0x034f]) {
  WIDE_CLASS.set(code, FORMAT);
}
for (let code = 0xfe00; code <= 0xfe0f; code++) WIDE_CLASS.set(code, FORMAT);
for (let code = 0x202a; code <= 0x202e; code++) WIDE_CLASS.set(code, FORMAT);
for (let code = 0x2066; code <= 0x2069; code++) WIDE_CLASS.set(code, FORMAT);

// Only non-ASCII characters not in WIDE_CLASS reach these; sticky so they test in place without slicing.
const LETTER_PATTERN = /[\p{L}\p{N}]/uy;
const MARK_PATTERN = /\p{M}/uy;
const SPACE_PATTERN = /\s/uy;

/** Width (1 or 2 code units) of the character classified last. */
let characterWidth = 1;

function classifyWide(text: string, index: number, code: number): number {
  characterWidth = 1;
  const known = WIDE_CLASS.get(code);
  if (known !== undefined) return known;
  let codePoint = code;
  if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
    const low = text.charCodeAt(index + 1);
    if (low >= 0xdc00 && low <= 0xdfff) {
      codePoint = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
      characterWidth = 2;
      // Tag characters (flag sequences) and the variation selector supplement.
      if ((codePoint >= 0xe0000 && codePoint <= 0xe007f) || (codePoint >= 0xe0100 && codePoint <= 0xe01ef)) return FORMAT;
    }
  }
  LETTER_PATTERN.lastIndex = index;
  if (LETTER_PATTERN.test(text)) return WIDE_LETTER;
  MARK_PATTERN.lastIndex = index;
  if (MARK_PATTERN.test(text)) return MARK;
  SPACE_PATTERN.lastIndex = index;
  if (SPACE_PATTERN.test(text)) return SPACE;
  return SYMBOL;
}

/** True when the character at `index` can be part of a word (a letter or digit). */
function isWordCharacterAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const code = text.charCodeAt(index);
  if (code < 128) {
    const kind = ASCII_CLASS[code];
    return kind === LETTER || kind === DIGIT;
  }
  if (WIDE_CLASS.has(code)) return false;
  LETTER_PATTERN.lastIndex = index;
  return LETTER_PATTERN.test(text);
}

/** True when the character at `index` is white space (ASCII or Unicode). */
function isSpaceAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 128) return ASCII_CLASS[code] === SPACE || ASCII_CLASS[code] === NEWLINE;
  const known = WIDE_CLASS.get(code);
  if (known !== undefined) return known === NEWLINE;
  SPACE_PATTERN.lastIndex = index;
  return SPACE_PATTERN.test(text);
}

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

const EMOTICON_MOUTHS = new Set([...')(][DPpOo3|/\\*$@}{><xXSs'].map((character) => character.charCodeAt(0)));
const EMOTICON_NOSES = new Set([..."-'^o"].map((character) => character.charCodeAt(0)));

/** Length of an emoticon starting at `index` (":)", ";-)", ":D", "=)", "<3", "</3", "^_^", "^o^"), or 0. */
function emoticonLength(text: string, index: number, code: number): number {
  const length = text.length;
  if (code === 58 || code === 59 || code === 61) {
    // : ; =
    let next = index + 1;
    if (next + 1 < length && EMOTICON_NOSES.has(text.charCodeAt(next)) && EMOTICON_MOUTHS.has(text.charCodeAt(next + 1))) next++;
    if (next >= length) return 0;
    const mouth = text.charCodeAt(next);
    if (!EMOTICON_MOUTHS.has(mouth)) return 0;
    next++;
    while (next < length && text.charCodeAt(next) === mouth) next++;
    if (next < length && isAsciiAlphanumeric(text.charCodeAt(next))) return 0;
    return next - index;
  }
  if (code === 60) {
    // <3 and </3
    let next = index + 1;
    if (next < length && text.charCodeAt(next) === 47) next++;
    if (next < length && text.charCodeAt(next) === 51) {
      next++;
      while (next < length && text.charCodeAt(next) === 51) next++;
      return next < length && isAsciiAlphanumeric(text.charCodeAt(next)) ? 0 : next - index;
    }
    return 0;
  }
  if (code === 94 && index + 2 < length) {
    // ^o^ (the other ^…^ faces are symbols and dropped anyway)
    const middle = text.charCodeAt(index + 1);
    if ((middle === 111 || middle === 79) && text.charCodeAt(index + 2) === 94) return 3;
  }
  return 0;
}

let capacity = 0;
let ids = new Int32Array(0);
let starts = new Int32Array(0);
let ends = new Int32Array(0);
let sentences = new Int32Array(0);
let quoted = new Uint8Array(0);
let sentenceStarts = new Int32Array(0);
let sentenceQuestion = new Uint8Array(0);
let sentenceNegated = new Uint8Array(0);

/** Reused buffers stay small after a huge message: beyond this they are dropped once used. */
const RETAINED_CAPACITY = 1 << 14;

function ensureCapacity(needed: number): void {
  if (needed <= capacity && (capacity <= RETAINED_CAPACITY || needed > RETAINED_CAPACITY)) return;
  let size = 64;
  while (size < needed) size *= 2;
  capacity = size;
  ids = new Int32Array(size);
  starts = new Int32Array(size);
  ends = new Int32Array(size);
  sentences = new Int32Array(size);
  quoted = new Uint8Array(size);
  sentenceStarts = new Int32Array(size + 1);
  sentenceQuestion = new Uint8Array(size + 1);
  sentenceNegated = new Uint8Array(size + 1);
}

const stream: TokenStream = {
  count: 0,
  ids,
  starts,
  ends,
  sentences,
  quoted,
  sentenceCount: 0,
  sentenceStarts,
  sentenceQuestion,
  sentenceNegated,
  finalQuestion: false,
  hasDeferral: false,
};

// Tokenizer state for the message being read (module-level so the helpers below need no closures).
let count = 0;
let sentence = 0;
let doubleOpen = false;
let singleOpen = false;

function quoteState(): number {
  return (doubleOpen ? 1 : 0) | (singleOpen ? 2 : 0);
}

function pushToken(id: number, start: number, end: number): void {
  ids[count] = id;
  starts[count] = start;
  ends[count] = end;
  sentences[count] = sentence;
  quoted[count] = quoteState();
  count++;
}

/** Adds a finished word (its DFA state), reading two adjacent words as one where the vocabulary says so. */
function pushWord(state: number, start: number, end: number): void {
  const id = state === DEAD_STATE ? OTHER_WORD : (SPELLING_WORDS[state] as number) || OTHER_WORD;
  if (id === OTHER_WORD) {
    // Runs of words the vocabulary does not know are one token: the matcher only asks "was there a word?".
    if (count > 0 && ids[count - 1] === OTHER_WORD && quoted[count - 1] === quoteState()) ends[count - 1] = end;
    else pushToken(OTHER_WORD, start, end);
    return;
  }
  const flags = TOKEN_FLAGS[id] as number;
  if ((flags & EMOTICON) !== 0) return;
  if (count > 0) {
    const previous = ids[count - 1] as number;
    if (previous >= FIRST_WORD_ID && ((TOKEN_FLAGS[previous] as number) & MERGE_FIRST) !== 0 && quoted[count - 1] === quoteState()) {
      const merged = MERGES.get(mergeKey(previous, id));
      if (merged !== undefined) {
        ids[count - 1] = merged;
        ends[count - 1] = end;
        return;
      }
    }
  }
  pushToken(id, start, end);
}

/** A run of sentence-ending punctuation (with spaces between) is one token; "?" anywhere in it makes a question. */
function pushSentenceEnd(question: boolean, start: number, end: number): void {
  if (count > 0) {
    const previous = ids[count - 1] as number;
    if (previous === SENTENCE_END || previous === QUESTION_END) {
      ends[count - 1] = end;
      if (question) {
        ids[count - 1] = QUESTION_END;
        sentenceQuestion[sentence - 1] = 1;
      }
      return;
    }
  }
  pushToken(question ? QUESTION_END : SENTENCE_END, start, end);
  sentenceQuestion[sentence] = question ? 1 : 0;
  sentence++;
  sentenceStarts[sentence] = count;
  sentenceQuestion[sentence] = 0;
}

/**
 * Tokenizes `text` from `from` (the start of a sentence, with no quote open before it) into the shared
 * stream (see TokenStream). Linear in the text's length.
 */
export function tokenize(text: string, from = 0): TokenStream {
  const length = text.length;
  // Every token but a sentence end covers at least one character; ends merge into runs.
  ensureCapacity(length + 2);
  count = 0;
  sentence = 0;
  doubleOpen = false;
  singleOpen = false;
  sentenceStarts[0] = 0;
  sentenceQuestion[0] = 0;
  let singleFrom = 0;

  let wordStart = -1;
  let state = ROOT_STATE;
  const spellingStates = SPELLING_STATES;

  let index = from;
  while (index < length) {
    const code = text.charCodeAt(index);
    let kind: number;
    let width = 1;
    if (code < 128) {
      kind = ASCII_CLASS[code] as number;
      if (kind === LETTER) {
        // The hot path: a letter of a word, one DFA step.
        if (wordStart < 0) {
          wordStart = index;
          state = ROOT_STATE;
        }
        state = spellingStates[(state << 5) + ((code | 32) - 97)] as number;
        index++;
        continue;
      }
      if (kind === SPACE) {
        if (wordStart >= 0) {
          pushWord(state, wordStart, index);
          wordStart = -1;
        }
        index++;
        continue;
      }
      if (kind === EMOTICON_START) {
        const emoticon = emoticonLength(text, index, code);
        if (emoticon > 0) {
          if (wordStart >= 0) {
            pushWord(state, wordStart, index);
            wordStart = -1;
          }
          index += emoticon;
          continue;
        }
        kind = code === 58 ? CLAUSE : code === 59 ? STOP : SYMBOL;
      }
    } else {
      kind = classifyWide(text, index, code);
      width = characterWidth;
    }

    switch (kind) {
      case DIGIT:
      case WIDE_LETTER: {
        // Digits and non-ASCII letters make words the vocabulary does not hold.
        if (wordStart < 0) wordStart = index;
        state = DEAD_STATE;
        break;
      }
      case MARK: {
        // A combining mark continues a word; on its own (after an emoji) it is dropped.
        if (wordStart >= 0) state = DEAD_STATE;
        break;
      }
      case FORMAT:
        break;
      case APOSTROPHE_QUOTE:
      case APOSTROPHE: {
        const nextIsWord = isWordCharacterAt(text, index + 1);
        if (wordStart >= 0 && nextIsWord) {
          state = spellingStates[(state << 5) + APOSTROPHE_SYMBOL] as number;
          break;
        }
        if (wordStart >= 0) {
          pushWord(state, wordStart, index);
          wordStart = -1;
        }
        if (kind === APOSTROPHE_QUOTE) {
          if (!singleOpen && !isWordCharacterAt(text, index - 1) && nextIsWord) {
            pushToken(QUOTE_MARK, index, index + 1);
            singleOpen = true;
            singleFrom = count;
          } else if (singleOpen && index > 0 && !isSpaceAt(text, index - 1) && !nextIsWord) {
            singleOpen = false;
            pushToken(QUOTE_MARK, index, index + 1);
          }
        }
        break;
      }
      default: {
        if (wordStart >= 0) {
          pushWord(state, wordStart, index);
          wordStart = -1;
        }
        switch (kind) {
          case DOUBLE_QUOTE: {
            if (doubleOpen) {
              doubleOpen = false;
              pushToken(QUOTE_MARK, index, index + 1);
            } else {
              pushToken(QUOTE_MARK, index, index + 1);
              doubleOpen = true;
            }
            break;
          }
          case SPACE:
            break;
          case NEWLINE:
            pushSentenceEnd(false, index, index + 1);
            break;
          case STOP:
            // A dot between word characters ("3.5", "loomworks.com") only separates words.
            if (!(code === 46 && isWordCharacterAt(text, index - 1) && isWordCharacterAt(text, index + 1))) pushSentenceEnd(false, index, index + width);
            break;
          case QUESTION:
            pushSentenceEnd(true, index, index + width);
            break;
          case CLAUSE:
            pushToken(CLAUSE_BREAK, index, index + width);
            break;
          case HYPHEN:
            // "write-up" is two words with nothing between; a free-standing dash breaks the clause.
            if (!(isWordCharacterAt(text, index - 1) && isWordCharacterAt(text, index + 1))) pushToken(CLAUSE_BREAK, index, index + 1);
            break;
          default:
            break;
        }
        break;
      }
    }
    index += width;
  }
  if (wordStart >= 0) pushWord(state, wordStart, length);

  // A single quote that never closed was an apostrophe after all ("'cause", "'til").
  if (singleOpen) for (let token = singleFrom; token < count; token++) quoted[token] = (quoted[token] as number) & ~2;

  const sentenceCount = sentence + 1;
  for (let index = 0; index < sentenceCount; index++) sentenceNegated[index] = 0;
  let hasDeferral = false;
  for (let token = 0; token < count; token++) {
    const id = ids[token] as number;
    if (id < FIRST_WORD_ID || quoted[token] !== 0) continue;
    const flags = TOKEN_FLAGS[id] as number;
    if ((flags & NEGATES) === 0) continue;
    sentenceNegated[sentences[token] as number] = 1;
    if ((flags & DEFERRAL) !== 0) hasDeferral = true;
  }

  let last = count - 1;
  while (last >= 0 && (ids[last] as number) >= FIRST_WORD_ID && ((TOKEN_FLAGS[ids[last] as number] as number) & POLITENESS) !== 0) last--;

  stream.count = count;
  stream.ids = ids;
  stream.starts = starts;
  stream.ends = ends;
  stream.sentences = sentences;
  stream.quoted = quoted;
  stream.sentenceCount = sentenceCount;
  stream.sentenceStarts = sentenceStarts;
  stream.sentenceQuestion = sentenceQuestion;
  stream.sentenceNegated = sentenceNegated;
  stream.finalQuestion = last >= 0 && ids[last] === QUESTION_END;
  stream.hasDeferral = hasDeferral;
  return stream;
}

/** The vocabulary ids of a phrase text (for building tables at module load). */
export function tokenIds(text: string): number[] {
  const tokens = tokenize(text);
  return Array.from(tokens.ids.subarray(0, tokens.count));
}
