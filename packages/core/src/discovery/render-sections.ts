// The Markdown body shared by the Discovery record and the brief: title, field sections, list items, entries.
import { FIELDS, type FieldDefinition } from '../fields';
import { LoomworksError } from '../errors';
import { normalizeText, type Seed, type SeedDraft } from '../seed';
import { escapeLine } from './escape';
import { NOTHING_ELSE } from './format';
import { isThematicBreak } from './markdown-lines';

const CONTINUATION_INDENT = '  ';

/** A value's lines escaped; inner blank lines stay empty so they read as blank. */
export function valueLines(value: string): string[] {
  return value.split('\n').map((line) => (line === '' ? '' : escapeLine(line, { lineStart: true })));
}

/** A list item: `- ` + first line, further lines indented two spaces under it. */
export function listItemLines(firstLinePrefix: string, value: string, firstLineOptions = { lineStart: true }): string[] {
  const [first = '', ...rest] = value.split('\n');
  let firstLine = escapeLine(first, firstLineOptions);
  // "- " + "--" is the thematic break "- --": the marker and the text only read as structure together.
  if (isThematicBreak(firstLinePrefix + firstLine)) firstLine = `\\${firstLine}`;
  return [
    `${firstLinePrefix}${firstLine}`,
    ...rest.map((line) => (line === '' ? '' : `${CONTINUATION_INDENT}${escapeLine(line, { lineStart: true })}`)),
  ];
}

export function headingLine(level: number, title: string): string {
  return `${'#'.repeat(level)} ${escapeLine(title, { trailingHashes: true })}`;
}

/** The lines under one field's heading; `undefined` when the draft does not have the field. */
export function fieldContentLines(field: FieldDefinition, seed: SeedDraft): string[] | undefined {
  const value = seed[field.key];
  if (value === undefined) return undefined;
  if (field.type === 'text') return valueLines(value as string);
  if (field.type === 'list') return (value as string[]).flatMap((item) => listItemLines('- ', item));
  const entries = value as Seed['additionalAssertions'];
  if (entries.length === 0) return [NOTHING_ELSE];
  return entries.flatMap((entry) => listItemLines(`- **${escapeLine(entry.key, { asterisks: true })}:** `, entry.value, { lineStart: false }));
}

/** The sections of every field the draft has, in field order, each followed by a blank line. */
export function fieldSectionLines(seed: SeedDraft, heading: (field: FieldDefinition) => string): string[] {
  const lines: string[] = [];
  for (const field of FIELDS) {
    const content = fieldContentLines(field, seed);
    if (content === undefined) continue;
    lines.push(heading(field), ...content, '');
  }
  return lines;
}

function invalid(path: string, expected: string): never {
  throw new LoomworksError('E_INVALID_SEED', `Cannot render the Seed: ${path} must be ${expected}.`, { details: { path } });
}

/**
 * Checks the shape (not the limits: a draft may be incomplete) and normalises every text the way
 * `seedSchema` does, so no carriage return or outer whitespace reaches the document.
 */
export function normalizeDraft(seed: Seed | SeedDraft): SeedDraft {
  if (typeof seed !== 'object' || seed === null) invalid('the Seed', 'an object');
  const source = seed as Record<string, unknown>;
  const draft: SeedDraft = {};
  for (const key of ['name', 'purpose', 'audience', 'voice'] as const) {
    const value = source[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') invalid(key, 'text');
    draft[key] = normalizeText(value);
  }
  for (const key of ['constraints', 'success'] as const) {
    const value = source[key];
    if (value === undefined) continue;
    if (!Array.isArray(value)) invalid(key, 'a list of texts');
    draft[key] = value.map((item: unknown, index) => {
      if (typeof item !== 'string') invalid(`${key}[${index}]`, 'text');
      return normalizeText(item);
    });
  }
  const entries = source.additionalAssertions;
  if (entries !== undefined) {
    if (!Array.isArray(entries)) invalid('additionalAssertions', 'a list of { key, value } entries');
    draft.additionalAssertions = entries.map((entry: unknown, index) => {
      const { key, value } = (entry ?? {}) as Record<string, unknown>;
      if (typeof key !== 'string' || typeof value !== 'string') invalid(`additionalAssertions[${index}]`, 'a { key, value } entry of texts');
      return { key: normalizeText(key), value: normalizeText(value) };
    });
  }
  return draft;
}

/** An ISO timestamp from a string (kept as given) or a Date. */
export function createdText(created: string | Date | undefined): string | undefined {
  if (created === undefined || typeof created === 'string') return created;
  if (!(created instanceof Date) || Number.isNaN(created.getTime())) {
    throw new LoomworksError('E_INVALID_INPUT', 'The "created" option must be a valid date or an ISO timestamp.');
  }
  return created.toISOString();
}
