// The stable codes of induction findings (SPEC §6.4) and the severity each one carries.
import type { FieldKey } from '../fields';

/** Every code an induction finding can have. Severity is fixed per code (see `FINDING_SEVERITY`). */
export const INDUCTION_FINDING_CODES = [
  /** fail — a property that is not part of a Seed (top level), or not part of a Field 6 entry (with `item`). */
  'INDUCTION_UNKNOWN_FIELD',
  /** fail — the name (part of Field 1, reported on `purpose`) is absent, null or empty. */
  'INDUCTION_NAME_MISSING',
  /** fail — the name is not text, is too long, or is more than one line. */
  'INDUCTION_NAME_INVALID',
  /** fail — the name is a placeholder such as "TBD". */
  'INDUCTION_NAME_PLACEHOLDER',
  /** fail — the same Operator already has another engagement with this name, ignoring case. */
  'INDUCTION_NAME_TAKEN',
  /** fail — a required field is absent, null, empty, or a list with no items. */
  'INDUCTION_FIELD_MISSING',
  /** fail — a field, list item or Field 6 entry has the wrong type (e.g. a number where text belongs). */
  'INDUCTION_WRONG_TYPE',
  /** fail — a list item, or a Field 6 key or value, is missing or empty. */
  'INDUCTION_EMPTY_ITEM',
  /** fail — a value breaks a schema limit: too long, too many items, or line breaks in a one-line value. */
  'INDUCTION_LIMIT',
  /** fail — a whole value or item is a placeholder such as "TBD", "N/A", "???" or "lorem ipsum". */
  'INDUCTION_PLACEHOLDER',
  /** fail — a Field 6 key repeats an earlier key, ignoring case (`item` is the later entry). */
  'INDUCTION_DUPLICATE_KEY',
  /** note — a list item repeats an earlier item, trimmed and ignoring case (`item` is the later one). */
  'INDUCTION_DUPLICATE_ITEM',
  /** note — an all-caps abbreviation is used without being explained anywhere in the Seed (first use only). */
  'INDUCTION_UNEXPLAINED_ABBREVIATION',
  /** note — Seed text uses a developer word from the plain-terms list (once per term per field and item). */
  'INDUCTION_BANNED_TERM',
] as const;

export type FindingCode = (typeof INDUCTION_FINDING_CODES)[number];

export type Finding = {
  code: FindingCode;
  severity: 'fail' | 'note';
  /** The field the finding is about; the name is part of Field 1 (`purpose`). Absent for the Seed as a whole. */
  field?: FieldKey;
  /** A plain-words explanation, safe to show the Operator. */
  message: string;
  /** Zero-based index of the list item or Field 6 entry (messages count from 1). */
  item?: number;
};

export const FINDING_SEVERITY: Readonly<Record<FindingCode, Finding['severity']>> = {
  INDUCTION_UNKNOWN_FIELD: 'fail',
  INDUCTION_NAME_MISSING: 'fail',
  INDUCTION_NAME_INVALID: 'fail',
  INDUCTION_NAME_PLACEHOLDER: 'fail',
  INDUCTION_NAME_TAKEN: 'fail',
  INDUCTION_FIELD_MISSING: 'fail',
  INDUCTION_WRONG_TYPE: 'fail',
  INDUCTION_EMPTY_ITEM: 'fail',
  INDUCTION_LIMIT: 'fail',
  INDUCTION_PLACEHOLDER: 'fail',
  INDUCTION_DUPLICATE_KEY: 'fail',
  INDUCTION_DUPLICATE_ITEM: 'note',
  INDUCTION_UNEXPLAINED_ABBREVIATION: 'note',
  INDUCTION_BANNED_TERM: 'note',
};
