// A Seed as people read it in a terminal: the name, then the six fields by number and title, every one
// shown (a missing one says so), list items as bullets, Field 6 entries as `Key: value`.
import { FIELDS, type SeedDraft } from '@loomworks/core';

const INDENT = '   ';

export type SeedLinesOptions = {
  /** Start with the name (default true); off where the name is already the heading. */
  name?: boolean;
};

/** The lines of a readable Seed (a draft shows which parts are missing). */
export function seedLines(seed: SeedDraft, options: SeedLinesOptions = {}): string[] {
  const lines: string[] = [];
  if (options.name !== false) lines.push(typeof seed.name === 'string' ? seed.name : '(no name yet)');
  for (const field of FIELDS) {
    if (lines.length > 0) lines.push('');
    lines.push(`${field.number}. ${field.title}`);
    const value = seed[field.key];
    if (value === undefined) {
      lines.push(`${INDENT}(missing)`);
    } else if (typeof value === 'string') {
      lines.push(...indent(value, INDENT));
    } else if (value.length === 0) {
      lines.push(`${INDENT}(none)`);
    } else {
      for (const item of value) lines.push(...indent(typeof item === 'string' ? item : `${item.key}: ${item.value}`, `${INDENT}- `, `${INDENT}  `));
    }
  }
  return lines;
}

/** `text` with `first` before its first line and `rest` before each later one. */
function indent(text: string, first: string, rest = first): string[] {
  return text.split('\n').map((line, index) => `${index === 0 ? first : rest}${line}`.trimEnd());
}
