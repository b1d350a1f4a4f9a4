// A precompiled regular expression of "trigger" words that lets most content answers skip tokenizing:
// if no trigger occurs, no phrase, deferral, reply or question can, and the answer is `none`. Native
// regex scanning is several times faster than any per-character loop in JavaScript.

/**
 * Every phrase holds at least one of these words; every deferral is one (or begins with one). The list
 * may over-trigger (a content answer with "make" is tokenized in full) but must never miss: the tests
 * check every phrase, and compare the prefiltered matcher with the full one on random text.
 */
const PHRASE_TRIGGERS = [
  'covers', 'nothing', 'else', 'ahead', 'create', 'set', 'good', 'ship', 'write', 'commit', 'ready', 'done', 'finished', 'make',
  'do', 'wrap', 'begin', 'start', 'over',
];
const DEFERRAL_TRIGGERS = [
  'wait', 'waiit', 'waiiit', 'another', 'yet', 'almost', 'nearly', 'except', 'later', 'maybe', 'perhaps', 'until', 'till', 'unless',
  'cancel', 'hold', 'hang', 'one', 'scratch', 'more', 'second', 'before',
];
/** Only looked for when the Companion asked to close. */
const REPLY_TRIGGERS = [
  'yes', 'yess', 'yesss', 'yeah', 'yea', 'yeh', 'yah', 'yep', 'yup', 'yeap', 'yepp', 'ok', 'okay', 'okey', 'okie', 'kk', 'okk', 'sure',
  'absolutely', 'definitely', 'go', 'course', 'no', 'nope', 'nop', 'nah', 'naw', 'really',
];

/** Characters the tokenizer reads as an apostrophe inside a word. */
const APOSTROPHES = "'`\\u2019\\u2018\\u02bc\\uff07\\u00b4\\u2032";
/** Zero-width and format characters the tokenizer skips inside a word ("do\u200bne" is "done"). */
const FORMAT = '\\u00ad\\u034f\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\u20e3\\ufe00-\\ufe0f\\ufeff';

function triggerPattern(words: readonly string[]): RegExp {
  const alternatives = [
    // Contractions written every way the tokenizer reads them: "that's", "thats", "that’s", "that is".
    `that(?:[${APOSTROPHES}]?s|[^A-Za-z0-9]+is)`,
    `let(?:[${APOSTROPHES}]?s|[^A-Za-z0-9]+us)`,
    ...words,
  ];
  return new RegExp(
    `(?<![A-Za-z0-9])(?:${alternatives.join('|')})(?![A-Za-z0-9])` +
      // Any question mark; a format character or astral tag inside a word.
      `|[?\\uff1f\\u2047\\u2048\\u2049\\u061f\\u037e]|[A-Za-z${APOSTROPHES}](?:[${FORMAT}]|\\udb40[\\udc20-\\udc7f\\udd00-\\uddef])`,
    'i',
  );
}

export const TRIGGERS = triggerPattern([...PHRASE_TRIGGERS, ...DEFERRAL_TRIGGERS]);
export const TRIGGERS_WITH_REPLIES = triggerPattern([...PHRASE_TRIGGERS, ...DEFERRAL_TRIGGERS, ...REPLY_TRIGGERS]);

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
