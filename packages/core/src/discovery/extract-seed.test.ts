// What extractSeed accepts (SPEC §4.2), one tolerance at a time, with hand-written fixtures.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIELDS, NAME_TITLES, type FieldKey } from '../fields';
import type { Seed } from '../seed';
import { extractSeed, type ExtractSeedResult } from './extract-seed';

const fixture = (name: string) => readFileSync(new URL(`../../../../fixtures/discovery-records/${name}`, import.meta.url), 'utf8');

const BASE: Seed = {
  name: 'Tea club',
  purpose: 'A monthly tasting.',
  audience: 'Colleagues.',
  voice: 'Relaxed.',
  constraints: ['No coffee.'],
  success: ['People come back.'],
  additionalAssertions: [],
};

const NEWSLETTER: Seed = {
  name: 'Loomworks marketing',
  purpose: 'A weekly newsletter about what the studio is making.',
  audience: 'Small product teams who hire outside design help.',
  voice: 'Warm, plain and a little dry.',
  constraints: ['Never promise delivery dates.', 'Keep each issue under 600 words.'],
  success: ['People reply to the newsletter.', 'Unsubscribes stay under 1% per issue.'],
  additionalAssertions: [
    { key: 'Owner', value: 'Mira runs it; Tomas edits.' },
    { key: 'Sending day', value: 'Monday, 8:00 local time' },
  ],
};

const FRONTMATTER = ['---', 'engagement: Tea club', '---', ''];
const FIELD_LINES: Record<FieldKey, string[]> = {
  purpose: ["## 1. What we're making", 'A monthly tasting.'],
  audience: ["## 2. Who it's for", 'Colleagues.'],
  voice: ['## 3. How it should sound', 'Relaxed.'],
  constraints: ['## 4. Rules to follow', '- No coffee.'],
  success: ["## 5. Signs it's working", '- People come back.'],
  additionalAssertions: [],
};

/** The Tea club record with some fields' sections (heading included) replaced. */
function record(replace: Partial<Record<FieldKey, string[]>> = {}, head = FRONTMATTER): string {
  const lines = [...head];
  for (const field of FIELDS) lines.push(...(replace[field.key] ?? FIELD_LINES[field.key]), '');
  return lines.join('\n');
}

function expectSeed(result: ExtractSeedResult, seed: Seed): void {
  expect(result).toEqual({ ok: true, seed, warnings: [], metadata: expect.any(Object) });
}

function warningCodes(result: ExtractSeedResult): string[] {
  return result.warnings.map((warning) => warning.code);
}

describe('extractSeed: line endings, BOM, whitespace and frontmatter', () => {
  it('reads CRLF, LF and lone CR line endings alike', () => {
    const lf = record();
    expectSeed(extractSeed(lf.replaceAll('\n', '\r\n')), BASE);
    expectSeed(extractSeed(lf.replaceAll('\n', '\r')), BASE);
    expectSeed(extractSeed(lf), BASE);
  });

  it('ignores a leading BOM, which also does not count as a column', () => {
    expectSeed(extractSeed(`\ufeff${record()}`), BASE);
    const result = extractSeed(`\ufeff## Notes\n${record({}, [])}`);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'EXTRACT_UNKNOWN_SECTION', line: 1, column: 1 })]);
  });

  it('ignores trailing spaces and tabs on every line', () => {
    const padded = record()
      .split('\n')
      .map((line, index) => line + [' ', '\t', '  \t '][index % 3])
      .join('\n');
    expectSeed(extractSeed(padded), BASE);
  });

  it('reads a hand-edited record with CRLF, a BOM, trailing whitespace and tab indentation', () => {
    expectSeed(extractSeed(fixture('crlf-bom-trailing-whitespace.md')), {
      ...NEWSLETTER,
      purpose: 'A weekly newsletter about what the studio is making.\n\nIt goes out on Mondays.',
      constraints: ['Never promise delivery dates.', 'Keep each issue under 600 words;\nthe yearly issue may run longer.'],
      success: ['People reply to the newsletter.'],
      additionalAssertions: [{ key: 'Owner', value: 'Mira runs it; Tomas edits.' }],
    });
  });

  it('does without frontmatter, taking the name from the title and dropping "— Discovery record"', () => {
    const result = extractSeed(fixture('no-frontmatter.md'));
    expectSeed(result, NEWSLETTER);
    expect(result.ok && result.metadata).toEqual({});
  });

  it('returns the frontmatter as metadata, skipping comments and keys it does not know', () => {
    const markdown = record({}, [
      '---',
      '# written by hand',
      'format: discovery-record/v1',
      "engagement: 'Tea club'",
      'session: 01JDQ6Z7N3K4V8W2X5Y9A0B1C2   # the session id',
      'created: 2026-11-26T10:00:00.000Z',
      'companion: "anthropic:claude"',
      'tags:',
      '  - tea',
      'prompts:',
      '  create_engagement_active: sha256:abc',
      '  "create_engagement/purpose": sha256:def',
      '---',
      '',
    ]);
    expect(extractSeed(markdown)).toEqual({
      ok: true,
      seed: BASE,
      warnings: [],
      metadata: {
        format: 'discovery-record/v1',
        engagement: 'Tea club',
        session: '01JDQ6Z7N3K4V8W2X5Y9A0B1C2',
        created: '2026-11-26T10:00:00.000Z',
        companion: 'anthropic:claude',
        prompts: { create_engagement_active: 'sha256:abc', 'create_engagement/purpose': 'sha256:def' },
      },
    });
  });
});

describe('extractSeed: field headings', () => {
  it('accepts headings of level 1 to 4, but not 5', () => {
    for (const level of [1, 2, 3, 4]) {
      const hashes = '#'.repeat(level);
      expectSeed(extractSeed(record({ voice: [`${hashes} 3. How it should sound`, 'Relaxed.'] })), BASE);
    }
    const result = extractSeed(record({ voice: ['##### 3. How it should sound', 'Relaxed.'] }));
    expect(result).toMatchObject({ ok: false, issues: [{ code: 'EXTRACT_MISSING_FIELD', field: 'voice' }] });
  });

  it('recognises a field by its number: "1.", "1)", "Field 1", "Field 1 —", "Field 1:"', () => {
    for (const heading of ['## 1. Anything at all', '## 1) Anything', '## Field 1', '## Field 1 — Anything', '## Field 1: Anything', '## FIELD 1', '## **1.** Anything']) {
      expectSeed(extractSeed(record({ purpose: [heading, 'A monthly tasting.'] })), BASE);
    }
  });

  it('recognises a field by its key, in camelCase or snake_case', () => {
    const keys: Record<FieldKey, string> = {
      purpose: 'purpose',
      audience: 'Audience',
      voice: 'VOICE',
      constraints: 'constraints',
      success: 'success',
      additionalAssertions: 'additional_assertions',
    };
    const replace = Object.fromEntries(
      FIELDS.map((field) => [field.key, [`## ${keys[field.key]}`, ...(FIELD_LINES[field.key].slice(1).length ? FIELD_LINES[field.key].slice(1) : ['- **Cups:** two'])]]),
    );
    expectSeed(extractSeed(record(replace)), { ...BASE, additionalAssertions: [{ key: 'Cups', value: 'two' }] });
    expectSeed(extractSeed(record({ additionalAssertions: ['## additionalAssertions', '- **Cups:** two'] })), { ...BASE, additionalAssertions: [{ key: 'Cups', value: 'two' }] });
  });

  it('recognises every title of the table, ignoring case, punctuation and emphasis', () => {
    const decorate = [(title: string) => title, (title: string) => `**${title}**`, (title: string) => `_${title.toUpperCase()}_`, (title: string) => `${title.replace("'", '’')}:`];
    for (const field of FIELDS) {
      for (const [index, title] of field.titles.entries()) {
        const heading = `## ${(decorate[index % decorate.length] as (title: string) => string)(title)}`;
        const body = field.key === 'additionalAssertions' ? ['- **Cups:** two'] : FIELD_LINES[field.key].slice(1);
        const expected = field.key === 'additionalAssertions' ? { ...BASE, additionalAssertions: [{ key: 'Cups', value: 'two' }] } : BASE;
        expectSeed(extractSeed(record({ [field.key]: [heading, ...body] })), expected);
      }
    }
  });

  it('lets a number decide over a title: "2. Purpose" is Field 2', () => {
    const result = extractSeed(record({ purpose: ['## 1. Audience', 'A monthly tasting.'], audience: ['## 2. Purpose', 'Colleagues.'] }));
    expectSeed(result, BASE);
  });

  it('drops a closing run of # from a heading', () => {
    expectSeed(extractSeed(record({ voice: ['## How it should sound ##', 'Relaxed.'] })), BASE);
  });

  it('reads fixtures written with field numbers, keys, plain titles and a nested name section', () => {
    expectSeed(extractSeed(fixture('field-numbers-and-keys.md')), {
      ...NEWSLETTER,
      name: 'Loomworks: marketing',
      success: ['People reply to the newsletter.'],
      additionalAssertions: [
        { key: 'Owner', value: 'Mira runs it; Tomas edits.' },
        { key: 'Sending day', value: 'Monday, 8:00 local time' },
        { key: 'Format', value: 'plain text first, HTML second' },
        { key: 'Reply address', value: 'hello@loomworks.example' },
        { key: 'Time zone', value: 'Europe/Lisbon' },
        { key: 'URL', value: 'https://loomworks.example/newsletter' },
      ],
    });
    expectSeed(extractSeed(fixture('titles-and-name-section.md')), {
      ...NEWSLETTER,
      purpose: 'A weekly newsletter about what the studio is making.\nIt goes out on Mondays.',
      audience: 'Small product teams\nwho hire outside design help.',
      constraints: [
        'Never promise delivery dates.',
        'Keep each issue under 600 words;\nthe yearly issue may run longer.',
        'No stock photos.\nReal work only, with permission.',
      ],
      success: ['People reply to the newsletter.'],
      additionalAssertions: [],
    });
  });
});

describe('extractSeed: the name', () => {
  const withName = (head: string[], nameSection: string[] = []) => record({ purpose: [...nameSection, ...FIELD_LINES.purpose] }, head);

  it('takes the frontmatter engagement over a name section and the title, and warns that they differ', () => {
    const result = extractSeed(withName(['---', 'engagement: Tea club', '---', '', '# Coffee club', ''], ['## Name', 'Cocoa club', '']));
    expect(result).toMatchObject({ ok: true, seed: { name: 'Tea club' } });
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: 'EXTRACT_NAME_MISMATCH', line: 5, column: 1, field: 'name' }),
      expect.objectContaining({ code: 'EXTRACT_NAME_MISMATCH', line: 8, column: 1, field: 'name' }),
    ]);
  });

  it('takes a name section over the title; every name title is accepted', () => {
    for (const title of [...NAME_TITLES, 'name']) {
      const result = extractSeed(withName(['# Tea club', ''], [`## ${title}`, 'Tea club', '']));
      expectSeed(result, BASE);
    }
    expect(extractSeed(withName([], ['## Project name', '', 'Tea club', '']))).toMatchObject({ ok: true, seed: { name: 'Tea club' } });
  });

  it('uses the first line of the name section, ignoring the rest with a warning', () => {
    const result = extractSeed(withName([], ['## Name', 'Tea club', 'a club for tea', '']));
    expect(result).toMatchObject({ ok: true, seed: { name: 'Tea club' }, warnings: [{ code: 'EXTRACT_NAME_EXTRA_LINES', line: 3 }] });
  });

  it('counts the name section as part of Field 1, not a second purpose section', () => {
    const markdown = record({ purpose: ["## 1. What we're making", '### Name', 'Tea club', '### Purpose', 'A monthly tasting.'] }, []);
    expectSeed(extractSeed(markdown), BASE);
  });

  it('drops a trailing "— Discovery record" (or "– …", "- …", ": …") from the title', () => {
    for (const title of ['Tea club — Discovery record', 'Tea club – discovery record', 'Tea club - Discovery Record', 'Tea club: Discovery record', 'Tea club']) {
      expectSeed(extractSeed(record({}, [`# ${title}`, ''])), BASE);
    }
  });

  it('reads double- and single-quoted engagement values', () => {
    expect(extractSeed(record({}, ['---', 'engagement: "Tea \\"club\\" \\u00e9"', '---']))).toMatchObject({ seed: { name: 'Tea "club" é' } });
    expect(extractSeed(record({}, ['---', "engagement: 'Tea ''club'''", '---']))).toMatchObject({ seed: { name: "Tea 'club'" } });
  });
});

describe('extractSeed: lists', () => {
  it('accepts -, *, +, 1. and 1) markers', () => {
    for (const markers of [['- ', '- '], ['* ', '* '], ['+ ', '+ '], ['1. ', '2. '], ['1) ', '2) ']]) {
      const result = extractSeed(record({ constraints: ['## 4. Rules to follow', `${markers[0]}No coffee.`, `${markers[1]}No biscuits.`] }));
      expectSeed(result, { ...BASE, constraints: ['No coffee.', 'No biscuits.'] });
    }
  });

  it('continues an item with indented lines (blank lines inside kept) and with lazy lines', () => {
    const constraints = ['## 4. Rules to follow', '- No coffee,', '  not even decaf.', '', '  Really.', '- No biscuits', 'at the table.', '10. Ten', '    is wider.'];
    expectSeed(extractSeed(record({ constraints })), { ...BASE, constraints: ['No coffee,\nnot even decaf.\n\nReally.', 'No biscuits\nat the table.', 'Ten\nis wider.'] });
  });

  it('reads a single paragraph as one item, and separate paragraphs as separate items', () => {
    expectSeed(extractSeed(record({ success: ["## 5. Signs it's working", 'People come back', 'every month.'] })), { ...BASE, success: ['People come back\nevery month.'] });
    expectSeed(extractSeed(record({ success: ["## 5. Signs it's working", 'People come back.', '', 'They bring friends.'] })), { ...BASE, success: ['People come back.', 'They bring friends.'] });
  });

  it('keeps a nested list as part of its item text, and treats a thematic break as a separator', () => {
    const constraints = ['## 4. Rules to follow', '- No coffee:', '  - not even decaf', '  - not even iced', '', '---', '', '- No biscuits.'];
    expectSeed(extractSeed(record({ constraints })), { ...BASE, constraints: ['No coffee:\n- not even decaf\n- not even iced', 'No biscuits.'] });
  });
});

describe('extractSeed: Field 6', () => {
  const field6 = (...lines: string[]) => record({ additionalAssertions: ['## 6. Also true', ...lines] });
  const entries = (...pairs: [string, string][]) => ({ ...BASE, additionalAssertions: pairs.map(([key, value]) => ({ key, value })) });

  it('accepts every list entry form', () => {
    const markdown = field6('- **Cups:** two', '- **Pot**: one', '- Milk: on the side', '- **Sugar** — none', '- Lemon — a slice', '- Honey – a spoon', '- Water - boiled');
    expectSeed(extractSeed(markdown), entries(['Cups', 'two'], ['Pot', 'one'], ['Milk', 'on the side'], ['Sugar', 'none'], ['Lemon', 'a slice'], ['Honey', 'a spoon'], ['Water', 'boiled']));
  });

  it('splits a colon entry at its first colon and a dash entry at its first spaced dash; a colon without a space does not split', () => {
    const markdown = field6('- Ratio: 16:9 — wide', '- Aspect — 16:9: wide', '- **Time:** 9:30 - 10:00', '- Site: https://tea.example/club');
    expectSeed(extractSeed(markdown), entries(['Ratio', '16:9 — wide'], ['Aspect', '16:9: wide'], ['Time', '9:30 - 10:00'], ['Site', 'https://tea.example/club']));
  });

  it('continues a value on indented lines', () => {
    expectSeed(extractSeed(field6('- **Cups:** two', '  or three', '', '  on Fridays.', '- **Pot:**', '  one')), entries(['Cups', 'two\nor three\n\non Fridays.'], ['Pot', 'one']));
  });

  it('accepts a two-column table whose first row is its header, with or without outer pipes', () => {
    expectSeed(extractSeed(field6('| Key | Value |', '| --- | :---: |', '| Cups | two |', '| Pipe | a \\| b |')), entries(['Cups', 'two'], ['Pipe', 'a | b']));
    expectSeed(extractSeed(field6('Key | Value', '--- | ---', 'Cups | two')), entries(['Cups', 'two']));
    expectSeed(extractSeed(fixture('field6-table.md')), { ...NEWSLETTER, constraints: ['Never promise delivery dates.'], success: ['People reply to the newsletter.'], additionalAssertions: [...NEWSLETTER.additionalAssertions, { key: 'Pipes', value: 'a | b' }] });
  });

  it('accepts sub-headings one level deeper, followed by text; a heading at the Field 6 level ends it', () => {
    const markdown = field6('### Cups', 'two', '#### Why', 'tradition', '### Pot', '', 'one', '## Notes', 'ignored');
    const result = extractSeed(markdown);
    expect(result).toMatchObject({ ok: true, seed: entries(['Cups', 'two\n#### Why\ntradition'], ['Pot', 'one']) });
    expect(warningCodes(result)).toEqual(['EXTRACT_UNKNOWN_SECTION']);
    expectSeed(extractSeed(fixture('field6-subheadings.md')), {
      ...NEWSLETTER,
      constraints: ['Never promise delivery dates.'],
      success: ['People reply to the newsletter.'],
      additionalAssertions: [
        { key: 'Owner', value: 'Mira runs it; Tomas edits.' },
        { key: 'Sending day', value: 'Monday, 8:00 local time.\nIf Monday is a holiday, Tuesday.' },
      ],
    });
  });

  it('reads an empty, "Nothing else.", "None" or "N/A" Field 6 — or none at all — as no entries', () => {
    for (const body of [[], ['Nothing else.'], ['None'], ['_N/A_'], ['nothing']]) expectSeed(extractSeed(field6(...body)), BASE);
    expectSeed(extractSeed(record()), BASE);
  });
});

describe('extractSeed: escapes, code and comments', () => {
  it('decodes backslash escapes and numeric references, and keeps other backslashes and named entities', () => {
    const result = extractSeed(record({ voice: ['## 3. How it should sound', '\\# not a heading \\*x\\* &#x41;&#66;&#128512; \\d &amp; &#xZZ;'] }));
    expect(result).toMatchObject({ ok: true, seed: { voice: '# not a heading *x* AB😀 \\d &amp; &#xZZ;' } });
  });

  it('keeps fenced code and HTML comments verbatim and never reads them as structure', () => {
    const result = extractSeed(fixture('fences-comments-and-extra-sections.md'));
    expect(result).toEqual({
      ok: true,
      seed: {
        ...NEWSLETTER,
        purpose: "A weekly newsletter. Every issue ends with a snippet:\n\n```markdown\n## 2. Who it's for\n- this is inside a code block, not a section\n```",
        audience: 'Small product teams <!-- mostly founders\n## 3. not a heading, this is inside a comment\n--> who hire outside design help.',
        constraints: ['Never promise delivery dates.', 'Code samples are formatted like this:\n~~~\n# comment, not a heading\n- not an item\n~~~', 'Keep each issue under 600 words.'],
        success: ['People reply to the newsletter.'],
        additionalAssertions: [{ key: 'Owner', value: 'Mira' }],
      },
      warnings: [expect.objectContaining({ code: 'EXTRACT_UNKNOWN_SECTION', line: 23 })],
      metadata: expect.any(Object),
    });
  });

  it('does not decode escapes inside a fence or a comment', () => {
    const result = extractSeed(record({ voice: ['## 3. How it should sound', '```', '\\# raw &#32;', '```', 'a <!-- \\# raw --> \\# b'] }));
    expect(result).toMatchObject({ ok: true, seed: { voice: '```\n\\# raw &#32;\n```\na <!-- \\# raw --> # b' } });
  });
});

describe('extractSeed: sections that are not fields', () => {
  it('ignores "How we got here", "Conversation" and "Trajectory" without a warning, whatever they hold', () => {
    for (const title of ['How we got here', 'Conversation', 'Trajectory']) {
      expectSeed(extractSeed(`${record()}\n## ${title}\n### Operator\nLet's start.\n- **Cups:** five\n#### Companion\n\\## 4) Rules\n`), BASE);
    }
  });

  it('still opens a field section for a field heading that follows an ignored section', () => {
    const result = extractSeed(`${record()}\n## How we got here\n- Turn 1\n## 2. Who it's for\nEveryone.\n`);
    expect(result).toMatchObject({ ok: false, issues: [{ code: 'EXTRACT_DUPLICATE_SECTION', field: 'audience' }], warnings: [] });
  });

  it('skips an unknown section with a warning, including its deeper headings', () => {
    const result = extractSeed(record({ voice: ['## Open questions', 'Who pays?', '### Budget', 'Unknown.', ...FIELD_LINES.voice] }));
    expect(result).toMatchObject({ ok: true, seed: BASE });
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'EXTRACT_UNKNOWN_SECTION', line: 11, column: 1 })]);
  });

  it('keeps a deeper unknown heading inside a field as part of its text', () => {
    expectSeed(extractSeed(record({ purpose: ["## 1. What we're making", 'A monthly tasting.', '### Details', 'First Fridays.'] })), { ...BASE, purpose: 'A monthly tasting.\n### Details\nFirst Fridays.' });
  });
});
