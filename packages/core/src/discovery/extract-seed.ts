// extractSeed: a Discovery record (or a brief, or a hand-written document in the same shape) → a candidate Seed.
// Tolerant of hand edits (SPEC §4.2), never throws, linear in the input; limits come from the Seed schemas.
import type { z } from 'zod';
import { FIELDS, getField, type FieldKey } from '../fields';
import { fieldSchemas, nameSchema, normalizeText, seedSchema, type AssertionEntry, type Seed, type SeedDraft } from '../seed';
import { blockText, isSeparator, readBlocks, readTextRange } from './blocks';
import { readEntries, type EntryCandidate, type Position } from './entries';
import { BRIEF_FORMAT, DISCOVERY_RECORD_FORMAT, type DiscoveryMetadata } from './format';
import { readFrontmatter, type FrontmatterResult } from './frontmatter';
import { nameFromTitle } from './headings';
import type { ExtractionIssue, ExtractionIssueCode } from './issue-codes';
import { collectSections, type Section } from './sections';
import { decodeLine, readSourceDocument, sourceHints, splitLines, type SourceDocument } from './source-document';

/** No options yet; an object so options can be added without breaking callers. */
export type ExtractSeedOptions = Record<string, never>;

export type ExtractSeedResult =
  | { ok: true; seed: Seed; warnings: ExtractionIssue[]; metadata: DiscoveryMetadata }
  | { ok: false; issues: ExtractionIssue[]; warnings: ExtractionIssue[]; partial: SeedDraft; metadata: DiscoveryMetadata };

const KNOWN_FORMATS = new Set<string>([DISCOVERY_RECORD_FORMAT, BRIEF_FORMAT]);

type Located<T> = { value: T; position: Position };
type ListCandidate = { items: string[]; positions: Position[] };
type SchemaIssue = z.core.$ZodIssue;

function headingPosition(section: Section): Position {
  return { line: section.headingLine + 1, column: section.headingColumn + 1 };
}

function firstCharacterPosition(document: SourceDocument, line: number): Position {
  const text = document.text[line] as string;
  let index = 0;
  while (index < text.length && (text.charCodeAt(index) === 32 || text.charCodeAt(index) === 9)) index++;
  return { line: line + 1, column: index + 1 };
}

function isEmptySection(document: SourceDocument, section: Section): boolean {
  for (let line = section.first; line < section.end; line++) if (!isSeparator(document, line)) return false;
  return true;
}

/** A text field: its lines as written (decoded), without blank lines or thematic breaks at either end. */
function readText(document: SourceDocument, section: Section): Located<string> {
  const text = readTextRange(document, section.first, section.end);
  return { value: text.value, position: text.first < 0 ? headingPosition(section) : firstCharacterPosition(document, text.first) };
}

/** A list field: its items, or each paragraph as one item. */
function readList(document: SourceDocument, section: Section): ListCandidate {
  const items: string[] = [];
  const positions: Position[] = [];
  for (const block of readBlocks(document, section.first, section.end, false)) {
    if (block.type === 'row') continue;
    items.push(blockText(document, block));
    positions.push({ line: block.line + 1, column: block.markerColumn + 1 });
  }
  return { items, positions };
}

/** The name section's first line; later lines are reported and ignored. */
function readNameSection(document: SourceDocument, section: Section, warnings: ExtractionIssue[]): Located<string> | undefined {
  let name: Located<string> | undefined;
  for (let line = section.first; line < section.end; line++) {
    if (isSeparator(document, line)) continue;
    if (name) {
      warnings.push({
        code: 'EXTRACT_NAME_EXTRA_LINES',
        message: 'The name is the first line of its section; the lines after it were ignored.',
        ...firstCharacterPosition(document, line),
        field: 'name',
      });
      break;
    }
    name = { value: decodeLine(document, line), position: firstCharacterPosition(document, line) };
  }
  return name;
}

function fieldLabel(field: FieldKey | 'name'): string {
  if (field === 'name') return 'The name';
  const definition = getField(field);
  return `Field ${definition.number} (${definition.title})`;
}

/** Turns one schema issue into an extraction issue at the place in the document it is about. */
function schemaIssue(field: FieldKey | 'name', issue: SchemaIssue, locate: (index: number | undefined) => Position): ExtractionIssue {
  const label = fieldLabel(field);
  const index = typeof issue.path[0] === 'number' ? issue.path[0] : undefined;
  const part = issue.path[1] === 'key' ? ' key' : issue.path[1] === 'value' ? ' value' : '';
  const noun = field === 'additionalAssertions' ? 'entry' : 'item';
  const where = index === undefined ? label : `${label}, ${noun} ${index + 1}${part}`;
  const base = { field };
  if (issue.code === 'too_big') {
    const maximum = Number(issue.maximum);
    if (issue.origin === 'array') {
      return { code: 'EXTRACT_TOO_MANY_ITEMS', message: `${label} has more than ${maximum} ${noun === 'entry' ? 'entries' : 'items'}.`, ...locate(maximum), ...base };
    }
    return { code: 'EXTRACT_TOO_LONG', message: `${where} is longer than ${maximum} characters.`, ...locate(index), ...base };
  }
  if (issue.code === 'too_small') {
    const code: ExtractionIssueCode = index === undefined ? 'EXTRACT_EMPTY_FIELD' : 'EXTRACT_EMPTY_ITEM';
    const message = issue.origin === 'array' ? `${label} has no items.` : `${where} is empty.`;
    return { code, message, ...locate(index), ...base };
  }
  if (issue.code === 'invalid_format' && field === 'name') {
    return { code: 'EXTRACT_NAME_MULTILINE', message: 'The name must be a single line.', ...locate(index), ...base };
  }
  // Field 6 keys must be one line; nothing else reaches here, since every value read is a string.
  return { code: 'EXTRACT_INVALID_ENTRY', message: `${where}: ${issue.message}.`, ...locate(index), ...base };
}

function sortByPosition(issues: ExtractionIssue[]): ExtractionIssue[] {
  return issues.sort((first, second) => first.line - second.line || first.column - second.column);
}

type SectionsByRole = { fields: Map<FieldKey, Section>; name?: Section; title?: Section };

/** The first section of each field and of the name; a second one is an issue. */
function sectionsByRole(document: SourceDocument, sections: Section[], issues: ExtractionIssue[]): SectionsByRole {
  const roles: SectionsByRole = { fields: new Map() };
  for (const section of sections) {
    if (section.kind === 'title') roles.title = section;
    if (section.kind !== 'field' && section.kind !== 'name') continue;
    const key = section.key;
    const earlier = key ? roles.fields.get(key) : roles.name;
    // "## 1. What we're making" holding only "### Name" and "### Purpose" is one Field 1, not two.
    if (earlier && !(isEmptySection(document, earlier) && section.level > earlier.level)) {
      const field = key ?? 'name';
      issues.push({ code: 'EXTRACT_DUPLICATE_SECTION', message: `${fieldLabel(field)} already has a section above; this one was ignored.`, ...headingPosition(section), field });
      continue;
    }
    if (key) roles.fields.set(key, section);
    else roles.name = section;
  }
  return roles;
}

/** The name: frontmatter `engagement:`, else the name section's first line, else the title; others that differ are warned about. */
function resolveName(document: SourceDocument, frontmatter: FrontmatterResult, roles: SectionsByRole, warnings: ExtractionIssue[]): Located<string> | undefined {
  const sources: Located<string>[] = [];
  const engagement = frontmatter.metadata.engagement;
  if (engagement !== undefined && normalizeText(engagement) !== '') sources.push({ value: engagement, position: { line: (frontmatter.lines.engagement ?? 0) + 1, column: 1 } });
  const fromSection = roles.name ? readNameSection(document, roles.name, warnings) : undefined;
  if (fromSection) sources.push(fromSection);
  const title = roles.title?.title;
  const fromTitle = roles.title && title !== undefined ? { value: normalizeText(nameFromTitle(title)), position: headingPosition(roles.title) } : undefined;
  if (fromTitle && fromTitle.value !== '') sources.push(fromTitle);
  const name = sources[0];
  if (!name) return undefined;
  const agrees = (text: string) => normalizeText(text) === normalizeText(name.value);
  for (const other of sources.slice(1)) {
    // A title that is the name in full (even a name ending in "— Discovery record") agrees with it too.
    if (agrees(other.value) || (other === fromTitle && agrees(title ?? ''))) continue;
    const message = `This name differs from the one used, "${normalizeText(name.value).slice(0, 60)}".`;
    warnings.push({ code: 'EXTRACT_NAME_MISMATCH', message, ...other.position, field: 'name' });
  }
  return name;
}

/** What the document says for each field it has a section for, with where each value is. */
type Candidate = {
  name?: Located<string>;
  texts: Map<FieldKey, Located<string>>;
  lists: Map<FieldKey, ListCandidate>;
  entries?: EntryCandidate[];
};

function readFields(document: SourceDocument, roles: SectionsByRole, name: Located<string> | undefined, issues: ExtractionIssue[]): Candidate {
  const candidate: Candidate = { name, texts: new Map(), lists: new Map() };
  for (const field of FIELDS) {
    const section = roles.fields.get(field.key);
    if (!section) continue;
    if (field.type === 'text') candidate.texts.set(field.key, readText(document, section));
    else if (field.type === 'list') candidate.lists.set(field.key, readList(document, section));
    else candidate.entries = readEntries(document, section, issues);
  }
  return candidate;
}

/** Issues for what is not there at all: the name, required fields. */
function absenceIssues(frontmatter: FrontmatterResult, roles: SectionsByRole, name: Located<string> | undefined): ExtractionIssue[] {
  const issues: ExtractionIssue[] = [];
  if (!name && roles.name) {
    issues.push({ code: 'EXTRACT_EMPTY_FIELD', message: 'The name section is empty.', ...headingPosition(roles.name), field: 'name' });
  } else if (!name && frontmatter.metadata.engagement !== undefined) {
    const line = (frontmatter.lines.engagement ?? 0) + 1;
    issues.push({ code: 'EXTRACT_EMPTY_FIELD', message: 'The name in the frontmatter is empty.', line, column: 1, field: 'name' });
  } else if (!name) {
    const message = 'No name was found: add "engagement:" to the frontmatter, a "Name" section or a title.';
    issues.push({ code: 'EXTRACT_MISSING_NAME', message, line: 1, column: 1, field: 'name' });
  }
  for (const field of FIELDS) {
    if (field.required && !roles.fields.has(field.key)) {
      issues.push({ code: 'EXTRACT_MISSING_FIELD', message: `${fieldLabel(field.key)} is missing.`, line: 1, column: 1, field: field.key });
    }
  }
  return issues;
}

/** Past the item limit a field fails anyway; validating a million more items would only cost time. */
function bounded<T>(key: FieldKey, values: T[]): T[] {
  const maximum = getField(key).items?.max;
  return maximum !== undefined && values.length > maximum + 1 ? values.slice(0, maximum + 1) : values;
}

/**
 * Validates with the Seed schemas. With no issue so far, one `seedSchema` parse gives the Seed; otherwise
 * each field is parsed on its own, so `partial` keeps the fields that pass and every failure becomes an
 * issue at its place in the document.
 */
function validate(candidate: Candidate, roles: SectionsByRole, issues: ExtractionIssue[]): { seed?: Seed; partial: SeedDraft } {
  const listValues = (key: FieldKey) => bounded(key, candidate.lists.get(key)?.items ?? []);
  const entryValues = bounded('additionalAssertions', (candidate.entries ?? []).map((entry) => ({ key: entry.key, value: entry.value })));
  const { name } = candidate;
  if (issues.length === 0 && name) {
    const parsed = seedSchema.safeParse({
      name: name.value,
      purpose: candidate.texts.get('purpose')?.value,
      audience: candidate.texts.get('audience')?.value,
      voice: candidate.texts.get('voice')?.value,
      constraints: listValues('constraints'),
      success: listValues('success'),
      additionalAssertions: entryValues,
    });
    if (parsed.success) return { seed: parsed.data, partial: parsed.data };
  }
  const partial: SeedDraft = {};
  if (name) {
    const parsed = nameSchema.safeParse(name.value);
    if (parsed.success) partial.name = parsed.data;
    else for (const issue of parsed.error.issues) issues.push(schemaIssue('name', issue, () => name.position));
  }
  for (const field of FIELDS) {
    const section = roles.fields.get(field.key);
    if (!section) continue;
    const fallback = headingPosition(section);
    let value: unknown;
    let locate: (index: number | undefined) => Position;
    if (field.type === 'text') {
      const text = candidate.texts.get(field.key) as Located<string>;
      value = text.value;
      locate = () => text.position;
    } else if (field.type === 'list') {
      const positions = candidate.lists.get(field.key)?.positions ?? [];
      value = listValues(field.key);
      locate = (index) => (index === undefined ? fallback : (positions[index] ?? fallback));
    } else {
      value = entryValues;
      locate = (index) => (index === undefined ? fallback : (candidate.entries?.[index]?.position ?? fallback));
    }
    const parsed = fieldSchemas[field.key].safeParse(value);
    if (parsed.success) (partial as Record<string, unknown>)[field.key] = parsed.data;
    else for (const issue of parsed.error.issues) issues.push(schemaIssue(field.key, issue, locate));
  }
  return { partial };
}

/**
 * Index of the first earlier item equal to `items[index]`, or -1. The lists hold at most 100 items (`partial`
 * passed the schema's limits), and comparing strings that differ at once is cheaper than hashing each one.
 */
function earlierCopy(items: readonly string[], index: number): number {
  const item = items[index] as string;
  for (let earlier = 0; earlier < index; earlier++) if (items[earlier] === item) return earlier;
  return -1;
}

/** Repeated list items and Field 6 keys (ignoring case) are for induction to judge; the extractor points at them. */
function repeatWarnings(partial: SeedDraft, candidate: Candidate): ExtractionIssue[] {
  const warnings: ExtractionIssue[] = [];
  for (const key of ['constraints', 'success'] as const) {
    const items = partial[key];
    if (!items) continue;
    const positions = candidate.lists.get(key)?.positions ?? [];
    for (let index = 1; index < items.length; index++) {
      if (earlierCopy(items, index) >= 0) warnings.push({ code: 'EXTRACT_DUPLICATE_ITEM', message: `${fieldLabel(key)}: this item repeats an earlier one.`, ...(positions[index] as Position), field: key });
    }
  }
  const entries = partial.additionalAssertions;
  if (entries && entries.length > 1) {
    const folded = entries.map((entry) => entry.key.toLowerCase());
    for (let index = 1; index < folded.length; index++) {
      if (earlierCopy(folded, index) < 0) continue;
      const key = (entries[index] as AssertionEntry).key;
      const message = `Field 6: the key "${key.slice(0, 60)}" repeats an earlier one.`;
      warnings.push({ code: 'EXTRACT_DUPLICATE_KEY', message, ...(candidate.entries?.[index]?.position as Position), field: 'additionalAssertions' });
    }
  }
  return warnings;
}

/**
 * Reads a Discovery record into a Seed. Never throws: a non-string input gives `ok: false` with
 * EXTRACT_NOT_TEXT. The Seed is exactly `seedSchema.parse` of what the document says; `partial` holds
 * each field that passed its own schema (a field whose section is absent is absent from it).
 */
export function extractSeed(markdown: string, options: ExtractSeedOptions = {}): ExtractSeedResult {
  void options;
  if (typeof markdown !== 'string') {
    const issue: ExtractionIssue = { code: 'EXTRACT_NOT_TEXT', message: 'The document must be text.', line: 1, column: 1 };
    return { ok: false, issues: [issue], warnings: [], partial: {}, metadata: {} };
  }
  const warnings: ExtractionIssue[] = [];
  const issues: ExtractionIssue[] = [];
  const raw = splitLines(markdown);
  const frontmatter = readFrontmatter(raw, warnings);
  const { metadata } = frontmatter;
  if (metadata.format !== undefined && !KNOWN_FORMATS.has(metadata.format)) {
    const message = `The format "${metadata.format}" is not ${DISCOVERY_RECORD_FORMAT}; the document was read as one anyway.`;
    warnings.push({ code: 'EXTRACT_UNKNOWN_FORMAT', message, line: (frontmatter.lines.format ?? 0) + 1, column: 1 });
  }
  const document = readSourceDocument(raw, frontmatter.bodyStart, warnings, sourceHints(markdown));
  const roles = sectionsByRole(document, collectSections(document, metadata.engagement, warnings), issues);
  const name = resolveName(document, frontmatter, roles, warnings);
  const candidate = readFields(document, roles, name, issues);
  if (roles.fields.size === 0) {
    // Nothing here has the record's shape; what else is wrong does not matter.
    issues.length = 0;
    issues.push({ code: 'EXTRACT_NO_FIELDS', message: 'No section for any of the six fields was found.', line: 1, column: 1 });
  } else {
    issues.push(...absenceIssues(frontmatter, roles, name));
  }
  const { seed, partial } = validate(candidate, roles, issues);
  warnings.push(...repeatWarnings(partial, candidate));
  sortByPosition(warnings);
  if (seed) return { ok: true, seed, warnings, metadata };
  return { ok: false, issues: sortByPosition(issues), warnings, partial, metadata };
}
