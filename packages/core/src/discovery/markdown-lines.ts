// What a single Markdown line is: heading, list item, thematic break, fence, table row. Hand scans, one pass per line.

const SPACE = 32;
const TAB = 9;
const BACKSLASH = 92;
const HASH = 35;
const PIPE = 124;

export function isSpaceOrTab(code: number): boolean {
  return code === SPACE || code === TAB;
}

export function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** CommonMark's ASCII punctuation: the characters a backslash escapes. */
export function isAsciiPunctuation(code: number): boolean {
  return (code >= 33 && code <= 47) || (code >= 58 && code <= 64) || (code >= 91 && code <= 96) || (code >= 123 && code <= 126);
}

/** Hand-written documents carry trailing spaces and tabs; they never mean anything here. */
export function stripTrailingWhitespace(line: string): string {
  let end = line.length;
  while (end > 0 && isSpaceOrTab(line.charCodeAt(end - 1))) end--;
  return end === line.length ? line : line.slice(0, end);
}

export type Indentation = {
  /** Width in columns (a tab advances to the next multiple of 4). */
  columns: number;
  /** Index of the first character that is not a space or tab. */
  end: number;
};

export function indentationOf(line: string): Indentation {
  let columns = 0;
  let index = 0;
  for (; index < line.length; index++) {
    const code = line.charCodeAt(index);
    if (code === SPACE) columns++;
    else if (code === TAB) columns += 4 - (columns % 4);
    else break;
  }
  return { columns, end: index };
}

/**
 * Where a line's text starts once `width` columns of indentation are removed (a list item's
 * continuation lines are indented under its content). A tab that crosses the width is removed whole.
 */
export function indentationCut(line: string, width: number): number {
  let columns = 0;
  let index = 0;
  while (index < line.length && columns < width) {
    const code = line.charCodeAt(index);
    if (code === SPACE) columns++;
    else if (code === TAB) columns += 4 - (columns % 4);
    else break;
    index++;
  }
  return index;
}

export type HeadingLine = {
  level: number;
  /** Index of the first `#`. */
  start: number;
  titleStart: number;
  titleEnd: number;
};

/** An ATX heading: up to three spaces, 1–6 `#`, then a space, a tab or the end; a closing `#` run is dropped. */
export function parseHeadingLine(line: string): HeadingLine | undefined {
  let start = 0;
  while (start < 3 && line.charCodeAt(start) === SPACE) start++;
  if (line.charCodeAt(start) !== HASH) return undefined;
  let index = start;
  while (index < line.length && line.charCodeAt(index) === HASH && index - start <= 6) index++;
  const level = index - start;
  if (level > 6) return undefined;
  if (index < line.length && !isSpaceOrTab(line.charCodeAt(index))) return undefined;
  while (index < line.length && isSpaceOrTab(line.charCodeAt(index))) index++;
  let titleEnd = line.length;
  while (titleEnd > index && isSpaceOrTab(line.charCodeAt(titleEnd - 1))) titleEnd--;
  // A closing sequence is a run of `#` preceded by a space or tab (or making up the whole title).
  let closing = titleEnd;
  while (closing > index && line.charCodeAt(closing - 1) === HASH) closing--;
  if (closing < titleEnd && (closing === index || isSpaceOrTab(line.charCodeAt(closing - 1)))) {
    titleEnd = closing;
    while (titleEnd > index && isSpaceOrTab(line.charCodeAt(titleEnd - 1))) titleEnd--;
  }
  return { level, start, titleStart: index, titleEnd };
}

/** `---`, `***`, `___` (three or more, spaces allowed between), at any indentation. */
export function isThematicBreak(line: string): boolean {
  const { end } = indentationOf(line);
  const marker = line.charCodeAt(end);
  if (marker !== 45 && marker !== 42 && marker !== 95) return false;
  let count = 0;
  for (let index = end; index < line.length; index++) {
    const code = line.charCodeAt(index);
    if (code === marker) count++;
    else if (!isSpaceOrTab(code)) return false;
  }
  return count >= 3;
}

export type ListMarker = {
  /** Index of the marker's first character. */
  start: number;
  /** Index where the item's text starts on this line. */
  contentStart: number;
  /** Column where continuation lines of this item start. */
  contentIndent: number;
};

/** `-`, `*`, `+`, `1.` or `1)` followed by a space, a tab or the end of the line. */
export function parseListMarker(line: string): ListMarker | undefined {
  const indentation = indentationOf(line);
  const start = indentation.end;
  const code = line.charCodeAt(start);
  let markerEnd: number;
  if (code === 45 || code === 42 || code === 43) {
    markerEnd = start + 1;
  } else if (isAsciiDigit(code)) {
    let index = start;
    while (index < line.length && isAsciiDigit(line.charCodeAt(index)) && index - start < 10) index++;
    const delimiter = line.charCodeAt(index);
    if (index - start > 9 || (delimiter !== 46 && delimiter !== 41)) return undefined;
    markerEnd = index + 1;
  } else {
    return undefined;
  }
  if (markerEnd < line.length && !isSpaceOrTab(line.charCodeAt(markerEnd))) return undefined;
  const markerColumns = indentation.columns + (markerEnd - start);
  let columns = markerColumns;
  let index = markerEnd;
  while (index < line.length && isSpaceOrTab(line.charCodeAt(index))) {
    columns += line.charCodeAt(index) === TAB ? 4 - (columns % 4) : 1;
    index++;
  }
  if (index === line.length) return { start, contentStart: index, contentIndent: markerColumns + 1 };
  // Five or more spaces after the marker: the item text starts one space in (CommonMark).
  if (columns - markerColumns > 4) return { start, contentStart: markerEnd + 1, contentIndent: markerColumns + 1 };
  return { start, contentStart: index, contentIndent: columns };
}

export type Fence = { marker: number; length: number };

/** A fence opener at `from`: three or more backticks or tildes (a backtick fence's info string has no backtick). */
export function parseFenceOpen(line: string, from: number): Fence | undefined {
  const marker = line.charCodeAt(from);
  if (marker !== 96 && marker !== 126) return undefined;
  let index = from;
  while (index < line.length && line.charCodeAt(index) === marker) index++;
  const length = index - from;
  if (length < 3) return undefined;
  if (marker === 96 && line.indexOf('`', index) >= 0) return undefined;
  return { marker, length };
}

/** A line that can close a fence: at any indentation, a run of one fence character and nothing else. */
export function parseFenceClose(line: string): Fence | undefined {
  const { end } = indentationOf(line);
  const marker = line.charCodeAt(end);
  if (marker !== 96 && marker !== 126) return undefined;
  let index = end;
  while (index < line.length && line.charCodeAt(index) === marker) index++;
  const length = index - end;
  if (length < 3) return undefined;
  for (let rest = index; rest < line.length; rest++) if (!isSpaceOrTab(line.charCodeAt(rest))) return undefined;
  return { marker, length };
}

/** True when `position` is preceded by an odd run of backslashes (counting no further back than `floor`). */
export function isEscapedAt(line: string, position: number, floor = 0): boolean {
  let count = 0;
  for (let index = position - 1; index >= floor && line.charCodeAt(index) === BACKSLASH; index--) count++;
  return count % 2 === 1;
}

/** Index of the first `|` not escaped by a backslash, from `from`; -1 when there is none. */
export function findUnescapedPipe(line: string, from = 0): number {
  for (let index = from; index < line.length; index++) {
    const code = line.charCodeAt(index);
    if (code === BACKSLASH && index + 1 < line.length && isAsciiPunctuation(line.charCodeAt(index + 1))) index++;
    else if (code === PIPE) return index;
  }
  return -1;
}

/** A table's delimiter row: cells of `-` with optional `:` at either end, separated by `|`. */
export function isTableDelimiterRow(line: string): boolean {
  if (line.indexOf('|') < 0) return false;
  const { end } = indentationOf(line);
  let cells = 0;
  let dashes = 0;
  let index = end;
  let cellHasContent = false;
  const finishCell = (): boolean => {
    if (!cellHasContent) return true;
    cells++;
    const valid = dashes > 0;
    dashes = 0;
    cellHasContent = false;
    return valid;
  };
  let sawColonAfterDash = false;
  for (; index < line.length; index++) {
    const code = line.charCodeAt(index);
    if (code === PIPE) {
      if (!finishCell()) return false;
      sawColonAfterDash = false;
    } else if (code === 45) {
      if (sawColonAfterDash) return false;
      dashes++;
      cellHasContent = true;
    } else if (code === 58) {
      if (dashes > 0) sawColonAfterDash = true;
      cellHasContent = true;
    } else if (!isSpaceOrTab(code)) {
      return false;
    }
  }
  return finishCell() && cells > 0;
}

/**
 * The cells of a table row as [start, end) ranges, split at unescaped `|`, outer pipes dropped, cells
 * trimmed; at most `limit` of them (a caller that needs two cells need not split a million).
 */
export function tableCells(line: string, limit = Number.POSITIVE_INFINITY): [number, number][] {
  const cells: [number, number][] = [];
  const { end: first } = indentationOf(line);
  let start = first;
  if (line.charCodeAt(start) === PIPE) start++;
  for (;;) {
    const pipe = findUnescapedPipe(line, start);
    const cellEnd = pipe < 0 ? line.length : pipe;
    let from = start;
    let to = cellEnd;
    while (from < to && isSpaceOrTab(line.charCodeAt(from))) from++;
    while (to > from && isSpaceOrTab(line.charCodeAt(to - 1))) to--;
    // The text after a closing pipe is not a cell.
    if (pipe >= 0 || from < to) cells.push([from, to]);
    if (pipe < 0 || cells.length >= limit) break;
    start = pipe + 1;
    if (start >= line.length) break;
  }
  return cells;
}
