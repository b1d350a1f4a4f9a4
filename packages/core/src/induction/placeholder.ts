// Recognises values that stand in for an answer nobody gave yet ("TBD", "N/A", "???", "lorem ipsum", "<fill in>").

// Compared after lower-casing and turning every run of non-letters/digits into one space, so "N/A", "n.a.",
// "to-do", "TBD." and "<fill in here>" all meet one of these.
const PLACEHOLDER_PHRASES = new Set([
  'tbd',
  't b d',
  'tba',
  'tbc',
  'todo',
  'to do',
  'fixme',
  'n a',
  'na',
  'to be determined',
  'to be decided',
  'to be confirmed',
  'to be announced',
  'fill in',
  'fill in here',
  'fill in later',
  'fill this in',
  'fill me in',
  'insert here',
  'placeholder',
  'lorem',
  'lorem ipsum',
]);

/** A value of punctuation only: "???", "...", "-", "—", "…", "?!". */
const PUNCTUATION_ONLY = /^[?!.…\-–—_*/\\|#~]+$/u;
/** A note-to-self that starts like "TODO:" or "TBD -". */
const NOTE_TO_SELF = /^(?:todo|tbd|fixme)\s*[:\-–—]/iu;
/** A template slot left as it was: "<audience>", "{{name}}". */
const TEMPLATE_SLOT = /^(?:<[^<>]*>|\{\{[^{}]*\}\})$/u;

/**
 * True when the whole of `value` is a placeholder, ignoring case, punctuation and surrounding whitespace.
 * Only whole values count: "TBD items get a weekly review" is an answer that mentions TBD.
 */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '') return false;
  if (PUNCTUATION_ONLY.test(trimmed.replace(/\s+/gu, ''))) return true;
  if (NOTE_TO_SELF.test(trimmed) || TEMPLATE_SLOT.test(trimmed)) return true;
  const words = trimmed
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return PLACEHOLDER_PHRASES.has(words) || /^x{3,}$/u.test(words) || words.startsWith('lorem ipsum dolor');
}
