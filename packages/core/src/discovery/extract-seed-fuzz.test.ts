// The extractor on hostile input: it never throws, its result always has a valid shape, and every issue
// points inside the document.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELD_KEYS } from '../fields';
import { seedDraftSchema, seedSchema, type Seed } from '../seed';
import { extractSeed, type ExtractSeedResult } from './extract-seed';
import { EXTRACTION_ISSUE_CODES, EXTRACTION_WARNING_CODES, type ExtractionIssue } from './issue-codes';
import { renderDiscoveryRecord } from './render-discovery-record';

const CODES = new Set<string>(EXTRACTION_ISSUE_CODES);
const FIELDS_AND_NAME = new Set<string>([...FIELD_KEYS, 'name']);

function expectInside(issue: ExtractionIssue, lines: string[]): void {
  expect(CODES.has(issue.code), issue.code).toBe(true);
  expect(typeof issue.message).toBe('string');
  expect(issue.message.length).toBeGreaterThan(0);
  if (issue.field !== undefined) expect(FIELDS_AND_NAME.has(issue.field)).toBe(true);
  expect(Number.isInteger(issue.line) && issue.line >= 1 && issue.line <= lines.length, `line ${issue.line} of ${lines.length}`).toBe(true);
  const line = lines[issue.line - 1] as string;
  expect(Number.isInteger(issue.column) && issue.column >= 1 && issue.column <= line.length + 1, `column ${issue.column} of ${line.length}`).toBe(true);
}

/** Checks everything a caller relies on in any result, whatever the input. */
function expectWellFormed(markdown: string, result: ExtractSeedResult): void {
  const lines = markdown.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  for (const warning of result.warnings) {
    expectInside(warning, lines);
    expect(EXTRACTION_WARNING_CODES.has(warning.code), warning.code).toBe(true);
  }
  if (result.ok) {
    expect(seedSchema.parse(result.seed)).toEqual(result.seed);
  } else {
    expect(result.issues.length).toBeGreaterThan(0);
    for (const issue of result.issues) {
      expectInside(issue, lines);
      expect(EXTRACTION_WARNING_CODES.has(issue.code), issue.code).toBe(false);
    }
    expect(seedDraftSchema.parse(result.partial)).toEqual(result.partial);
  }
}

const SEEDS: Seed[] = [
  {
    name: 'Loomworks marketing',
    purpose: 'A weekly newsletter about the studio.\n\nIt goes out on Mondays.',
    audience: 'Small teams who buy design work.',
    voice: 'Warm, plain, a little dry.',
    constraints: ['Never promise dates.', 'Keep it under 500 words.\n  Unless it is the yearly issue.'],
    success: ['People reply.', 'Unsubscribes stay under 1%.'],
    additionalAssertions: [
      { key: 'Owner', value: 'Mira' },
      { key: 'Tone: exceptions', value: '# none\n- really none' },
    ],
  },
  {
    name: '# Purpose',
    purpose: '## 2. Who it\'s for\n```\n<!-- x\n```',
    audience: '| a | b |\n|---|---|',
    voice: '\\',
    constraints: ['---'],
    success: ['1. one'],
    additionalAssertions: [],
  },
];

const SOUP_LINES = [
  '---', '# Title', '## 1. What we\'re making', '## 2) Audience', '### Field 3 — Voice', '## Rules', '#### success', '## 6. Also true',
  '## Name', '## How we got here', '## Notes', '# x', '######', '####### deep', '- item', '* item', '+ item', '1. item', '1) item', '  continued',
  '\tcontinued', '', '   ', '| Key | Value |', '| --- | --- |', '| a | b |', 'a | b', '--- | ---', '- **Key:** value', '- Key: value',
  '- Key — value', '- **Key** — value', '- **Key**: value', '```', '```js', '~~~', '````', '<!--', '-->', '<!-- x -->', 'text <!-- open',
  'close --> text', 'engagement: x', 'format: discovery-record/v1', '...', 'Nothing else.', 'None', '\\# escaped', '&#32;', '&#x110000;',
  '&#0;', '\\', '***', '___', '- - -', '\ufeff', '\u0000', '\u2028', 'plain text', '**bold**', '> quote',
];

const soup = fc
  .tuple(fc.array(fc.constantFrom(...SOUP_LINES), { maxLength: 40 }), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([lines, ending]) => lines.join(ending));

type Mutation = { kind: 'delete' | 'duplicate' | 'swap' | 'inject' | 'truncate' | 'splice'; at: number; other: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'duplicate', 'swap', 'inject', 'truncate', 'splice'),
  at: fc.nat(),
  other: fc.nat(),
  text: fc.oneof(fc.constantFrom(...SOUP_LINES), fc.string({ unit: 'binary', maxLength: 20 })),
});

function mutate(markdown: string, mutations: Mutation[]): string {
  let lines = markdown.split('\n');
  for (const { kind, at, other, text } of mutations) {
    const index = at % Math.max(lines.length, 1);
    if (kind === 'delete') lines.splice(index, 1);
    else if (kind === 'duplicate') lines.splice(index, 0, lines[index] ?? '');
    else if (kind === 'swap') {
      const second = other % Math.max(lines.length, 1);
      [lines[index], lines[second]] = [lines[second] ?? '', lines[index] ?? ''];
    } else if (kind === 'inject') lines.splice(index, 0, text);
    else if (kind === 'truncate') lines = lines.slice(0, index);
    else {
      const line = lines[index] ?? '';
      const cut = other % (line.length + 1);
      lines[index] = line.slice(0, cut) + text + line.slice(cut);
    }
  }
  return lines.join('\n');
}

describe('extractSeed on hostile input', () => {
  it('never throws on random strings, and returns a well-formed result', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'binary-ascii', maxLength: 300 }), fc.string({ maxLength: 300 })), (markdown) => {
        expectWellFormed(markdown, extractSeed(markdown));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on Markdown-looking line soups', () => {
    fc.assert(
      fc.property(soup, (markdown) => {
        expectWellFormed(markdown, extractSeed(markdown));
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on mutated canonical records (lines deleted, duplicated, swapped, injected, truncated)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 6 }), (seed, mutations) => {
        const markdown = mutate(renderDiscoveryRecord(seed, { trajectory: [{ turn: 1, field: 'purpose', value: 'first idea' }] }), mutations);
        expectWellFormed(markdown, extractSeed(markdown));
      }),
      { numRuns: 3000 },
    );
  });

  it('returns ok: false rather than throwing for input that is not text', () => {
    for (const input of [undefined, null, 42, {}, ['# x'], Buffer.from('# x')]) {
      const result = extractSeed(input as unknown as string);
      expect(result).toMatchObject({ ok: false, issues: [{ code: 'EXTRACT_NOT_TEXT', line: 1, column: 1 }], partial: {}, metadata: {} });
    }
  });
});
