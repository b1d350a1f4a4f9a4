import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LoomworksError } from '../errors';
import type { Seed, SeedDraft } from '../seed';
import { extractSeed } from './extract-seed';
import { renderDiscoveryRecord } from './render-discovery-record';

const fixture = (name: string) => readFileSync(new URL(`../../../../fixtures/discovery-records/${name}`, import.meta.url), 'utf8');

const goldenSeed: Seed = {
  name: 'Loomworks marketing',
  purpose: 'A weekly newsletter about what the studio is making.\n\nEach issue has three parts:\n- one project story\n- one tool we like\n# and a short "from the bench" note',
  audience: 'Small product teams who hire outside design help — mostly founders and their first designer.',
  voice: 'Warm, plain and a little dry. Never salesy.\nWrite like a colleague, not a brand.',
  constraints: ['Never promise delivery dates.', 'Keep each issue under 600 words.', "**No** stock photos.\n  Real work only, with the client's permission."],
  success: ['People reply to the newsletter.', 'Unsubscribes stay under 1% per issue.'],
  additionalAssertions: [
    { key: 'Owner', value: 'Mira runs it; Tomas edits.' },
    { key: 'Sending day', value: 'Monday, 8:00 local time' },
    { key: 'Paths: C:\\drafts\\', value: 'Drafts live in the shared drive.' },
  ],
};

const goldenOptions = {
  session: '01JDQ6Z7N3K4V8W2X5Y9A0B1C2',
  created: '2026-11-26T10:00:00.000Z',
  companion: 'guided',
  prompts: { create_engagement_active: 'sha256:5d41402abc4b2a76b9719d911017c592', 'create_engagement/purpose': 'sha256:7d793037a0760186574b0282f2f435e7' },
  trajectory: [
    { turn: 1, field: 'name' as const, value: 'Loomworks marketing' },
    { turn: 2, field: 'purpose' as const, value: 'A blog about the studio.', supersededAt: 4 },
    { turn: 4, field: 'purpose' as const, value: 'A weekly newsletter about what the studio is making.' },
  ],
};

const small: Seed = {
  name: 'Tea club',
  purpose: 'A monthly tasting.',
  audience: 'Colleagues.',
  voice: 'Relaxed.',
  constraints: ['No coffee.'],
  success: ['People come back.'],
  additionalAssertions: [],
};

describe('renderDiscoveryRecord', () => {
  it('renders the canonical layout of SPEC §4.1 (golden file fixtures/discovery-records/canonical.md)', () => {
    expect(renderDiscoveryRecord(goldenSeed, goldenOptions)).toBe(fixture('canonical.md'));
  });

  it('renders a minimal Seed with only the format and name in the frontmatter', () => {
    expect(renderDiscoveryRecord(small)).toMatchInlineSnapshot(`
      "---
      format: discovery-record/v1
      engagement: Tea club
      ---

      # Tea club

      ## 1. What we're making
      A monthly tasting.

      ## 2. Who it's for
      Colleagues.

      ## 3. How it should sound
      Relaxed.

      ## 4. Rules to follow
      - No coffee.

      ## 5. Signs it's working
      - People come back.

      ## 6. Also true
      Nothing else.
      "
    `);
  });

  it('is deterministic: equal input gives the same bytes, whatever order the prompts object was built in', () => {
    const reordered = { ...goldenOptions, prompts: Object.fromEntries(Object.entries(goldenOptions.prompts).reverse()) };
    expect(renderDiscoveryRecord(structuredClone(goldenSeed), reordered)).toBe(renderDiscoveryRecord(goldenSeed, goldenOptions));
  });

  it('writes a Date as an ISO timestamp and rejects an invalid one with E_INVALID_INPUT', () => {
    expect(renderDiscoveryRecord(small, { created: new Date(Date.UTC(2026, 10, 26, 10)) })).toContain('\ncreated: 2026-11-26T10:00:00.000Z\n');
    expect(() => renderDiscoveryRecord(small, { created: new Date(Number.NaN) })).toThrow(expect.objectContaining({ code: 'E_INVALID_INPUT' }));
  });

  it('quotes frontmatter values that YAML would not read back as the same text', () => {
    const quoted = renderDiscoveryRecord({ ...small, name: 'Tea: the club #1' }, { session: 'yes', companion: 'anthropic:claude-sonnet' });
    expect(quoted).toContain('\nengagement: "Tea: the club #1"\n');
    expect(quoted).toContain('\nsession: "yes"\n');
    expect(quoted).toContain('\ncompanion: anthropic:claude-sonnet\n');
    expect(extractSeed(quoted)).toMatchObject({ ok: true, metadata: { engagement: 'Tea: the club #1', session: 'yes', companion: 'anthropic:claude-sonnet' } });
  });

  it('escapes text that would otherwise read as structure, and reads it back unchanged', () => {
    const cases: [string, string][] = [
      ['# Heading', '\\# Heading'],
      ['## 2. Who it\'s for', '\\## 2. Who it\'s for'],
      ['- item', '\\- item'],
      ['* item', '\\* item'],
      ['+ item', '\\+ item'],
      ['1. item', '1\\. item'],
      ['12) item', '12\\) item'],
      ['---', '\\---'],
      ['* * *', '\\* * *'],
      ['___', '\\___'],
      ['| a | b |', '\\| a | b |'],
      ['```js', '\\```js'],
      ['~~~', '\\~~~'],
      ['see <!-- this', 'see \\<!-- this'],
      ['&#32; is a space', '\\&#32; is a space'],
      ['C:\\path\\', 'C:\\path\\\\'],
      ['\\* not emphasis', '\\\\* not emphasis'],
      ['#hashtag and -dash', '#hashtag and -dash'],
      ['NUL \u0000 and ESC \u001b', 'NUL &#0; and ESC &#27;'],
      ['lone \ud800 surrogate', 'lone &#55296; surrogate'],
    ];
    for (const [value, line] of cases) {
      const seed = { ...small, voice: value };
      const markdown = renderDiscoveryRecord(seed);
      expect(markdown).toContain(`## 3. How it should sound\n${line}\n`);
      expect(extractSeed(markdown)).toEqual({ ok: true, seed, warnings: [], metadata: expect.any(Object) });
    }
  });

  it('keeps inner indentation, blank lines and trailing spaces of multi-line values', () => {
    const seed: Seed = {
      ...small,
      purpose: 'first  \n\n    indented\n\tTabbed\t\nlast',
      constraints: ['item\n\n  - nested-looking\n   ', 'second'].map((item) => item.trim()),
      additionalAssertions: [{ key: 'Key', value: 'one\n  two  \n\nthree' }],
    };
    const markdown = renderDiscoveryRecord(seed);
    expect(markdown).toContain("## 1. What we're making\nfirst &#32;\n\n    indented\n\tTabbed&#9;\nlast\n");
    expect(markdown).toContain('- item\n\n    \\- nested-looking\n');
    expect(markdown).toContain('- **Key:** one\n    two &#32;\n\n  three\n');
    expect(extractSeed(markdown)).toMatchObject({ ok: true, seed });
  });

  it('reads back names that look like section headings, because the frontmatter carries the name', () => {
    for (const name of ['Purpose', "1. What we're making", 'Field 3 — Voice', 'How we got here', 'Name', '# x #', 'Notes — Discovery record']) {
      const seed = { ...small, name };
      expect(extractSeed(renderDiscoveryRecord(seed)), name).toEqual({ ok: true, seed, warnings: [], metadata: expect.any(Object) });
    }
  });

  it('writes the trajectory under "How we got here", which is never read back into the Seed', () => {
    const markdown = renderDiscoveryRecord(small, {
      trajectory: [
        { turn: 3, field: 'voice', value: 'Formal.\n## 1. What we\'re making\nSomething else', supersededAt: 5 },
        { turn: 5, field: 'voice', value: 'Relaxed.' },
      ],
    });
    expect(markdown).toContain(
      "## How we got here\n- Turn 3 — How it should sound (replaced at turn 5): Formal.\n  \\## 1. What we're making\n  Something else\n- Turn 5 — How it should sound: Relaxed.\n",
    );
    expect(extractSeed(markdown)).toEqual({ ok: true, seed: small, warnings: [], metadata: expect.any(Object) });
    expect(renderDiscoveryRecord(small, { trajectory: [] })).not.toContain('How we got here');
  });

  it('renders a draft: fields it lacks are left out, and extraction gives the same partial values back', () => {
    const draft: SeedDraft = { name: 'Tea club', audience: 'Colleagues.', constraints: ['No coffee.'], additionalAssertions: [] };
    const markdown = renderDiscoveryRecord(draft);
    expect(markdown).not.toContain("What we're making");
    const result = extractSeed(markdown);
    expect(result).toMatchObject({ ok: false, partial: draft });
    expect(result.ok ? [] : result.issues.map((issue) => [issue.code, issue.field])).toEqual([
      ['EXTRACT_MISSING_FIELD', 'purpose'],
      ['EXTRACT_MISSING_FIELD', 'voice'],
      ['EXTRACT_MISSING_FIELD', 'success'],
    ]);
    expect(renderDiscoveryRecord({})).toBe('---\nformat: discovery-record/v1\n---\n');
  });

  it('normalises draft text the way the schema does, so no carriage return reaches the document', () => {
    const markdown = renderDiscoveryRecord({ name: '  Tea club\r\n', purpose: 'one\r\ntwo\rthree  ' });
    expect(markdown).not.toContain('\r');
    expect(extractSeed(markdown)).toMatchObject({ partial: { name: 'Tea club', purpose: 'one\ntwo\nthree' } });
  });

  it('rejects values of the wrong type with E_INVALID_SEED', () => {
    for (const bad of [null, 'text', { name: 3 }, { constraints: 'one' }, { success: [1] }, { additionalAssertions: [{ key: 'k' }] }]) {
      let caught: unknown;
      try {
        renderDiscoveryRecord(bad as unknown as SeedDraft);
      } catch (error) {
        caught = error;
      }
      expect(LoomworksError.is(caught, 'E_INVALID_SEED'), JSON.stringify(bad)).toBe(true);
    }
  });
});
