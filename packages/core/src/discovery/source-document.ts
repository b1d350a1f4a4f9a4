// A Markdown document read once into lines, each marked blank, heading, text or verbatim (in a fence or comment),
// and the decoding of escapes and numeric character references in its text. Linear: one backward, one forward pass.
import type { ExtractionIssue } from './issue-codes';
import {
  isAsciiPunctuation,
  indentationOf,
  isEscapedAt,
  parseFenceClose,
  parseFenceOpen,
  parseHeadingLine,
  parseListMarker,
  stripTrailingWhitespace,
  type Fence,
} from './markdown-lines';

export const LINE_BLANK = 0;
export const LINE_TEXT = 1;
export const LINE_HEADING = 2;
/** The opening line of a fenced code block (verbatim). */
export const LINE_FENCE_OPEN = 3;
/** A line inside a fenced code block, or its closing line (verbatim). */
export const LINE_FENCED = 4;
/** A line that starts inside an HTML comment (verbatim up to the comment's end). */
export const LINE_COMMENT = 5;

export type SourceDocument = {
  /** Every line of the input without its line ending; index 0 is line 1 (a leading BOM removed). */
  readonly raw: readonly string[];
  /** Each body line as the extractor reads it: trailing spaces and tabs removed, except verbatim lines. */
  readonly text: string[];
  readonly kinds: Uint8Array;
  /** The first line after the frontmatter. */
  readonly bodyStart: number;
  /** Where the last `-->` of the body is: a `<!--` before it opens a comment, one after it is plain text. */
  readonly lastCommentClose: { line: number; index: number };
};

export function splitLines(input: string): string[] {
  // Splitting on a plain "\n" is several times faster than on a pattern; most documents have no "\r".
  const lines = input.indexOf('\r') < 0 ? input.split('\n') : input.split(/\r\n|\r|\n/);
  const first = lines[0] ?? '';
  if (first.charCodeAt(0) === 0xfeff) lines[0] = first.slice(1);
  return lines;
}

/** What a document may hold at all, from three fast searches of the whole text: most hold no fence and no comment. */
export type SourceHints = { fences: boolean; commentOpeners: boolean; commentClosers: boolean };

export function sourceHints(input: string): SourceHints {
  return {
    fences: input.indexOf('```') >= 0 || input.indexOf('~~~') >= 0,
    commentOpeners: input.indexOf('<!--') >= 0,
    commentClosers: input.indexOf('-->') >= 0,
  };
}

export function readSourceDocument(raw: readonly string[], bodyStart: number, warnings: ExtractionIssue[], hints: SourceHints): SourceDocument {
  const count = raw.length;
  // Backward pass: for every line, the longest fence closer of each kind at or after it, so an opener
  // knows at once whether anything closes it; and the position of the last comment closer.
  const backtickClosers = hints.fences ? new Int32Array(count + 1) : undefined;
  const tildeClosers = hints.fences ? new Int32Array(count + 1) : undefined;
  const lastCommentClose = { line: -1, index: -1 };
  for (let index = count - 1; index >= bodyStart && (backtickClosers || (hints.commentClosers && lastCommentClose.line < 0)); index--) {
    const line = raw[index] as string;
    if (backtickClosers && tildeClosers) {
      let backticks = backtickClosers[index + 1] as number;
      let tildes = tildeClosers[index + 1] as number;
      const closer = parseFenceClose(line);
      if (closer?.marker === 96 && closer.length > backticks) backticks = closer.length;
      if (closer?.marker === 126 && closer.length > tildes) tildes = closer.length;
      backtickClosers[index] = backticks;
      tildeClosers[index] = tildes;
    }
    // indexOf first: it is a fast forward search, lastIndexOf a plain backward loop, and most lines have no "-->".
    if (hints.commentClosers && lastCommentClose.line < 0 && line.indexOf('-->') >= 0) {
      lastCommentClose.line = index;
      lastCommentClose.index = line.lastIndexOf('-->');
    }
  }

  const document: SourceDocument = { raw, text: new Array<string>(count), kinds: new Uint8Array(count), bodyStart, lastCommentClose };
  const commentWarning = { reported: false };
  let fence: Fence | undefined;
  let inComment = false;
  for (let index = bodyStart; index < count; index++) {
    const line = raw[index] as string;
    if (fence) {
      document.kinds[index] = LINE_FENCED;
      document.text[index] = line;
      const closer = parseFenceClose(line);
      if (closer && closer.marker === fence.marker && closer.length >= fence.length) fence = undefined;
      continue;
    }
    if (inComment) {
      document.kinds[index] = LINE_COMMENT;
      document.text[index] = line;
      inComment = commentStateAfter(document, index, line, true, warnings, commentWarning);
      continue;
    }
    const text = stripTrailingWhitespace(line);
    document.text[index] = text;
    if (text.length === 0) {
      document.kinds[index] = LINE_BLANK;
      continue;
    }
    if (parseHeadingLine(text)) {
      document.kinds[index] = LINE_HEADING;
      if (hints.commentOpeners) inComment = commentStateAfter(document, index, text, false, warnings, commentWarning);
      continue;
    }
    if (!backtickClosers || !tildeClosers) {
      document.kinds[index] = LINE_TEXT;
      if (hints.commentOpeners) inComment = commentStateAfter(document, index, text, false, warnings, commentWarning);
      continue;
    }
    // A fence may open a line or follow a list marker ("- ```").
    const indentEnd = indentationOf(text).end;
    const marker = parseListMarker(text);
    const fenceStart = marker && marker.contentStart < text.length ? marker.contentStart : indentEnd;
    const opener = parseFenceOpen(text, fenceStart);
    if (opener) {
      const closers = opener.marker === 96 ? backtickClosers : tildeClosers;
      if ((closers[index + 1] as number) >= opener.length) {
        fence = opener;
        document.kinds[index] = fenceStart === indentEnd ? LINE_FENCE_OPEN : LINE_TEXT;
        continue;
      }
      warnings.push({
        code: 'EXTRACT_UNCLOSED_FENCE',
        message: 'This code fence is never closed, so it was read as ordinary text.',
        line: index + 1,
        column: fenceStart + 1,
      });
    }
    document.kinds[index] = LINE_TEXT;
    inComment = commentStateAfter(document, index, text, false, warnings, commentWarning);
  }
  return document;
}

/** A `<!--` at `index` of body line `line` opens a comment only if some `-->` comes after it. */
function isClosable(document: SourceDocument, line: number, index: number): boolean {
  const close = document.lastCommentClose;
  return line < close.line || (line === close.line && index + 4 <= close.index);
}

/** Whether the line ends inside an HTML comment, given whether it starts inside one. */
function commentStateAfter(
  document: SourceDocument,
  lineIndex: number,
  text: string,
  startsInComment: boolean,
  warnings: ExtractionIssue[],
  commentWarning: { reported: boolean },
): boolean {
  let inComment = startsInComment;
  let index = 0;
  let floor = 0;
  for (;;) {
    if (inComment) {
      const close = text.indexOf('-->', index);
      if (close < 0) return true;
      index = close + 3;
      floor = index;
      inComment = false;
      continue;
    }
    const open = text.indexOf('<!--', index);
    if (open < 0) return false;
    if (isEscapedAt(text, open, floor)) {
      index = open + 1;
      continue;
    }
    if (!isClosable(document, lineIndex, open)) {
      // Every later opener is unclosed too, so one warning says it all.
      if (!commentWarning.reported) {
        commentWarning.reported = true;
        warnings.push({
          code: 'EXTRACT_UNCLOSED_COMMENT',
          message: 'This HTML comment is never closed, so it was read as ordinary text.',
          line: lineIndex + 1,
          column: open + 1,
        });
      }
      return false;
    }
    index = open + 4;
    inComment = true;
  }
}

function findCommentClose(text: string, from: number, to: number): number {
  for (let index = from; index + 2 < to; index++) {
    if (text.charCodeAt(index) === 45 && text.charCodeAt(index + 1) === 45 && text.charCodeAt(index + 2) === 62) return index;
  }
  return -1;
}

function isCommentOpen(text: string, index: number, to: number): boolean {
  return index + 3 < to && text.charCodeAt(index + 1) === 33 && text.charCodeAt(index + 2) === 45 && text.charCodeAt(index + 3) === 45;
}

export type DecodedSlice = { value: string; inComment: boolean };

/** Where decoded text goes: small slices build a string, long ones fill a code-unit buffer (no garbage per escape). */
type Output = { text: string; buffer?: Uint16Array; length: number };

/** Above this many code units a slice is decoded into a buffer: appending a million pieces to a string makes the garbage collector, not the scan, dominate. */
const BUFFERED_SLICE = 1 << 16;
const CHUNK = 1 << 13;

function append(output: Output, text: string, from: number, to: number): void {
  if (!output.buffer) {
    output.text += text.slice(from, to);
    return;
  }
  for (let index = from; index < to; index++) output.buffer[output.length++] = text.charCodeAt(index);
}

function appendCharacter(output: Output, character: string): void {
  if (!output.buffer) output.text += character;
  else for (let index = 0; index < character.length; index++) output.buffer[output.length++] = character.charCodeAt(index);
}

function finish(output: Output): string {
  if (!output.buffer) return output.text;
  const chunks: string[] = [];
  for (let start = 0; start < output.length; start += CHUNK) {
    chunks.push(String.fromCharCode.apply(null, output.buffer.subarray(start, Math.min(start + CHUNK, output.length)) as unknown as number[]));
  }
  return chunks.join('');
}

/**
 * Decodes text[from, to) of body line `lineIndex`: `\` + ASCII punctuation gives the punctuation, numeric
 * character references (`&#32;`, `&#x2028;`) give their character, and HTML comments are copied verbatim.
 * Anything else, including a backslash before other characters, is kept as written.
 */
export function decodeSlice(
  document: SourceDocument,
  lineIndex: number,
  text: string,
  from: number,
  to: number,
  startsInComment: boolean,
): DecodedSlice {
  // Most text holds no backslash, `&` or `<`: three native searches settle it without a loop over its characters.
  let index = startsInComment ? from : firstSpecial(text, from, to);
  if (index >= to) return { value: from === 0 && to === text.length ? text : text.slice(from, to), inComment: false };
  const output: Output = { text: '', length: 0 };
  if (to - from > BUFFERED_SLICE) output.buffer = new Uint16Array(to - from);
  let copyFrom = from;
  let inComment = startsInComment;
  let changed = false;
  while (index < to) {
    if (inComment) {
      const close = findCommentClose(text, index, to);
      if (close < 0) {
        index = to;
        break;
      }
      index = close + 3;
      inComment = false;
      continue;
    }
    const code = text.charCodeAt(index);
    if (code === 92) {
      if (index + 1 < to && isAsciiPunctuation(text.charCodeAt(index + 1))) {
        append(output, text, copyFrom, index);
        copyFrom = index + 1;
        index += 2;
        changed = true;
        continue;
      }
    } else if (code === 38) {
      const reference = readNumericReference(text, index, to);
      if (reference) {
        append(output, text, copyFrom, index);
        appendCharacter(output, reference.character);
        index = reference.end;
        copyFrom = index;
        changed = true;
        continue;
      }
    } else if (code === 60 && isCommentOpen(text, index, to) && isClosable(document, lineIndex, index)) {
      index += 4;
      inComment = true;
      continue;
    }
    index++;
  }
  if (!changed) return { value: from === 0 && to === text.length ? text : text.slice(from, to), inComment };
  append(output, text, copyFrom, to);
  return { value: finish(output), inComment };
}

const SPECIAL_CHARACTERS = ['\\', '&', '<'];

/** Index of the first `\\`, `&` or `<` in text[from, to), or `to` when there is none. */
function firstSpecial(text: string, from: number, to: number): number {
  let first = to;
  for (const character of SPECIAL_CHARACTERS) {
    const found = text.indexOf(character, from);
    if (found >= 0 && found < first) first = found;
  }
  return first;
}

/** `&#` + 1–7 decimal digits + `;`, or `&#x` + 1–6 hex digits + `;`, naming a code point up to U+10FFFF. */
function readNumericReference(text: string, index: number, to: number): { character: string; end: number } | undefined {
  if (text.charCodeAt(index + 1) !== 35) return undefined;
  let cursor = index + 2;
  const hex = text.charCodeAt(cursor) === 120 || text.charCodeAt(cursor) === 88;
  if (hex) cursor++;
  const digitsStart = cursor;
  const maxDigits = hex ? 6 : 7;
  let codePoint = 0;
  while (cursor < to && cursor - digitsStart < maxDigits) {
    const code = text.charCodeAt(cursor);
    let digit: number;
    if (code >= 48 && code <= 57) digit = code - 48;
    else if (hex && code >= 97 && code <= 102) digit = code - 87;
    else if (hex && code >= 65 && code <= 70) digit = code - 55;
    else break;
    codePoint = codePoint * (hex ? 16 : 10) + digit;
    cursor++;
  }
  if (cursor === digitsStart || cursor >= to || text.charCodeAt(cursor) !== 59 || codePoint > 0x10ffff) return undefined;
  // Surrogate code points come back as the lone code unit the renderer encoded.
  const character = codePoint <= 0xffff ? String.fromCharCode(codePoint) : String.fromCodePoint(codePoint);
  return { character, end: cursor + 1 };
}

/** Decodes a body line from `from` (an indentation cut) to its end, honouring what kind of line it is. */
export function decodeLine(document: SourceDocument, lineIndex: number, from = 0): string {
  const kind = document.kinds[lineIndex];
  const text = document.text[lineIndex] as string;
  if (kind === LINE_FENCED || kind === LINE_FENCE_OPEN) return from === 0 ? text : text.slice(from);
  return decodeSlice(document, lineIndex, text, from, text.length, kind === LINE_COMMENT).value;
}
