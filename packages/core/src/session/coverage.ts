// Field coverage (SPEC §3.1): computed from the validated draft, never from the Companion's say-so.
import type { z } from 'zod';
import type { CoverageEvidence, CoverageState, DraftValues, FieldCoverage } from '../companion/types';
import { FIELDS, PART_ORDER, fieldOfPart, type FieldKey, type SeedPart } from '../fields';
import { fieldSchemas, nameSchema, type SeedDraft } from '../seed';
import { cloneJson } from './clone-json';
import type { RejectedValue } from './types';

/** Longest evidence quote kept; a longer answer is cut with an ellipsis (the full text is in the transcript). */
const MAX_QUOTE = 500;

function schemaOf(part: SeedPart): z.ZodType {
  return part === 'name' ? nameSchema : fieldSchemas[part];
}

export function emptyCoverage(): CoverageState {
  const entries = FIELDS.map((field): [FieldKey, FieldCoverage] => [field.key, { status: 'missing', evidence: [], history: [] }]);
  return Object.fromEntries(entries) as CoverageState;
}

export type ApplyDraftResult = {
  draft: SeedDraft;
  coverage: CoverageState;
  accepted: SeedPart[];
  acceptedValues: DraftValues;
  rejected: RejectedValue[];
};

/**
 * Validates each value with its part's schema and applies the valid ones. A value that replaces a
 * different earlier one is kept in that field's history; every applied value gets the turn and the
 * quoted span of the Operator's message as evidence.
 */
export function applyDraftValues(
  draft: SeedDraft,
  coverage: CoverageState,
  values: DraftValues,
  turn: number,
  message: string,
  evidence: Partial<Record<SeedPart, string>> = {},
): ApplyDraftResult {
  const nextDraft: SeedDraft = cloneJson(draft);
  const nextCoverage: CoverageState = cloneJson(coverage);
  const accepted: SeedPart[] = [];
  const acceptedValues: DraftValues = {};
  const rejected: RejectedValue[] = [];
  for (const part of PART_ORDER) {
    if (!Object.hasOwn(values, part)) continue;
    const parsed = schemaOf(part).safeParse(values[part]);
    if (!parsed.success) {
      rejected.push({ part, issues: parsed.error.issues.map((issue) => `${[part, ...issue.path].join('.')}: ${issue.message}`) });
      continue;
    }
    const field = nextCoverage[fieldOfPart(part)];
    const previous = nextDraft[part];
    if (previous !== undefined && JSON.stringify(previous) !== JSON.stringify(parsed.data)) {
      const since = [...field.evidence].reverse().find((item) => item.part === part)?.turn ?? turn;
      field.history.push({ part, value: previous, turn: since, supersededAt: turn });
    }
    (nextDraft as Record<string, unknown>)[part] = parsed.data;
    field.evidence.push(evidenceFor(part, turn, message, evidence[part]));
    accepted.push(part);
    acceptedValues[part] = parsed.data;
  }
  return { draft: nextDraft, coverage: withStatuses(nextDraft, nextCoverage), accepted, acceptedValues, rejected };
}

function evidenceFor(part: SeedPart, turn: number, message: string, quote: string | undefined): CoverageEvidence {
  const span = quote !== undefined && quote.trim() !== '' && message.includes(quote) ? quote.trim() : message.trim();
  return { part, turn, quote: span.length > MAX_QUOTE ? `${span.slice(0, MAX_QUOTE - 1)}…` : span };
}

/**
 * Recomputes each field's status from the draft; `confirmed` stays confirmed while the value stands. Only the
 * statuses change, so the evidence and history lists are shared with `coverage` (nothing changes them in place:
 * applyDraftValues adds to a copy).
 */
export function withStatuses(draft: SeedDraft, coverage: CoverageState): CoverageState {
  const result = { ...coverage };
  for (const field of FIELDS) {
    const covered = draft[field.key] !== undefined && (field.key !== 'purpose' || draft.name !== undefined);
    const entry = coverage[field.key];
    result[field.key] = { ...entry, status: !covered ? 'missing' : entry.status === 'confirmed' ? 'confirmed' : 'covered' };
  }
  return result;
}

/** Marks every covered field confirmed: the Operator accepted the recap. */
export function confirmCoverage(coverage: CoverageState): CoverageState {
  const result = cloneJson(coverage);
  for (const field of FIELDS) if (result[field.key].status === 'covered') result[field.key].status = 'confirmed';
  return result;
}
