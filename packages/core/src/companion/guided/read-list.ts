// Reads list answers (one item per bullet, number or line) and `Key: value` entries out of an Operator
// message. One pass over the lines, no backtracking: linear in the length of the message.

/** Where a piece of the answer sits in the (line-ending-normalised) message. */
export type TextSpan = { start: number; end: number };

export type ListItem = TextSpan & { text: string; bulleted: boolean };

export type EntryItem = TextSpan & { key: string; value: string; bulleted: boolean };

export type ReadEntriesResult = { ok: true; entries: EntryItem[] } | { ok: false };

type Line = { start: number; end: number };

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end < 0) {
      lines.push({ start, end: text.length });
      return lines;
    }
    lines.push({ start, end });
    start = end + 1;
  }
}

function isBlank(text: string, line: Line): boolean {
  return text.slice(line.start, line.end).trim() === '';
}

function indentationOf(text: string, line: Line): number {
  let index = line.start;
  while (index < line.end && (text[index] === ' ' || text[index] === '\t')) index++;
  return index - line.start;
}

function isSpace(character: string | undefined): boolean {
  return character === ' ' || character === '\t';
}

const BULLETS = new Set(['-', '*', '+', '•']);
const MAX_NUMBER_DIGITS = 9;

/**
 * Where an item's content starts in `line` (a bullet `-`, `*`, `+`, `•` or a number `1.` / `1)`, after any
 * indentation, followed by a space or the end of the line), relative to the line start; undefined when the
 * line has no marker.
 */
export function parseListMarker(line: string): number | undefined {
  let index = 0;
  while (isSpace(line[index])) index++;
  const first = line[index];
  if (first !== undefined && BULLETS.has(first)) {
    index++;
  } else {
    const digitsStart = index;
    while (index < line.length && index - digitsStart < MAX_NUMBER_DIGITS + 1 && line[index]! >= '0' && line[index]! <= '9') index++;
    const digits = index - digitsStart;
    if (digits === 0 || digits > MAX_NUMBER_DIGITS || (line[index] !== '.' && line[index] !== ')')) return undefined;
    index++;
  }
  if (index < line.length && !isSpace(line[index])) return undefined;
  while (isSpace(line[index])) index++;
  return index;
}

type OpenItem = { lines: string[]; start: number; end: number; contentIndent: number; bulleted: boolean; blankLines: Line[] };

/** The line without the indentation that puts it under the item (blank lines keep any whitespace past it). */
function lineUnder(item: OpenItem, text: string, line: Line): string {
  return text.slice(line.start + Math.min(indentationOf(text, line), item.contentIndent), line.end);
}

/** Adds a line to the item, with the blank lines before it: inside an item they are part of its text. */
function continueItem(item: OpenItem, text: string, line: Line): void {
  for (const blank of item.blankLines) item.lines.push(lineUnder(item, text, blank));
  item.blankLines = [];
  item.lines.push(lineUnder(item, text, line));
  item.end = line.end;
}

/**
 * The items of a list answer: one per bullet, number or line; lines indented under a bullet continue its
 * item (joined with a line break, as the write-up keeps them); empty items are dropped. Semicolons split an
 * answer only when it is a single unbulleted line. A leading unbulleted line ending in ':' before bulleted
 * items ("Here are the rules:") introduces them and is not an item.
 */
export function readListItems(text: string): ListItem[] {
  const lines = splitLines(text);
  const filled = lines.filter((line) => !isBlank(text, line));
  if (filled.length === 1) return readSingleLine(text, filled[0] as Line);

  const open: OpenItem[] = [];
  let current: OpenItem | undefined;
  for (const line of lines) {
    if (isBlank(text, line)) {
      current?.blankLines.push(line);
      continue;
    }
    const indentation = indentationOf(text, line);
    const marker = parseListMarker(text.slice(line.start, line.end));
    if (current?.bulleted && indentation > 0 && (marker === undefined || indentation >= current.contentIndent)) {
      continueItem(current, text, line);
      continue;
    }
    const contentStart = marker ?? indentation;
    current = {
      lines: [text.slice(line.start + contentStart, line.end)],
      start: line.start + contentStart,
      end: line.end,
      contentIndent: contentStart,
      bulleted: marker !== undefined,
      blankLines: [],
    };
    open.push(current);
  }
  const items = open
    .map((item): ListItem => ({ text: item.lines.join('\n').trim(), start: item.start, end: item.end, bulleted: item.bulleted }))
    .filter((item) => item.text !== '');
  return dropIntroduction(items, (item) => item.text.endsWith(':'));
}

function readSingleLine(text: string, line: Line): ListItem[] {
  const content = text.slice(line.start, line.end);
  const marker = parseListMarker(content);
  if (marker !== undefined) {
    const item = content.slice(marker).trim();
    return item === '' ? [] : [{ text: item, start: line.start + marker, end: line.end, bulleted: true }];
  }
  const items: ListItem[] = [];
  let start = line.start;
  for (let index = line.start; index <= line.end; index++) {
    if (index < line.end && text[index] !== ';') continue;
    const item = text.slice(start, index).trim();
    if (item !== '') items.push({ text: item, start, end: index, bulleted: false });
    start = index + 1;
  }
  return items;
}

function dropIntroduction<Item extends { bulleted: boolean }>(items: Item[], introduces: (item: Item) => boolean): Item[] {
  const [first, ...rest] = items;
  if (first && !first.bulleted && rest.length > 0 && rest.every((item) => item.bulleted) && introduces(first)) return rest;
  return items;
}

/** Index of the first colon followed by a space, a tab or the end of `content`; -1 when there is none. */
function entryColon(content: string): number {
  let index = content.indexOf(':');
  while (index >= 0) {
    if (index + 1 === content.length || isSpace(content[index + 1])) return index;
    index = content.indexOf(':', index + 1);
  }
  return -1;
}

type OpenEntry = OpenItem & { key: string };

/** How far lines continuing a plain `Key: value` line are indented (as the scripted Operator writes them). */
const PLAIN_LINE_CONTINUATION_INDENT = 2;

/**
 * `Key: value` entries, one per line (bullets allowed), split at the first colon followed by a space or the
 * end of the line. Indented lines continue the value above (a marker line only when indented to its content). Any other line makes the whole
 * answer unreadable as entries. A leading unbulleted `Something:` line with no value before bulleted entries
 * introduces them and is not an entry.
 */
export function readEntries(text: string): ReadEntriesResult {
  const open: OpenEntry[] = [];
  let current: OpenEntry | undefined;
  for (const line of splitLines(text)) {
    if (isBlank(text, line)) {
      current?.blankLines.push(line);
      continue;
    }
    const indentation = indentationOf(text, line);
    const marker = parseListMarker(text.slice(line.start, line.end));
    if (current && indentation > 0 && (marker === undefined || indentation >= current.contentIndent)) {
      continueItem(current, text, line);
      continue;
    }
    const contentStart = marker ?? indentation;
    const content = text.slice(line.start + contentStart, line.end);
    const colon = entryColon(content);
    const key = colon < 0 ? '' : content.slice(0, colon).trim();
    if (key === '') return { ok: false };
    current = {
      key,
      lines: [content.slice(colon + 1)],
      start: line.start + contentStart,
      end: line.end,
      // Continuation lines lose the indentation up to a bullet's content, or two columns under a plain line.
      contentIndent: marker !== undefined ? contentStart : indentation + PLAIN_LINE_CONTINUATION_INDENT,
      bulleted: marker !== undefined,
      blankLines: [],
    };
    open.push(current);
  }
  const entries = open.map(
    (entry): EntryItem => ({ key: entry.key, value: entry.lines.join('\n').trim(), start: entry.start, end: entry.end, bulleted: entry.bulleted }),
  );
  if (entries.length === 0) return { ok: false };
  return { ok: true, entries: dropIntroduction(entries, (entry) => entry.value === '') };
}
