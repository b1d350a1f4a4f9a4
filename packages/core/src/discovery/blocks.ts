// Groups a section's lines into list items, paragraphs and table rows, following CommonMark's list rules
// closely enough for hand-written records: continuation lines, lazy lines, nested lists kept as item text.
import {
  findUnescapedPipe,
  indentationCut,
  indentationOf,
  isTableDelimiterRow,
  isThematicBreak,
  parseListMarker,
  tableCells,
} from './markdown-lines';
import { LINE_BLANK, LINE_COMMENT, LINE_FENCED, LINE_TEXT, decodeLine, decodeSlice, type SourceDocument } from './source-document';

/** Blank lines and thematic breaks separate blocks and are dropped at the edges of a text. */
export function isSeparator(document: SourceDocument, line: number): boolean {
  const kind = document.kinds[line];
  return kind === LINE_BLANK || (kind === LINE_TEXT && isThematicBreak(document.text[line] as string));
}

/**
 * Lines [first, end) as one text, decoded and as written (indentation kept), without separators at
 * either end. `first` is the line the text starts on, or -1 when there is no text.
 */
export function readTextRange(document: SourceDocument, first: number, end: number): { value: string; first: number } {
  let start = first;
  let stop = end;
  while (start < stop && isSeparator(document, start)) start++;
  while (stop > start && isSeparator(document, stop - 1)) stop--;
  const lines: string[] = [];
  for (let line = start; line < stop; line++) lines.push(document.kinds[line] === LINE_BLANK ? '' : decodeLine(document, line));
  return { value: lines.join('\n'), first: start < stop ? start : -1 };
}

export type TextBlock = {
  type: 'item' | 'paragraph';
  /** 0-based line where the block starts. */
  line: number;
  /** 0-based index where its text starts on that line (after the list marker). */
  contentStart: number;
  /** 0-based index of the list marker (or of the paragraph's first character). */
  markerColumn: number;
  /** Column where continuation lines start (paragraphs: 0). */
  contentIndent: number;
  /** The decoded lines after the first, blank lines as ''. */
  rest: string[];
};

export type RowBlock = { type: 'row'; line: number; markerColumn: number; cells: string[] };

export type Block = TextBlock | RowBlock;

/** Whether the text at `line` starts a table: a leading `|`, or a `|` with a delimiter row right below. */
function startsTable(document: SourceDocument, line: number, end: number): boolean {
  const text = document.text[line] as string;
  if (text.charCodeAt(indentationOf(text).end) === 124) return true;
  if (findUnescapedPipe(text) < 0 || line + 1 >= end || document.kinds[line + 1] !== LINE_TEXT) return false;
  return isTableDelimiterRow(document.text[line + 1] as string);
}

function readRow(document: SourceDocument, line: number): RowBlock {
  const text = document.text[line] as string;
  const markerColumn = indentationOf(text).end;
  // Only a two-cell row is an entry, so a third cell is as far as splitting needs to go.
  const ranges = tableCells(text, 3);
  if (ranges.length !== 2) return { type: 'row', line, markerColumn, cells: ranges.map(() => '') };
  const cells: string[] = [];
  let inComment = false;
  for (const [from, to] of ranges) {
    const decoded = decodeSlice(document, line, text, from, to, inComment);
    cells.push(decoded.value);
    inComment = decoded.inComment;
  }
  return { type: 'row', line, markerColumn, cells };
}

/**
 * Reads lines [first, end) into blocks. A marker line starts an item unless it is indented into the
 * current item's content (then it is part of that item's text); indented lines continue the item, as do
 * lines right after it (lazy continuation); after a blank line an unindented line starts a paragraph.
 * Thematic breaks separate blocks. With `tables`, pipe rows become row blocks (header and delimiter rows skipped).
 */
export function readBlocks(document: SourceDocument, first: number, end: number, tables: boolean): Block[] {
  const blocks: Block[] = [];
  let current: TextBlock | undefined;
  let blankLines = 0;
  let inTable = false;
  const continueWith = (block: TextBlock, line: number, from: number) => {
    for (; blankLines > 0; blankLines--) block.rest.push('');
    block.rest.push(decodeLine(document, line, from));
  };
  for (let line = first; line < end; line++) {
    const kind = document.kinds[line];
    if (kind === LINE_BLANK) {
      if (current) blankLines++;
      inTable = false;
      continue;
    }
    const text = document.text[line] as string;
    if (kind === LINE_FENCED || kind === LINE_COMMENT) {
      // Code and comment lines always belong to what is open.
      if (current) continueWith(current, line, current.type === 'item' ? indentationCut(text, current.contentIndent) : 0);
      else {
        current = { type: 'paragraph', line, contentStart: 0, markerColumn: 0, contentIndent: 0, rest: [] };
        blocks.push(current);
      }
      continue;
    }
    const indentation = indentationOf(text);
    if (current?.type === 'item' && indentation.columns >= current.contentIndent) {
      continueWith(current, line, indentationCut(text, current.contentIndent));
      continue;
    }
    if (kind === LINE_TEXT && isThematicBreak(text)) {
      current = undefined;
      blankLines = 0;
      inTable = false;
      continue;
    }
    const marker = kind === LINE_TEXT ? parseListMarker(text) : undefined;
    if (marker) {
      current = { type: 'item', line, contentStart: marker.contentStart, markerColumn: marker.start, contentIndent: marker.contentIndent, rest: [] };
      blocks.push(current);
      blankLines = 0;
      inTable = false;
      continue;
    }
    if (tables && kind === LINE_TEXT && (inTable ? findUnescapedPipe(text) >= 0 : startsTable(document, line, end))) {
      inTable = true;
      current = undefined;
      blankLines = 0;
      const isHeader = line + 1 < end && document.kinds[line + 1] === LINE_TEXT && isTableDelimiterRow(document.text[line + 1] as string);
      if (!isHeader && !isTableDelimiterRow(text)) blocks.push(readRow(document, line));
      continue;
    }
    inTable = false;
    if (current && blankLines === 0) {
      continueWith(current, line, current.type === 'item' ? indentationCut(text, current.contentIndent) : 0);
      continue;
    }
    current = { type: 'paragraph', line, contentStart: 0, markerColumn: indentation.end, contentIndent: 0, rest: [] };
    blocks.push(current);
    blankLines = 0;
  }
  return blocks;
}

/** The whole decoded text of an item or paragraph. */
export function blockText(document: SourceDocument, block: TextBlock, firstLine = decodeLine(document, block.line, block.contentStart)): string {
  return block.rest.length === 0 ? firstLine : `${firstLine}\n${block.rest.join('\n')}`;
}
