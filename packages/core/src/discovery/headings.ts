// Which section a heading opens: a field (by number, key or title), the name, an ignored section, or none.
import { FIELDS, NAME_TITLES, type FieldKey } from '../fields';
import { IGNORED_SECTION_TITLES } from './format';
import { isAsciiDigit, isSpaceOrTab } from './markdown-lines';

export type HeadingTarget = { kind: 'field'; key: FieldKey } | { kind: 'name' } | { kind: 'ignored' } | { kind: 'unknown' };

/** No title in the table is longer than this; a longer heading can still start with a field number. */
const CLASSIFY_LIMIT = 200;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const NUMBER_WORDS = new Set(['field', 'section', 'part']);

function isLetterOrDigit(character: string): boolean {
  const code = character.charCodeAt(0);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
  return LETTER_OR_DIGIT.test(character);
}

/** Lowercase words of a title: emphasis markers and punctuation become word breaks. */
function titleWords(text: string): string[] {
  const lower = text.toLowerCase();
  const words: string[] = [];
  let start = -1;
  for (let index = 0; index <= lower.length; index++) {
    const code = index < lower.length ? lower.charCodeAt(index) : 32;
    // ASCII needs no string per character; a surrogate pair is looked at whole, so astral letters count as letters.
    const unit = code < 128 ? '' : code >= 0xd800 && code <= 0xdbff && index + 1 < lower.length ? lower.slice(index, index + 2) : (lower[index] as string);
    if (code < 128 ? (code >= 97 && code <= 122) || (code >= 48 && code <= 57) : isLetterOrDigit(unit)) {
      if (start < 0) start = index;
    } else if (start >= 0) {
      words.push(lower.slice(start, index));
      start = -1;
    }
    if (unit.length === 2) index++;
  }
  return words;
}

const byTitle = new Map<string, HeadingTarget>();
const byKey = new Map<string, HeadingTarget>();
for (const field of FIELDS) {
  const target: HeadingTarget = { kind: 'field', key: field.key };
  for (const title of field.titles) byTitle.set(titleWords(title).join(' '), target);
  byKey.set(field.key.toLowerCase(), target);
  byKey.set(field.engineKey.replaceAll('_', ''), target);
}
for (const title of NAME_TITLES) byTitle.set(titleWords(title).join(' '), { kind: 'name' });
byKey.set('name', { kind: 'name' });
for (const title of IGNORED_SECTION_TITLES) byTitle.set(titleWords(title).join(' '), { kind: 'ignored' });

const EMPHASIS = new Set(['*', '_', '`', '~']);
const DASHES = new Set(['-', '–', '—', ':']);

/**
 * A leading "1.", "1)", "1:", "1 —" or a bare "1" (emphasis around it allowed). Returns the number and where
 * the rest of the title starts, or undefined when the title does not start with a number in that form.
 */
function leadingNumber(text: string): { value: number; digits: number; rest: number } | undefined {
  let index = 0;
  while (index < text.length && (EMPHASIS.has(text[index] as string) || isSpaceOrTab(text.charCodeAt(index)))) index++;
  const digitsStart = index;
  while (index < text.length && isAsciiDigit(text.charCodeAt(index))) index++;
  const digits = index - digitsStart;
  if (digits === 0 || digits > 3) return undefined;
  const value = Number(text.slice(digitsStart, index));
  while (index < text.length && EMPHASIS.has(text[index] as string)) index++;
  if (index === text.length) return { value, digits, rest: index };
  const next = text[index] as string;
  if (next === '.' || next === ')' || next === ':') return { value, digits, rest: index + 1 };
  if (!isSpaceOrTab(text.charCodeAt(index))) return undefined;
  while (index < text.length && isSpaceOrTab(text.charCodeAt(index))) index++;
  if (index === text.length) return { value, digits, rest: index };
  return DASHES.has(text[index] as string) ? { value, digits, rest: index + 1 } : undefined;
}

function fieldByNumber(value: number, digits: number): HeadingTarget | undefined {
  const field = digits === 1 ? FIELDS[value - 1] : undefined;
  return field ? { kind: 'field', key: field.key } : undefined;
}

/**
 * Classifies a decoded heading title. Matching ignores case, punctuation and emphasis markers; a field
 * number ("3.", "3)", "Field 3 — …") decides over a title.
 */
export function classifyHeading(title: string): HeadingTarget {
  const text = title.length > CLASSIFY_LIMIT ? title.slice(0, CLASSIFY_LIMIT) : title;
  const number = leadingNumber(text);
  if (number) {
    const byNumber = fieldByNumber(number.value, number.digits);
    if (byNumber) return byNumber;
  }
  const words = titleWords(number ? text.slice(number.rest) : text);
  for (let index = 0; index + 1 < words.length; index++) {
    const word = words[index + 1] as string;
    if (NUMBER_WORDS.has(words[index] as string) && word.length === 1) {
      const byNumber = fieldByNumber(Number(word), 1);
      if (byNumber) return byNumber;
    }
  }
  if (words.length === 0) return { kind: 'unknown' };
  return byTitle.get(words.join(' ')) ?? byKey.get(words.join('')) ?? { kind: 'unknown' };
}

const DISCOVERY_RECORD_SUFFIX = 'discovery record';

/** The name a title H1 gives: the title with a trailing "— Discovery record" dropped. */
export function nameFromTitle(title: string): string {
  const lower = title.toLowerCase();
  if (!lower.endsWith(DISCOVERY_RECORD_SUFFIX)) return title;
  let index = title.length - DISCOVERY_RECORD_SUFFIX.length;
  while (index > 0 && isSpaceOrTab(title.charCodeAt(index - 1))) index--;
  if (index === 0 || !DASHES.has(title[index - 1] as string)) return title;
  index--;
  while (index > 0 && isSpaceOrTab(title.charCodeAt(index - 1))) index--;
  return index === 0 ? title : title.slice(0, index);
}
