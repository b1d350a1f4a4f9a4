// Every issue and warning code, each produced by a document and pointing at the exact place it is about.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEED_LIMITS } from '../seed';
import { extractSeed, type ExtractSeedResult } from './extract-seed';
import { EXTRACTION_ISSUE_CODES, EXTRACTION_WARNING_CODES, type ExtractionIssue, type ExtractionIssueCode } from './issue-codes';

const fixture = (name: string) => readFileSync(new URL(`../../../../fixtures/discovery-records/${name}`, import.meta.url), 'utf8');

const HEAD = ['---', 'engagement: Tea club', '---', ''];
const PURPOSE = ["## 1. What we're making", 'A monthly tasting.', ''];
const AUDIENCE = ["## 2. Who it's for", 'Colleagues.', ''];
const VOICE = ['## 3. How it should sound', 'Relaxed.', ''];
const CONSTRAINTS = ['## 4. Rules to follow', '- No coffee.', ''];
const SUCCESS = ["## 5. Signs it's working", '- People come back.', ''];
const lines = (...parts: string[][]) => parts.flat().join('\n');
const valid = (...extra: string[][]) => lines(HEAD, PURPOSE, AUDIENCE, VOICE, CONSTRAINTS, SUCCESS, ...extra);

type Expected = Partial<ExtractionIssue> & { code: ExtractionIssueCode };
type Case = { input: unknown; expected: Expected[] };

const CASES: Record<ExtractionIssueCode, Case[]> = {
  EXTRACT_NOT_TEXT: [{ input: 42, expected: [{ code: 'EXTRACT_NOT_TEXT', line: 1, column: 1 }] }],
  EXTRACT_NO_FIELDS: [
    { input: fixture('not-a-record.md'), expected: [{ code: 'EXTRACT_NO_FIELDS', line: 1, column: 1 }] },
    { input: '', expected: [{ code: 'EXTRACT_NO_FIELDS', line: 1, column: 1 }] },
    { input: lines(HEAD, ['# Tea club', '## Name', 'Tea club']), expected: [{ code: 'EXTRACT_NO_FIELDS', line: 1, column: 1 }] },
  ],
  EXTRACT_MISSING_NAME: [{ input: lines(PURPOSE, AUDIENCE, VOICE, CONSTRAINTS, SUCCESS), expected: [{ code: 'EXTRACT_MISSING_NAME', line: 1, column: 1, field: 'name' }] }],
  EXTRACT_MISSING_FIELD: [
    {
      input: fixture('broken-missing-and-empty.md'),
      expected: [
        { code: 'EXTRACT_MISSING_FIELD', line: 1, column: 1, field: 'voice' },
        { code: 'EXTRACT_MISSING_FIELD', line: 1, column: 1, field: 'success' },
        { code: 'EXTRACT_EMPTY_FIELD', line: 14, column: 1, field: 'constraints' },
      ],
    },
  ],
  EXTRACT_EMPTY_FIELD: [
    { input: lines(HEAD, ["## 1. What we're making", '', '---', ''], AUDIENCE, VOICE, CONSTRAINTS, SUCCESS), expected: [{ code: 'EXTRACT_EMPTY_FIELD', line: 5, column: 1, field: 'purpose' }] },
    { input: lines(['## Name', ''], PURPOSE, AUDIENCE, VOICE, CONSTRAINTS, SUCCESS), expected: [{ code: 'EXTRACT_EMPTY_FIELD', line: 1, column: 1, field: 'name' }] },
    { input: lines(['---', 'engagement: ""', '---'], PURPOSE, AUDIENCE, VOICE, CONSTRAINTS, SUCCESS), expected: [{ code: 'EXTRACT_EMPTY_FIELD', line: 2, column: 1, field: 'name' }] },
  ],
  EXTRACT_EMPTY_ITEM: [
    { input: lines(HEAD, PURPOSE, AUDIENCE, VOICE, ['## 4. Rules to follow', '- No coffee.', ' -', ''], SUCCESS), expected: [{ code: 'EXTRACT_EMPTY_ITEM', line: 16, column: 2, field: 'constraints' }] },
    { input: valid(['## 6. Also true', '- **Cups:** two', '- **Pot:**']), expected: [{ code: 'EXTRACT_EMPTY_ITEM', line: 22, column: 1, field: 'additionalAssertions' }] },
    { input: valid(['## 6. Also true', '- : two']), expected: [{ code: 'EXTRACT_EMPTY_ITEM', line: 21, column: 1, field: 'additionalAssertions' }] },
  ],
  EXTRACT_DUPLICATE_SECTION: [
    { input: valid(["## Who it's for", 'Everyone.']), expected: [{ code: 'EXTRACT_DUPLICATE_SECTION', line: 20, column: 1, field: 'audience' }] },
    { input: lines(['## Name', 'Tea', '## Title', 'Coffee'], PURPOSE, AUDIENCE, VOICE, CONSTRAINTS, SUCCESS), expected: [{ code: 'EXTRACT_DUPLICATE_SECTION', line: 3, column: 1, field: 'name' }] },
  ],
  EXTRACT_TOO_LONG: [
    {
      input: lines(HEAD, ["## 1. What we're making", '', `  ${'a'.repeat(SEED_LIMITS.text + 1)}`], AUDIENCE, VOICE, CONSTRAINTS, SUCCESS),
      expected: [{ code: 'EXTRACT_TOO_LONG', line: 7, column: 3, field: 'purpose' }],
    },
    {
      input: lines(HEAD, PURPOSE, AUDIENCE, VOICE, ['## 4. Rules to follow', '- No coffee.', `- ${'a'.repeat(SEED_LIMITS.listItem + 1)}`], SUCCESS),
      expected: [{ code: 'EXTRACT_TOO_LONG', line: 16, column: 1, field: 'constraints' }],
    },
    {
      input: valid(['## 6. Also true', '- **Cups:** two', `- **${'k'.repeat(SEED_LIMITS.entryKey + 1)}:** v`, `- **Pot:** ${'v'.repeat(SEED_LIMITS.entryValue + 1)}`]),
      expected: [
        { code: 'EXTRACT_TOO_LONG', line: 22, column: 1, field: 'additionalAssertions' },
        { code: 'EXTRACT_TOO_LONG', line: 23, column: 1, field: 'additionalAssertions' },
      ],
    },
    { input: lines(['---', `engagement: ${'n'.repeat(SEED_LIMITS.name + 1)}`, '---'], PURPOSE, AUDIENCE, VOICE, CONSTRAINTS, SUCCESS), expected: [{ code: 'EXTRACT_TOO_LONG', line: 2, column: 1, field: 'name' }] },
  ],
  EXTRACT_TOO_MANY_ITEMS: [
    {
      input: lines(HEAD, PURPOSE, AUDIENCE, VOICE, ['## 4. Rules to follow', ...Array.from({ length: SEED_LIMITS.listItems + 5 }, (_, index) => `- Rule ${index + 1}`)], SUCCESS),
      expected: [{ code: 'EXTRACT_TOO_MANY_ITEMS', line: 14 + SEED_LIMITS.listItems + 1, column: 1, field: 'constraints' }],
    },
    {
      input: valid(['## 6. Also true', ...Array.from({ length: SEED_LIMITS.entries + 1 }, (_, index) => `- **Key ${index + 1}:** value`)]),
      expected: [{ code: 'EXTRACT_TOO_MANY_ITEMS', line: 20 + SEED_LIMITS.entries + 1, column: 1, field: 'additionalAssertions' }],
    },
  ],
  EXTRACT_INVALID_ENTRY: [
    {
      input: fixture('broken-duplicates-and-entries.md'),
      expected: [
        { code: 'EXTRACT_DUPLICATE_SECTION', line: 17, column: 1, field: 'audience' },
        { code: 'EXTRACT_DUPLICATE_ITEM', line: 22, column: 1, field: 'constraints' },
        { code: 'EXTRACT_DUPLICATE_KEY', line: 29, column: 1, field: 'additionalAssertions' },
        { code: 'EXTRACT_INVALID_ENTRY', line: 30, column: 1, field: 'additionalAssertions' },
        { code: 'EXTRACT_INVALID_ENTRY', line: 35, column: 1, field: 'additionalAssertions' },
      ],
    },
    { input: valid(['## 6. Also true', '- **Cups:** two', '', 'Milk on the side']), expected: [{ code: 'EXTRACT_INVALID_ENTRY', line: 23, column: 1, field: 'additionalAssertions' }] },
    { input: valid(['## 6. Also true', '- **Cups&#10;Mugs:** two']), expected: [{ code: 'EXTRACT_INVALID_ENTRY', line: 21, column: 1, field: 'additionalAssertions' }] },
  ],
  EXTRACT_NAME_MULTILINE: [{ input: lines(['---', 'engagement: "Tea\\nclub"', '---'], PURPOSE, AUDIENCE, VOICE, CONSTRAINTS, SUCCESS), expected: [{ code: 'EXTRACT_NAME_MULTILINE', line: 2, column: 1, field: 'name' }] }],
  EXTRACT_UNKNOWN_SECTION: [{ input: valid(['  ## Budget', 'Ten pounds.']), expected: [{ code: 'EXTRACT_UNKNOWN_SECTION', line: 20, column: 3 }] }],
  EXTRACT_DUPLICATE_ITEM: [
    {
      input: lines(HEAD, PURPOSE, AUDIENCE, VOICE, ['## 4. Rules to follow', '- No coffee.', '- No tea.', '-   No coffee.'], SUCCESS),
      expected: [{ code: 'EXTRACT_DUPLICATE_ITEM', line: 17, column: 1, field: 'constraints' }],
    },
  ],
  EXTRACT_DUPLICATE_KEY: [{ input: valid(['## 6. Also true', '- **Cups:** two', '- **CUPS:** three']), expected: [{ code: 'EXTRACT_DUPLICATE_KEY', line: 22, column: 1, field: 'additionalAssertions' }] }],
  EXTRACT_NAME_MISMATCH: [{ input: lines(HEAD, ['# Coffee club'], PURPOSE, AUDIENCE, VOICE, CONSTRAINTS, SUCCESS), expected: [{ code: 'EXTRACT_NAME_MISMATCH', line: 5, column: 1, field: 'name' }] }],
  EXTRACT_NAME_EXTRA_LINES: [{ input: lines(['## Name', 'Tea club', '', 'for tea people'], PURPOSE, AUDIENCE, VOICE, CONSTRAINTS, SUCCESS), expected: [{ code: 'EXTRACT_NAME_EXTRA_LINES', line: 4, column: 1, field: 'name' }] }],
  EXTRACT_UNKNOWN_FORMAT: [
    {
      input: fixture('broken-unclosed.md'),
      expected: [
        { code: 'EXTRACT_UNKNOWN_FORMAT', line: 2, column: 1 },
        { code: 'EXTRACT_FRONTMATTER_INVALID', line: 4, column: 1 },
        { code: 'EXTRACT_FRONTMATTER_INVALID', line: 5, column: 1 },
        { code: 'EXTRACT_UNCLOSED_FENCE', line: 12, column: 1 },
        { code: 'EXTRACT_UNCLOSED_COMMENT', line: 16, column: 22 },
      ],
    },
  ],
  EXTRACT_FRONTMATTER_INVALID: [
    { input: lines(['---', 'engagement: Tea club', ''], PURPOSE, AUDIENCE, VOICE, CONSTRAINTS, SUCCESS), expected: [{ code: 'EXTRACT_FRONTMATTER_INVALID', line: 1, column: 1 }, { code: 'EXTRACT_MISSING_NAME', line: 1, column: 1 }] },
    {
      input: lines(['---', 'engagement: Tea club', 'engagement: Coffee club', '  stray: indented', 'session: |', '---'], PURPOSE, AUDIENCE, VOICE, CONSTRAINTS, SUCCESS),
      expected: [
        { code: 'EXTRACT_FRONTMATTER_INVALID', line: 3, column: 1 },
        { code: 'EXTRACT_FRONTMATTER_INVALID', line: 4, column: 1 },
        { code: 'EXTRACT_FRONTMATTER_INVALID', line: 5, column: 1 },
      ],
    },
  ],
  // A three-backtick line cannot close a four-backtick fence, and is itself never closed.
  EXTRACT_UNCLOSED_FENCE: [
    {
      input: valid(['## Notes', '````', '```']),
      expected: [
        { code: 'EXTRACT_UNKNOWN_SECTION', line: 20, column: 1 },
        { code: 'EXTRACT_UNCLOSED_FENCE', line: 21, column: 1 },
        { code: 'EXTRACT_UNCLOSED_FENCE', line: 22, column: 1 },
      ],
    },
  ],
  EXTRACT_UNCLOSED_COMMENT: [
    { input: valid(['## Notes', 'a <!-- b --> c <!-- d', '<!-- e']), expected: [{ code: 'EXTRACT_UNKNOWN_SECTION', line: 20, column: 1 }, { code: 'EXTRACT_UNCLOSED_COMMENT', line: 21, column: 16 }] },
  ],
};

/** Issues and warnings together, in document order, without messages. */
function reported(result: ExtractSeedResult): Expected[] {
  const all = [...(result.ok ? [] : result.issues), ...result.warnings];
  return all
    .map(({ code, line, column, field }) => ({ code, line, column, ...(field ? { field } : {}) }))
    .sort((first, second) => first.line - second.line || first.column - second.column || first.code.localeCompare(second.code));
}

describe('extractSeed issue and warning codes', () => {
  for (const code of EXTRACTION_ISSUE_CODES) {
    it(`${code} is reported where the problem is`, () => {
      for (const { input, expected } of CASES[code]) {
        const result = extractSeed(input as string);
        const sorted = [...expected].sort((first, second) => (first.line ?? 0) - (second.line ?? 0) || (first.column ?? 0) - (second.column ?? 0) || first.code.localeCompare(second.code));
        expect(reported(result)).toEqual(sorted.map((issue) => expect.objectContaining(issue)));
        const isIssue = expected.some((issue) => !EXTRACTION_WARNING_CODES.has(issue.code));
        expect(result.ok).toBe(!isIssue);
        for (const issue of [...(result.ok ? [] : result.issues), ...result.warnings]) expect(issue.message.length).toBeGreaterThan(10);
      }
    });
  }

  it('keeps each field that passed its own schema in partial, and leaves failed or absent fields out', () => {
    expect(extractSeed(fixture('broken-missing-and-empty.md'))).toMatchObject({
      ok: false,
      partial: {
        name: 'Loomworks marketing',
        purpose: 'A weekly newsletter about what the studio is making.',
        audience: 'Small product teams who hire outside design help.',
        additionalAssertions: [{ key: 'Owner', value: 'Mira' }],
      },
    });
    const tooLong = extractSeed(lines(HEAD, PURPOSE, AUDIENCE, VOICE, ['## 4. Rules to follow', `- ${'a'.repeat(SEED_LIMITS.listItem + 1)}`], SUCCESS));
    expect(tooLong.ok ? undefined : Object.keys(tooLong.partial).sort()).toEqual(['audience', 'name', 'purpose', 'success', 'voice']);
  });

  it('extracts duplicate list items and Field 6 keys as written (induction judges them)', () => {
    const result = extractSeed(fixture('broken-duplicates-and-entries.md'));
    expect(result).toMatchObject({
      ok: false,
      partial: {
        constraints: ['Never promise delivery dates.', 'Never promise delivery dates.'],
        additionalAssertions: [
          { key: 'Owner', value: 'Mira' },
          { key: 'owner', value: 'Tomas' },
        ],
      },
    });
  });
});
