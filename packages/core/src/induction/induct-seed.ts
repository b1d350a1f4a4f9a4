// Induction (SPEC §6.4): checks a candidate Seed and reports every problem as a finding, so a Seed is never
// rejected without the Operator being told exactly what to fix.
import { lintPlainTerms } from '@loomworks/prompts';
import type { z } from 'zod';
import { LoomworksError } from '../errors';
import { FIELDS, type FieldKey } from '../fields';
import { fieldSchemas, nameSchema, normalizeText } from '../seed';
import { engagementNameKey, type InductionStatus, type StoreOperations } from '../store';
import { WELL_KNOWN_ABBREVIATIONS, abbreviationOf, findAbbreviations } from './abbreviations';
import { FINDING_SEVERITY, type Finding, type FindingCode } from './finding-codes';
import { isPlaceholder } from './placeholder';

export type InductionContext = {
  /** With `operatorId`, enables the check that the name is not already used by the same Operator. */
  store?: StoreOperations;
  operatorId?: string;
  /** The engagement being inducted, which never counts as a clash with its own name. */
  engagementId?: string;
  /** Abbreviations this integrator's Operators know, on top of the built-in well-known ones. */
  knownAbbreviations?: readonly string[];
};

export type InductionResult = { status: InductionStatus; findings: Finding[] };

const SEED_KEYS: ReadonlySet<string> = new Set(['name', ...FIELDS.map((field) => field.key)]);
const FIELD_ORDER: ReadonlyMap<FieldKey, number> = new Map(FIELDS.map((field, position) => [field.key, position]));

/**
 * A piece of Seed text, with where it sits, for the checks that read text wherever it appears. Placeholders are
 * left out: they already fail, and a note that "TBD" is an unexplained abbreviation would only add noise.
 */
type TextPiece = { field: FieldKey; item?: number; text: string };

type Issue = z.core.$ZodIssue;

/**
 * Checks any SeedDraft-shaped object. Missing, extra and wrong-typed fields become findings, never exceptions.
 * Rejects with `E_INVALID_SEED` only when `seed` is not an object (null, a primitive or an array), and with the
 * store's error if the name check's store lookup fails.
 */
export async function inductSeed(seed: unknown, context: InductionContext = {}): Promise<InductionResult> {
  if (typeof seed !== 'object' || seed === null || Array.isArray(seed)) {
    throw new LoomworksError('E_INVALID_SEED', `A Seed to check must be an object, not ${describeValue(seed)}`, {
      details: { received: seed === null ? 'null' : Array.isArray(seed) ? 'array' : typeof seed },
    });
  }
  const input = seed as Record<string, unknown>;
  const findings: Finding[] = [];
  const pieces: TextPiece[] = [];
  const add = (code: FindingCode, field: FieldKey | undefined, message: string, item?: number): void => {
    findings.push({ code, severity: FINDING_SEVERITY[code], ...(field === undefined ? {} : { field }), message, ...(item === undefined ? {} : { item }) });
  };

  for (const key of Object.keys(input)) {
    if (!SEED_KEYS.has(key)) add('INDUCTION_UNKNOWN_FIELD', undefined, `${quote(key)} is not one of the project's details.`);
  }

  await checkName(input.name, context, add, pieces);
  for (const field of FIELDS) {
    const value = input[field.key];
    const label = quote(field.title);
    if (field.type === 'text') checkText(field.key, label, value, add, pieces);
    else if (field.type === 'list') checkList(field.key, label, value, add, pieces);
    else checkEntries(field.key, label, value, add, pieces);
  }
  checkAbbreviations(input.additionalAssertions, pieces, context.knownAbbreviations ?? [], add);
  checkPlainTerms(pieces, add);

  // Stable sort: within one field and item, findings keep the order the checks ran in.
  findings.sort((left, right) => rank(left.field) - rank(right.field) || (left.item ?? -1) - (right.item ?? -1));
  const status: InductionStatus = findings.some((finding) => finding.severity === 'fail')
    ? 'induction-fail'
    : findings.length > 0
      ? 'induction-pass-with-notes'
      : 'induction-pass-clean';
  return { status, findings };
}

type AddFinding = (code: FindingCode, field: FieldKey | undefined, message: string, item?: number) => void;

async function checkName(value: unknown, context: InductionContext, add: AddFinding, pieces: TextPiece[]): Promise<void> {
  if (value === undefined || value === null) {
    add('INDUCTION_NAME_MISSING', 'purpose', 'The project has no name yet.');
    return;
  }
  const parsed = nameSchema.safeParse(value);
  for (const issue of parsed.error?.issues ?? []) {
    if (issue.code === 'too_small') add('INDUCTION_NAME_MISSING', 'purpose', 'The name is empty.');
    else if (issue.code === 'invalid_type') add('INDUCTION_NAME_INVALID', 'purpose', `The name should be text, not ${describeValue(value)}.`);
    else add('INDUCTION_NAME_INVALID', 'purpose', `The name ${issue.message}.`);
  }
  if (typeof value !== 'string') return;
  const name = normalizeText(value);
  if (name === '') return;
  if (isPlaceholder(name)) add('INDUCTION_NAME_PLACEHOLDER', 'purpose', `The name ${quote(name)} is a placeholder, not a name.`);
  else pieces.push({ field: 'purpose', text: name });
  if (parsed.success && context.store && context.operatorId !== undefined) {
    const clashes = await context.store.findEngagementsByNameKey(context.operatorId, engagementNameKey(name));
    if (clashes.some((engagement) => engagement.id !== context.engagementId)) {
      add('INDUCTION_NAME_TAKEN', 'purpose', `You already have a project called ${quote(name)}; each of your projects needs its own name.`);
    }
  }
}

function checkText(field: FieldKey, label: string, value: unknown, add: AddFinding, pieces: TextPiece[]): void {
  if (value === undefined || value === null) {
    add('INDUCTION_FIELD_MISSING', field, `${label} is missing.`);
    return;
  }
  for (const issue of fieldSchemas[field].safeParse(value).error?.issues ?? []) {
    if (issue.code === 'too_small') add('INDUCTION_FIELD_MISSING', field, `${label} is empty.`);
    else if (issue.code === 'invalid_type') add('INDUCTION_WRONG_TYPE', field, `${label} should be text, not ${describeValue(value)}.`);
    else add('INDUCTION_LIMIT', field, `${label} ${issue.message}.`);
  }
  if (typeof value !== 'string') return;
  const text = normalizeText(value);
  if (text === '') return;
  if (isPlaceholder(text)) add('INDUCTION_PLACEHOLDER', field, `${label} is a placeholder (${quote(text)}), not an answer.`);
  else pieces.push({ field, text });
}

/** The issues about the list as a whole (its length); items are checked one by one with the item schema. */
function listIssues(field: FieldKey, value: unknown[]): Issue[] {
  return (fieldSchemas[field].safeParse(value).error?.issues ?? []).filter((issue) => issue.path.length === 0);
}

function checkList(field: 'constraints' | 'success', label: string, value: unknown, add: AddFinding, pieces: TextPiece[]): void {
  if (value === undefined || value === null) {
    add('INDUCTION_FIELD_MISSING', field, `${label} is missing.`);
    return;
  }
  if (!Array.isArray(value)) {
    add('INDUCTION_WRONG_TYPE', field, `${label} should be a list of text, not ${describeValue(value)}.`);
    return;
  }
  for (const issue of listIssues(field, value)) {
    if (issue.code === 'too_small') add('INDUCTION_FIELD_MISSING', field, `${label} has no items.`);
    else add('INDUCTION_LIMIT', field, `${label} ${issue.message}.`);
  }
  const itemSchema = fieldSchemas[field].element;
  const firstSeen = new Map<string, number>();
  value.forEach((item: unknown, index) => {
    const where = `${label} item ${index + 1}`;
    for (const issue of itemSchema.safeParse(item).error?.issues ?? []) {
      if (issue.code === 'too_small' || item === undefined || item === null) add('INDUCTION_EMPTY_ITEM', field, `${where} is empty.`, index);
      else if (issue.code === 'invalid_type') add('INDUCTION_WRONG_TYPE', field, `${where} should be text, not ${describeValue(item)}.`, index);
      else add('INDUCTION_LIMIT', field, `${where} ${issue.message}.`, index);
    }
    if (typeof item !== 'string') return;
    const text = normalizeText(item);
    if (text === '') return;
    if (isPlaceholder(text)) add('INDUCTION_PLACEHOLDER', field, `${where} is a placeholder (${quote(text)}), not an answer.`, index);
    else pieces.push({ field, item: index, text });
    const key = text.toLowerCase();
    const earlier = firstSeen.get(key);
    if (earlier === undefined) firstSeen.set(key, index);
    else add('INDUCTION_DUPLICATE_ITEM', field, `${where} repeats item ${earlier + 1}.`, index);
  });
}

function checkEntries(field: 'additionalAssertions', label: string, value: unknown, add: AddFinding, pieces: TextPiece[]): void {
  // Field 6 is optional: absent means "nothing else".
  if (value === undefined || value === null) return;
  if (!Array.isArray(value)) {
    add('INDUCTION_WRONG_TYPE', field, `${label} should be a list of entries (a key and a value each), not ${describeValue(value)}.`);
    return;
  }
  for (const issue of listIssues(field, value)) add('INDUCTION_LIMIT', field, `${label} ${issue.message}.`);
  const entrySchema = fieldSchemas[field].element;
  const firstSeen = new Map<string, number>();
  value.forEach((entry: unknown, index) => {
    const where = `${label} entry ${index + 1}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      add('INDUCTION_WRONG_TYPE', field, `${where} should be a key and a value, not ${describeValue(entry)}.`, index);
      return;
    }
    const record = entry as Record<string, unknown>;
    for (const issue of entrySchema.safeParse(entry).error?.issues ?? []) {
      const part = issue.path[0] === 'key' ? 'key' : 'value';
      const partValue = record[part];
      if (issue.code === 'unrecognized_keys') {
        add('INDUCTION_UNKNOWN_FIELD', field, `${where} has ${issue.keys.map(quote).join(', ')}; an entry has only a key and a value.`, index);
      } else if (issue.code === 'too_small' || partValue === undefined || partValue === null) {
        add('INDUCTION_EMPTY_ITEM', field, `${where} has no ${part}.`, index);
      } else if (issue.code === 'invalid_type') {
        add('INDUCTION_WRONG_TYPE', field, `${where}: the ${part} should be text, not ${describeValue(partValue)}.`, index);
      } else {
        add('INDUCTION_LIMIT', field, `${where}: the ${part} ${issue.message}.`, index);
      }
    }
    for (const part of ['key', 'value'] as const) {
      const partValue = record[part];
      if (typeof partValue !== 'string') continue;
      const text = normalizeText(partValue);
      if (text === '') continue;
      if (isPlaceholder(text)) add('INDUCTION_PLACEHOLDER', field, `${where}: the ${part} is a placeholder (${quote(text)}).`, index);
      else pieces.push({ field, item: index, text });
      if (part !== 'key') continue;
      const key = text.toLowerCase();
      const earlier = firstSeen.get(key);
      if (earlier === undefined) firstSeen.set(key, index);
      else add('INDUCTION_DUPLICATE_KEY', field, `${where} uses the key ${quote(text)} again (entry ${earlier + 1} has it); each key must be different.`, index);
    }
  });
}

/**
 * One note per abbreviation that nothing explains, at its first use. Explained means: next to its expansion in
 * brackets anywhere in the Seed, a Field 6 key of its own, well known, or listed in `knownAbbreviations`.
 */
function checkAbbreviations(entries: unknown, pieces: readonly TextPiece[], known: readonly string[], add: AddFinding): void {
  const explained = new Set<string>();
  for (const word of [...WELL_KNOWN_ABBREVIATIONS, ...known]) {
    const trimmed = word.trim();
    explained.add(abbreviationOf(trimmed) ?? trimmed.toUpperCase());
  }
  if (Array.isArray(entries)) {
    for (const entry of entries as unknown[]) {
      const key = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).key : undefined;
      if (typeof key !== 'string') continue;
      const abbreviation = abbreviationOf(normalizeText(key));
      if (abbreviation !== undefined) explained.add(abbreviation);
    }
  }
  // Two passes: an expansion anywhere in the Seed explains every use, even one in an earlier field.
  const usesByPiece = pieces.map((piece) => ({ piece, uses: findAbbreviations(piece.text) }));
  for (const { uses } of usesByPiece) {
    for (const use of uses) if (use.explained) explained.add(use.abbreviation);
  }
  for (const { piece, uses } of usesByPiece) {
    for (const use of uses) {
      if (explained.has(use.abbreviation)) continue;
      explained.add(use.abbreviation); // report the first use only
      add(
        'INDUCTION_UNEXPLAINED_ABBREVIATION',
        piece.field,
        `${quote(use.abbreviation)} is not explained; say what it stands for the first time, like ${quote(`${use.abbreviation} (what it stands for)`)}.`,
        piece.item,
      );
    }
  }
}

/** One note per developer word per field and item, wherever in that field or item it first appears. */
function checkPlainTerms(pieces: readonly TextPiece[], add: AddFinding): void {
  const reported = new Set<string>();
  for (const piece of pieces) {
    for (const finding of lintPlainTerms(piece.text)) {
      const key = `${piece.field}\u0000${piece.item ?? ''}\u0000${finding.term.toLowerCase()}`;
      if (reported.has(key)) continue;
      reported.add(key);
      add('INDUCTION_BANNED_TERM', piece.field, `${quote(finding.term)} is developer language; plainer words: ${quote(finding.suggestion)}.`, piece.item);
    }
  }
}

function rank(field: FieldKey | undefined): number {
  return field === undefined ? -1 : (FIELD_ORDER.get(field) ?? -1);
}

/** Curly quotes, so the plain-terms lint reads quoted words in messages as the Operator's own. */
function quote(text: string): string {
  return `\u201C${text}\u201D`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
    case 'bigint':
      return 'a number';
    case 'boolean':
      return 'yes/no';
    case 'undefined':
      return 'nothing';
    case 'object':
      return 'a set of keys and values';
    default:
      return `a ${typeof value}`;
  }
}
