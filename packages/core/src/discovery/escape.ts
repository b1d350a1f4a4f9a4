// Escapes one line of a value for a rendered document, so extractSeed reads exactly that text back.
// The rules, and why each is needed, are at the top of render-discovery-record.ts.
import { isAsciiDigit, isAsciiPunctuation, isSpaceOrTab } from './markdown-lines';

export type EscapeLineOptions = {
  /** The text starts a Markdown line (after its indentation): escape a first character that reads as structure. */
  lineStart?: boolean;
  /** Escape every `*` (a Field 6 key inside `**…:**`). */
  asterisks?: boolean;
  /** Escape a trailing run of `#` (a heading, where it would read as a closing sequence). */
  trailingHashes?: boolean;
};

function isLoneSurrogate(line: string, index: number): boolean {
  const code = line.charCodeAt(index);
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = line.charCodeAt(index + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (code >= 0xdc00 && code <= 0xdfff) {
    const previous = line.charCodeAt(index - 1);
    return !(previous >= 0xd800 && previous <= 0xdbff);
  }
  return false;
}

/** Characters written as `&#N;`: controls (tabs excepted), lone surrogates, and a space or tab ending the line. */
function needsReference(line: string, index: number): boolean {
  const code = line.charCodeAt(index);
  if ((code < 0x20 && code !== 9) || code === 0x7f) return true;
  if (code >= 0xd800 && code <= 0xdfff) return isLoneSurrogate(line, index);
  return index === line.length - 1 && isSpaceOrTab(code);
}

/** Whether the run of `marker` at `from` makes the line a thematic break. */
function isThematicBreakFrom(line: string, from: number, marker: number): boolean {
  let count = 0;
  for (let index = from; index < line.length; index++) {
    const code = line.charCodeAt(index);
    if (code === marker) count++;
    else if (!isSpaceOrTab(code)) return false;
  }
  return count >= 3;
}

/**
 * The index of the character to backslash-escape so the line does not read as structure when it starts a
 * Markdown line: a heading `#`, a list marker (`-`, `*`, `+`, or the `.`/`)` of `1.`), a thematic break,
 * a table `|`, or a fence of three backticks or tildes. -1 when the line is safe as it is.
 */
function structuralIndex(line: string): number {
  let start = 0;
  while (start < line.length && isSpaceOrTab(line.charCodeAt(start))) start++;
  if (start === line.length) return -1;
  const code = line.charCodeAt(start);
  const next = line.charCodeAt(start + 1);
  const endsMarker = start + 1 === line.length || isSpaceOrTab(next);
  switch (code) {
    case 35: {
      let end = start;
      while (end < line.length && line.charCodeAt(end) === 35) end++;
      return end === line.length || isSpaceOrTab(line.charCodeAt(end)) ? start : -1;
    }
    case 45:
    case 42:
      return endsMarker || isThematicBreakFrom(line, start, code) ? start : -1;
    case 43:
      return endsMarker ? start : -1;
    case 95:
      return isThematicBreakFrom(line, start, code) ? start : -1;
    case 124:
      return start;
    case 96:
    case 126:
      return next === code && line.charCodeAt(start + 2) === code ? start : -1;
    default: {
      if (!isAsciiDigit(code)) return -1;
      let end = start;
      while (end < line.length && isAsciiDigit(line.charCodeAt(end))) end++;
      const delimiter = line.charCodeAt(end);
      if (delimiter !== 46 && delimiter !== 41) return -1;
      return end + 1 === line.length || isSpaceOrTab(line.charCodeAt(end + 1)) ? end : -1;
    }
  }
}

/** The first `#` of a trailing run of `#`, which a heading would drop as its closing sequence. */
function trailingHashIndex(line: string): number {
  let index = line.length;
  while (index > 0 && line.charCodeAt(index - 1) === 35) index--;
  return index < line.length ? index : -1;
}

/** Escapes one line (no line break inside; a `\n` in it is written as `&#10;`). */
export function escapeLine(line: string, options: EscapeLineOptions = {}): string {
  const structural = options.lineStart ? structuralIndex(line) : -1;
  const hashes = options.trailingHashes ? trailingHashIndex(line) : -1;
  let out = '';
  let copyFrom = 0;
  const emit = (index: number, text: string) => {
    out += line.slice(copyFrom, index) + text;
    copyFrom = index + 1;
  };
  for (let index = 0; index < line.length; index++) {
    const code = line.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff && !isLoneSurrogate(line, index)) {
      index++;
      continue;
    }
    if (needsReference(line, index)) {
      emit(index, `&#${code};`);
      continue;
    }
    if (code === 92) {
      // A backslash before punctuation (or an entity, or the end) would escape it; double it.
      const last = index + 1 === line.length;
      if (last || isAsciiPunctuation(line.charCodeAt(index + 1)) || needsReference(line, index + 1)) emit(index, '\\\\');
      continue;
    }
    const escaped =
      index === structural ||
      index === hashes ||
      (code === 38 && line.charCodeAt(index + 1) === 35) ||
      (code === 60 && line.startsWith('!--', index + 1)) ||
      (code === 42 && options.asterisks === true);
    if (escaped) emit(index, `\\${line[index] as string}`);
  }
  return out + line.slice(copyFrom);
}
