// The stable codes the extractor reports (SPEC §4.2). Issues make a result `ok: false`; warnings never do.
import type { FieldKey } from '../fields';

/**
 * Every code `extractSeed` can report. Codes never change meaning; match on them, never on messages.
 * The first group are issues (the document does not yield a valid Seed), the second are warnings.
 */
export const EXTRACTION_ISSUE_CODES = [
  // — issues —
  /** The input is not a string. */
  'EXTRACT_NOT_TEXT',
  /** No section for any of the six fields: the document does not have the Discovery record structure. */
  'EXTRACT_NO_FIELDS',
  /** No name in the frontmatter `engagement:`, a name section or the title. */
  'EXTRACT_MISSING_NAME',
  /** A required field has no section. */
  'EXTRACT_MISSING_FIELD',
  /** A field's section (or the name) is present but holds nothing. */
  'EXTRACT_EMPTY_FIELD',
  /** A list item, a Field 6 key or a Field 6 value is empty. */
  'EXTRACT_EMPTY_ITEM',
  /** A field (or the name) has a second section; the first one is used. */
  'EXTRACT_DUPLICATE_SECTION',
  /** A value is longer than its limit. */
  'EXTRACT_TOO_LONG',
  /** A list has more items, or Field 6 more entries, than allowed. */
  'EXTRACT_TOO_MANY_ITEMS',
  /** A Field 6 line that is not a `key: value` entry (or a table row that does not have two cells). */
  'EXTRACT_INVALID_ENTRY',
  /** The name spans more than one line. */
  'EXTRACT_NAME_MULTILINE',
  // — warnings —
  /** A heading that is not a field, the name or an ignored section; what it holds was skipped. */
  'EXTRACT_UNKNOWN_SECTION',
  /** A list item repeats an earlier one; it is kept as written. */
  'EXTRACT_DUPLICATE_ITEM',
  /** A Field 6 key repeats an earlier one (ignoring case); it is kept as written. */
  'EXTRACT_DUPLICATE_KEY',
  /** The name sources (frontmatter, name section, title) disagree; the first in that order is used. */
  'EXTRACT_NAME_MISMATCH',
  /** The name section has lines after its first; they were ignored. */
  'EXTRACT_NAME_EXTRA_LINES',
  /** The frontmatter `format:` is neither `discovery-record/v1` nor `brief/v1`. */
  'EXTRACT_UNKNOWN_FORMAT',
  /** A frontmatter line could not be read (or the frontmatter is never closed); it was ignored. */
  'EXTRACT_FRONTMATTER_INVALID',
  /** A code fence is never closed; its opening line was read as ordinary text. */
  'EXTRACT_UNCLOSED_FENCE',
  /** An HTML comment is never closed; its `<!--` was read as ordinary text. */
  'EXTRACT_UNCLOSED_COMMENT',
] as const;

export type ExtractionIssueCode = (typeof EXTRACTION_ISSUE_CODES)[number];

/** The codes that are only ever warnings (a result with nothing but these is still `ok: true`). */
export const EXTRACTION_WARNING_CODES: ReadonlySet<ExtractionIssueCode> = new Set<ExtractionIssueCode>([
  'EXTRACT_UNKNOWN_SECTION',
  'EXTRACT_DUPLICATE_ITEM',
  'EXTRACT_DUPLICATE_KEY',
  'EXTRACT_NAME_MISMATCH',
  'EXTRACT_NAME_EXTRA_LINES',
  'EXTRACT_UNKNOWN_FORMAT',
  'EXTRACT_FRONTMATTER_INVALID',
  'EXTRACT_UNCLOSED_FENCE',
  'EXTRACT_UNCLOSED_COMMENT',
]);

/**
 * One problem found in a document. `line` and `column` are 1-based positions in the input as given
 * (frontmatter included; a BOM is not a column; columns count UTF-16 code units). An issue about the
 * whole document points at line 1, column 1.
 */
export type ExtractionIssue = {
  code: ExtractionIssueCode;
  message: string;
  line: number;
  column: number;
  field?: FieldKey | 'name';
};
