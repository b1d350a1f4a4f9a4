// Field 6: entries as list items (`**Key:** value`, `**Key**: value`, `Key: value`, `Key — value`, …),
// two-column table rows, or sub-headings followed by text.
import type { ExtractionIssue } from './issue-codes';
import { blockText, readBlocks, readTextRange, type TextBlock } from './blocks';
import { NOTHING_ELSE } from './format';
import { isAsciiPunctuation, isSpaceOrTab, parseHeadingLine, type HeadingLine } from './markdown-lines';
import { headingTitle, type Section } from './sections';
import { LINE_HEADING, decodeSlice, type SourceDocument } from './source-document';

export type Position = { line: number; column: number };

export type EntryCandidate = { key: string; value: string; position: Position };

const ASTERISK = 42;
const COLON = 58;
const BACKSLASH = 92;

/** Paragraphs that say Field 6 is empty ("Nothing else.", "None", "N/A"). */
const NOTHING_WORDS = new Set(['nothing else', 'nothing', 'none', 'n a', normalizeSentence(NOTHING_ELSE)]);

function normalizeSentence(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Index of the first `**` at or after `from` that is not escaped; -1 when there is none. */
function findClosingBold(text: string, from: number): number {
  for (let index = from; index + 1 < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === BACKSLASH && isAsciiPunctuation(text.charCodeAt(index + 1))) index++;
    else if (code === ASTERISK && text.charCodeAt(index + 1) === ASTERISK) return index;
  }
  return -1;
}

/** A dash separator at `index`: an em dash, en dash or hyphen with a space or tab before it and a space, tab or end after. */
function isSpacedDash(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code !== 0x2014 && code !== 0x2013 && code !== 45) return false;
  return isSpaceOrTab(text.charCodeAt(index - 1)) && (index + 1 === text.length || isSpaceOrTab(text.charCodeAt(index + 1)));
}

type Split = { keyFrom: number; keyTo: number; valueFrom: number };

/**
 * Splits an entry line's text (from `start`) into key and value. Bold forms first (`**Key:**`, `**Key**:`,
 * `**Key** — value`), then the plain forms: the earliest of the first unescaped colon followed by a space
 * (or the end) and the first spaced dash. A colon with no space after it ("16:9", "https://") does not split.
 */
export function splitEntry(text: string, start: number): Split | undefined {
  if (text.charCodeAt(start) === ASTERISK && text.charCodeAt(start + 1) === ASTERISK) {
    const close = findClosingBold(text, start + 2);
    if (close > start + 2) {
      const last = close - 1;
      if (text.charCodeAt(last) === COLON && !isEscapedColon(text, last, start + 2)) return { keyFrom: start + 2, keyTo: last, valueFrom: close + 2 };
      let after = close + 2;
      while (after < text.length && isSpaceOrTab(text.charCodeAt(after))) after++;
      if (text.charCodeAt(after) === COLON) return { keyFrom: start + 2, keyTo: close, valueFrom: after + 1 };
      if (after > close + 2 && isSpacedDash(text, after)) return { keyFrom: start + 2, keyTo: close, valueFrom: after + 1 };
    }
  }
  for (let index = start; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === BACKSLASH && index + 1 < text.length && isAsciiPunctuation(text.charCodeAt(index + 1))) {
      index++;
      continue;
    }
    if (code === COLON && (index + 1 === text.length || isSpaceOrTab(text.charCodeAt(index + 1)))) return { keyFrom: start, keyTo: index, valueFrom: index + 1 };
    if (index > start && isSpacedDash(text, index)) return { keyFrom: start, keyTo: index - 1, valueFrom: index + 1 };
  }
  return undefined;
}

function isEscapedColon(text: string, colon: number, floor: number): boolean {
  let count = 0;
  for (let index = colon - 1; index >= floor && text.charCodeAt(index) === BACKSLASH; index--) count++;
  return count % 2 === 1;
}

function entryFromItem(document: SourceDocument, block: TextBlock, issues: ExtractionIssue[]): EntryCandidate | undefined {
  const text = document.text[block.line] as string;
  const position = { line: block.line + 1, column: block.markerColumn + 1 };
  const split = splitEntry(text, block.contentStart);
  if (!split) {
    issues.push({
      code: 'EXTRACT_INVALID_ENTRY',
      message: 'This line in Field 6 is not an entry; write it as "- **Key:** value".',
      ...position,
      field: 'additionalAssertions',
    });
    return undefined;
  }
  const key = decodeSlice(document, block.line, text, split.keyFrom, split.keyTo, false);
  const value = decodeSlice(document, block.line, text, split.valueFrom, text.length, key.inComment);
  return { key: key.value, value: blockText(document, block, value.value), position };
}

/** Reads Field 6's entries; lines that are not entries become EXTRACT_INVALID_ENTRY issues. */
export function readEntries(document: SourceDocument, section: Section, issues: ExtractionIssue[]): EntryCandidate[] {
  const entries: EntryCandidate[] = [];
  // Sub-headings split the section: what comes before the first one holds list or table entries.
  let headingEntriesStart = section.end;
  for (let line = section.first; line < section.end; line++) {
    if (document.kinds[line] === LINE_HEADING) {
      headingEntriesStart = line;
      break;
    }
  }
  for (const block of readBlocks(document, section.first, headingEntriesStart, true)) {
    if (block.type === 'row') {
      const position = { line: block.line + 1, column: block.markerColumn + 1 };
      if (block.cells.length === 2) entries.push({ key: block.cells[0] as string, value: block.cells[1] as string, position });
      else
        issues.push({
          code: 'EXTRACT_INVALID_ENTRY',
          message: `This table row has ${block.cells.length < 2 ? 'one cell' : 'more than two cells'}; a Field 6 table has two: key and value.`,
          ...position,
          field: 'additionalAssertions',
        });
    } else if (block.type === 'item') {
      const entry = entryFromItem(document, block, issues);
      if (entry) entries.push(entry);
    } else if (!NOTHING_WORDS.has(normalizeSentence(blockText(document, block)))) {
      issues.push({
        code: 'EXTRACT_INVALID_ENTRY',
        message: 'This text in Field 6 is not an entry; write each entry as "- **Key:** value".',
        line: block.line + 1,
        column: block.markerColumn + 1,
        field: 'additionalAssertions',
      });
    }
  }
  // Each sub-heading one level below Field 6 is a key; what follows it, down to the next one, is its value.
  let entryLevel = 0;
  let current: { key: string; first: number; position: Position } | undefined;
  const finish = (end: number) => {
    if (current) entries.push({ key: current.key, value: readTextRange(document, current.first, end).value, position: current.position });
  };
  for (let line = headingEntriesStart; line < section.end; line++) {
    if (document.kinds[line] !== LINE_HEADING) continue;
    const heading = parseHeadingLine(document.text[line] as string) as HeadingLine;
    if (entryLevel !== 0 && heading.level > entryLevel) continue;
    entryLevel ||= heading.level;
    finish(line);
    current = { key: headingTitle(document, line, heading), first: line + 1, position: { line: line + 1, column: heading.start + 1 } };
  }
  finish(section.end);
  return entries;
}
