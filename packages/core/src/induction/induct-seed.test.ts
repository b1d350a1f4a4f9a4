import { PLAIN_TERMS, lintPlainTerms } from '@loomworks/prompts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LoomworksError } from '../errors';
import { FIELDS, type FieldKey } from '../fields';
import type { EngagementRecord, StoreOperations } from '../store';
import { INDUCTION_FINDING_CODES, inductSeed, type Finding, type FindingCode, type InductionContext } from './index';

const CLEAN = {
  name: 'Harbour Letters',
  purpose: 'A weekly letter about life in a small harbour town.',
  audience: 'People who live near the harbour, and visitors planning a trip.',
  voice: 'Warm, local and unhurried, like a neighbour at the gate.',
  constraints: ['Every story names a real place', 'No more than six hundred words a week'],
  success: ['Readers write back', 'Local shops ask to be included'],
  additionalAssertions: [{ key: 'Schedule', value: 'Sent every Friday morning' }],
};

type SeedOverrides = { [key: string]: unknown };

function seedWith(overrides: SeedOverrides, without: readonly string[] = []): Record<string, unknown> {
  const seed: Record<string, unknown> = { ...structuredClone(CLEAN), ...overrides };
  for (const key of without) delete seed[key];
  return seed;
}

/** The findings as [code, field, item] triples: what a caller acts on. */
async function findingsOf(seed: unknown, context?: InductionContext): Promise<Array<[FindingCode, FieldKey | undefined, number | undefined]>> {
  const { findings } = await inductSeed(seed, context);
  return findings.map((finding) => [finding.code, finding.field, finding.item]);
}

type FakeStore = StoreOperations & { calls: Array<[string, string]> };

/** Implements only the one method induction uses, and records its calls. */
function createFakeStore(existing: ReadonlyArray<Pick<EngagementRecord, 'id' | 'name'>>): FakeStore {
  const calls: Array<[string, string]> = [];
  const fake = {
    calls,
    async findEngagementsByNameKey(operatorId: string, nameKey: string): Promise<EngagementRecord[]> {
      calls.push([operatorId, nameKey]);
      return existing.map((record) => ({
        ...record,
        operatorId,
        nameKey,
        status: 'active',
        inductionStatus: 'induction-pass-clean',
        seedVersion: 1,
        sessionId: null,
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      }));
    },
  };
  return fake as unknown as FakeStore;
}

describe('inductSeed', () => {
  it('passes a complete, plain Seed clean', async () => {
    expect(await inductSeed(CLEAN)).toEqual({ status: 'induction-pass-clean', findings: [] });
    expect(await inductSeed(seedWith({}, ['additionalAssertions']))).toEqual({ status: 'induction-pass-clean', findings: [] });
    expect(await inductSeed(seedWith({ additionalAssertions: [] }))).toEqual({ status: 'induction-pass-clean', findings: [] });
  });

  it('rejects with E_INVALID_SEED only when the input is not an object', async () => {
    for (const input of [null, undefined, 'a Seed', 42, true, [], [CLEAN]]) {
      const error = await inductSeed(input).then(
        () => undefined,
        (rejection: unknown) => rejection,
      );
      expect(LoomworksError.is(error, 'E_INVALID_SEED')).toBe(true);
    }
    await expect(inductSeed({})).resolves.toMatchObject({ status: 'induction-fail' });
  });

  it('documents every code and gives each one a fixed severity', async () => {
    expect(new Set(INDUCTION_FINDING_CODES).size).toBe(INDUCTION_FINDING_CODES.length);
    const { findings } = await inductSeed({ name: 'TBD', purpose: 7, extra: 1, constraints: ['a', 'A', ''], success: [] });
    for (const finding of findings) expect(INDUCTION_FINDING_CODES).toContain(finding.code);
  });

  describe('required fields', () => {
    it('fails a missing or empty name with a code of its own, on Field 1', async () => {
      for (const name of [undefined, null, '', '  \n ']) {
        const seed = name === undefined ? seedWith({}, ['name']) : seedWith({ name });
        expect(await findingsOf(seed)).toEqual([['INDUCTION_NAME_MISSING', 'purpose', undefined]]);
      }
      expect(await findingsOf(seedWith({ name: 'H' }))).toEqual([]);
    });

    it.each(['purpose', 'audience', 'voice', 'constraints', 'success'] as const)('fails when %s is absent, null or empty', async (field) => {
      const empty = field === 'constraints' || field === 'success' ? [] : ' \r\n ';
      expect(await findingsOf(seedWith({}, [field]))).toEqual([['INDUCTION_FIELD_MISSING', field, undefined]]);
      expect(await findingsOf(seedWith({ [field]: null }))).toEqual([['INDUCTION_FIELD_MISSING', field, undefined]]);
      expect(await findingsOf(seedWith({ [field]: empty }))).toEqual([['INDUCTION_FIELD_MISSING', field, undefined]]);
    });

    it('reports every missing field of an empty draft, in field order', async () => {
      const result = await inductSeed({});
      expect(result.status).toBe('induction-fail');
      expect(result.findings.map((finding) => [finding.code, finding.field])).toEqual([
        ['INDUCTION_NAME_MISSING', 'purpose'],
        ['INDUCTION_FIELD_MISSING', 'purpose'],
        ['INDUCTION_FIELD_MISSING', 'audience'],
        ['INDUCTION_FIELD_MISSING', 'voice'],
        ['INDUCTION_FIELD_MISSING', 'constraints'],
        ['INDUCTION_FIELD_MISSING', 'success'],
      ]);
    });
  });

  describe('shape', () => {
    it('fails properties that are not part of a Seed', async () => {
      expect(await findingsOf(seedWith({ additional_assertions: {} }))).toEqual([['INDUCTION_UNKNOWN_FIELD', undefined, undefined]]);
      expect(await findingsOf(seedWith({ additionalAssertions: [{ key: 'Schedule', value: 'Fridays', note: 'x' }] }))).toEqual([
        ['INDUCTION_UNKNOWN_FIELD', 'additionalAssertions', 0],
      ]);
    });

    it('fails wrong types as findings, never exceptions', async () => {
      expect(await findingsOf(seedWith({ name: 42 }))).toEqual([['INDUCTION_NAME_INVALID', 'purpose', undefined]]);
      expect(await findingsOf(seedWith({ audience: ['People'] }))).toEqual([['INDUCTION_WRONG_TYPE', 'audience', undefined]]);
      expect(await findingsOf(seedWith({ constraints: 'Be kind' }))).toEqual([['INDUCTION_WRONG_TYPE', 'constraints', undefined]]);
      expect(await findingsOf(seedWith({ success: ['Readers write back', 5] }))).toEqual([['INDUCTION_WRONG_TYPE', 'success', 1]]);
      expect(await findingsOf(seedWith({ additionalAssertions: { Schedule: 'Fridays' } }))).toEqual([['INDUCTION_WRONG_TYPE', 'additionalAssertions', undefined]]);
      expect(await findingsOf(seedWith({ additionalAssertions: ['Schedule: Fridays'] }))).toEqual([['INDUCTION_WRONG_TYPE', 'additionalAssertions', 0]]);
      expect(await findingsOf(seedWith({ additionalAssertions: [{ key: 'Schedule', value: 5 }] }))).toEqual([['INDUCTION_WRONG_TYPE', 'additionalAssertions', 0]]);
    });

    it('fails empty list items and entries without a key or value', async () => {
      expect(await findingsOf(seedWith({ constraints: ['Every story names a real place', '  '] }))).toEqual([['INDUCTION_EMPTY_ITEM', 'constraints', 1]]);
      expect(await findingsOf(seedWith({ success: [null] }))).toEqual([['INDUCTION_EMPTY_ITEM', 'success', 0]]);
      expect(await findingsOf(seedWith({ additionalAssertions: [{ key: ' ', value: 'Fridays' }] }))).toEqual([['INDUCTION_EMPTY_ITEM', 'additionalAssertions', 0]]);
      expect(await findingsOf(seedWith({ additionalAssertions: [{ key: 'Schedule' }] }))).toEqual([['INDUCTION_EMPTY_ITEM', 'additionalAssertions', 0]]);
    });
  });

  describe('limits from the schema', () => {
    it('fails a name that is too long or more than one line', async () => {
      expect(await findingsOf(seedWith({ name: 'a'.repeat(121) }))).toEqual([['INDUCTION_NAME_INVALID', 'purpose', undefined]]);
      expect(await findingsOf(seedWith({ name: 'Harbour\nLetters' }))).toEqual([['INDUCTION_NAME_INVALID', 'purpose', undefined]]);
      expect(await findingsOf(seedWith({ name: 'a'.repeat(120) }))).toEqual([]);
    });

    it('measures text after trimming, like the schema', async () => {
      expect(await findingsOf(seedWith({ purpose: 'a'.repeat(4001) }))).toEqual([['INDUCTION_LIMIT', 'purpose', undefined]]);
      expect(await findingsOf(seedWith({ purpose: `  ${'a'.repeat(4000)}\n` }))).toEqual([]);
    });

    it('fails too many items, too-long items and too-long or multi-line Field 6 keys', async () => {
      const rules = (count: number) => Array.from({ length: count }, (_, index) => `Rule number ${index + 1}`);
      expect(await findingsOf(seedWith({ constraints: rules(51) }))).toEqual([['INDUCTION_LIMIT', 'constraints', undefined]]);
      expect(await findingsOf(seedWith({ constraints: rules(50) }))).toEqual([]);
      expect(await findingsOf(seedWith({ success: ['Readers write back', 'a'.repeat(501)] }))).toEqual([['INDUCTION_LIMIT', 'success', 1]]);
      expect(await findingsOf(seedWith({ additionalAssertions: [{ key: 'a'.repeat(81), value: 'v' }] }))).toEqual([['INDUCTION_LIMIT', 'additionalAssertions', 0]]);
      expect(await findingsOf(seedWith({ additionalAssertions: [{ key: 'Two\nlines', value: 'v' }] }))).toEqual([['INDUCTION_LIMIT', 'additionalAssertions', 0]]);
      const entries = (count: number) => Array.from({ length: count }, (_, index) => ({ key: `Entry ${index + 1}`, value: 'v' }));
      expect(await findingsOf(seedWith({ additionalAssertions: entries(101) }))).toEqual([['INDUCTION_LIMIT', 'additionalAssertions', undefined]]);
      expect(await findingsOf(seedWith({ additionalAssertions: entries(100) }))).toEqual([]);
    });

    it('still checks each item when the list is also too long', async () => {
      const rules = Array.from({ length: 51 }, (_, index) => `Rule number ${index + 1}`);
      rules[3] = '';
      expect(await findingsOf(seedWith({ constraints: rules }))).toEqual([
        ['INDUCTION_LIMIT', 'constraints', undefined],
        ['INDUCTION_EMPTY_ITEM', 'constraints', 3],
      ]);
    });
  });

  describe('placeholders', () => {
    const placeholders = ['TBD', 'tbd.', ' TBD ', 'T.B.D.', 'TODO', 'to do', 'To-Do', 'TODO: write this', 'N/A', 'n/a', 'n.a.', '???', '...', '-', '—', 'lorem ipsum', 'Lorem ipsum dolor sit amet…', '<fill in>', '<fill in here>', '[fill in]', '<audience>', '{{voice}}', 'xxx', 'XXXX', 'to be confirmed', 'placeholder'];

    it.each(placeholders)('fails %j as a whole value, item, entry or name', async (placeholder) => {
      expect(await findingsOf(seedWith({ audience: placeholder }))).toEqual([['INDUCTION_PLACEHOLDER', 'audience', undefined]]);
      expect(await findingsOf(seedWith({ constraints: ['Every story names a real place', placeholder] }))).toEqual([['INDUCTION_PLACEHOLDER', 'constraints', 1]]);
      expect(await findingsOf(seedWith({ additionalAssertions: [{ key: 'Schedule', value: placeholder }] }))).toEqual([['INDUCTION_PLACEHOLDER', 'additionalAssertions', 0]]);
      expect(await findingsOf(seedWith({ name: placeholder }))).toEqual([['INDUCTION_NAME_PLACEHOLDER', 'purpose', undefined]]);
    });

    it.each(['Anything marked tbd gets a second look', 'To do lists for busy teachers', 'Not applicable to children', 'Why? Because', 'Lorem ipsum text never appears in drafts', 'x', 'Fill in the gaps in the tide tables'])(
      'accepts %j, which only mentions a placeholder',
      async (answer) => {
        expect(await findingsOf(seedWith({ audience: answer, constraints: [answer] }))).toEqual([]);
      },
    );
  });

  describe('duplicates', () => {
    it('fails a Field 6 key that repeats an earlier one ignoring case, on the later entry', async () => {
      const additionalAssertions = [
        { key: 'Schedule', value: 'Fridays' },
        { key: 'Price', value: 'Free' },
        { key: ' SCHEDULE ', value: 'Mondays' },
      ];
      const result = await inductSeed(seedWith({ additionalAssertions }));
      expect(result.status).toBe('induction-fail');
      expect(result.findings.map((finding) => [finding.code, finding.severity, finding.field, finding.item])).toEqual([
        ['INDUCTION_DUPLICATE_KEY', 'fail', 'additionalAssertions', 2],
      ]);
      expect(await findingsOf(seedWith({ additionalAssertions: [additionalAssertions[0], { key: 'Schedules', value: 'Fridays' }] }))).toEqual([]);
    });

    it('notes a list item that repeats an earlier one, trimmed and ignoring case', async () => {
      const result = await inductSeed(seedWith({ constraints: ['Be kind', 'Be brave', ' be kind ', 'Be Kind'] }));
      expect(result.status).toBe('induction-pass-with-notes');
      expect(result.findings.map((finding) => [finding.code, finding.severity, finding.field, finding.item])).toEqual([
        ['INDUCTION_DUPLICATE_ITEM', 'note', 'constraints', 2],
        ['INDUCTION_DUPLICATE_ITEM', 'note', 'constraints', 3],
      ]);
      // Different items, and the same item in two different lists, are not duplicates.
      expect(await findingsOf(seedWith({ constraints: ['Be kind', 'Be kinder'], success: ['Be kind'] }))).toEqual([]);
    });
  });

  describe('abbreviations', () => {
    it('notes an unexplained abbreviation once, at its first use', async () => {
      const result = await inductSeed(seedWith({ audience: 'Bakers who use a CRM daily', constraints: ['Works with any CRM', 'Every story names a real place'] }));
      expect(result.status).toBe('induction-pass-with-notes');
      expect(result.findings.map((finding) => [finding.code, finding.severity, finding.field, finding.item])).toEqual([
        ['INDUCTION_UNEXPLAINED_ABBREVIATION', 'note', 'audience', undefined],
      ]);
      expect(result.findings[0]?.message).toContain('\u201CCRM\u201D');
    });

    it('reports the field and item of the first use', async () => {
      expect(await findingsOf(seedWith({ success: ['Readers write back', 'More B2B and R&D readers'] }))).toEqual([
        ['INDUCTION_UNEXPLAINED_ABBREVIATION', 'success', 1],
        ['INDUCTION_UNEXPLAINED_ABBREVIATION', 'success', 1],
      ]);
      const { findings } = await inductSeed(seedWith({ success: ['More B2B and R&D readers'] }));
      expect(findings.map((finding) => finding.message.match(/\u201C([^\u201D]+)\u201D/u)?.[1])).toEqual(['B2B', 'R&D']);
    });

    it.each([
      ['expansion then abbreviation', { audience: 'Bakers who use customer relationship management (CRM) software' }],
      ['abbreviation then expansion', { audience: 'Bakers who use a CRM (customer relationship management) tool' }],
      ['explained later in the Seed', { purpose: 'A letter for CRM users', audience: 'People who use a customer relationship management (CRM) tool' }],
      ['plural of an explained abbreviation', { audience: 'Teams with KPIs', voice: 'Plain, like a key performance indicator (KPI) report' }],
      ['a Field 6 key', { audience: 'Bakers who use a CRM', additionalAssertions: [{ key: 'CRM', value: 'Customer relationship management software' }] }],
      ['well known', { audience: 'Readers in the UK and the EU who want an FAQ, a PDF and an OK from the CEO' }],
      ['not all capitals', { audience: 'Bakers who use a Crm, an iPhone or a PhD, and I mean A lot' }],
    ])('does not note an abbreviation that is %s', async (_, overrides) => {
      expect(await findingsOf(seedWith(overrides))).toEqual([]);
    });

    it('accepts the integrator’s known abbreviations, in any case', async () => {
      const seed = seedWith({ audience: 'Bakers who use a CRM and a POS' });
      expect(await findingsOf(seed, { knownAbbreviations: ['crm', 'POS'] })).toEqual([]);
      expect(await findingsOf(seed, { knownAbbreviations: ['CRM'] })).toEqual([['INDUCTION_UNEXPLAINED_ABBREVIATION', 'audience', undefined]]);
    });
  });

  describe('plain terms', () => {
    it('notes each developer word once per field and item, with the plain words to use', async () => {
      const result = await inductSeed(
        seedWith({
          voice: 'Friendly, like a seed catalogue; every seed described with care',
          constraints: ['Name the seed supplier', 'Every story names a real place', 'Mention the seed price'],
        }),
      );
      expect(result.status).toBe('induction-pass-with-notes');
      expect(result.findings.map((finding) => [finding.code, finding.severity, finding.field, finding.item])).toEqual([
        ['INDUCTION_BANNED_TERM', 'note', 'voice', undefined],
        ['INDUCTION_BANNED_TERM', 'note', 'constraints', 0],
        ['INDUCTION_BANNED_TERM', 'note', 'constraints', 2],
      ]);
      const seedTerm = PLAIN_TERMS.terms.find((term) => term.term === 'seed');
      expect(result.findings[0]?.message).toContain(seedTerm?.suggestion);
    });

    it('counts the name and the purpose as one field', async () => {
      expect(await findingsOf(seedWith({ name: 'Seed Letters', purpose: 'A letter for seed growers' }))).toEqual([['INDUCTION_BANNED_TERM', 'purpose', undefined]]);
    });

    it('leaves longer words and quoted words alone', async () => {
      expect(await findingsOf(seedWith({ voice: 'Like a seedling: small, and in the readers\u2019 words, \u201Cseed\u201D not sprout' }))).toEqual([]);
    });
  });

  describe('name already used', () => {
    it('fails when the same Operator has another engagement with the name, ignoring case', async () => {
      const store = createFakeStore([{ id: 'engagement-1', name: 'harbour letters' }]);
      expect(await findingsOf(seedWith({ name: '  harbour letters ' }), { store, operatorId: 'operator-1' })).toEqual([['INDUCTION_NAME_TAKEN', 'purpose', undefined]]);
      expect(store.calls).toEqual([['operator-1', 'harbour letters']]);
    });

    it('passes when the store has no engagement with that name', async () => {
      const store = createFakeStore([]);
      expect(await findingsOf(CLEAN, { store, operatorId: 'operator-1' })).toEqual([]);
      expect(store.calls).toEqual([['operator-1', 'harbour letters']]);
    });

    it('never counts the engagement being inducted', async () => {
      const store = createFakeStore([{ id: 'engagement-1', name: 'Harbour Letters' }]);
      expect(await findingsOf(CLEAN, { store, operatorId: 'operator-1', engagementId: 'engagement-1' })).toEqual([]);
      const both = createFakeStore([
        { id: 'engagement-1', name: 'Harbour Letters' },
        { id: 'engagement-2', name: 'harbour letters' },
      ]);
      expect(await findingsOf(CLEAN, { store: both, operatorId: 'operator-1', engagementId: 'engagement-1' })).toEqual([['INDUCTION_NAME_TAKEN', 'purpose', undefined]]);
    });

    it('is skipped without a store or an Operator, or when the name itself is invalid', async () => {
      const store = createFakeStore([{ id: 'engagement-1', name: 'Harbour Letters' }]);
      expect(await findingsOf(CLEAN, { operatorId: 'operator-1' })).toEqual([]);
      expect(await findingsOf(CLEAN, { store })).toEqual([]);
      expect(await findingsOf(seedWith({ name: 'Harbour\nLetters' }), { store, operatorId: 'operator-1' })).toEqual([['INDUCTION_NAME_INVALID', 'purpose', undefined]]);
      expect(store.calls).toEqual([]);
    });
  });

  describe('result', () => {
    it('fails on any fail even with notes, passes with notes on notes only', async () => {
      expect((await inductSeed(seedWith({ constraints: ['Be kind', 'be kind'] }))).status).toBe('induction-pass-with-notes');
      expect((await inductSeed(seedWith({ constraints: ['Be kind', 'be kind'], voice: 'TBD' }))).status).toBe('induction-fail');
    });

    it('orders findings by field, then item, whatever order the problems appear in', async () => {
      const seed = {
        additionalAssertions: [
          { key: 'Schedule', value: 'TBD' },
          { key: 'schedule', value: 'Fridays' },
        ],
        success: ['Readers write back', 'readers write back'],
        constraints: ['N/A', 'Every story names a real place'],
        voice: 'A friendly field guide',
        audience: 'Bakers using a POS',
        purpose: '???',
        name: 'Harbour Letters',
        extra: true,
      };
      const { findings } = await inductSeed(seed);
      expect(findings.map((finding) => [finding.code, finding.field, finding.item])).toEqual([
        ['INDUCTION_UNKNOWN_FIELD', undefined, undefined],
        ['INDUCTION_PLACEHOLDER', 'purpose', undefined],
        ['INDUCTION_UNEXPLAINED_ABBREVIATION', 'audience', undefined],
        ['INDUCTION_BANNED_TERM', 'voice', undefined],
        ['INDUCTION_PLACEHOLDER', 'constraints', 0],
        ['INDUCTION_DUPLICATE_ITEM', 'success', 1],
        ['INDUCTION_PLACEHOLDER', 'additionalAssertions', 0],
        ['INDUCTION_DUPLICATE_KEY', 'additionalAssertions', 1],
      ]);
      expect(await inductSeed(seed)).toEqual(await inductSeed(structuredClone(seed)));
    });

    it('writes messages in plain words the Operator can be shown', async () => {
      const { findings } = await inductSeed({
        name: 'Harbour\nLetters',
        purpose: 4,
        voice: 'x'.repeat(4001),
        constraints: ['TBD', 'tbd', ''],
        success: 'Readers write back',
        additionalAssertions: [{ key: 'CRM', value: 'seed' }, { key: 'crm', value: null, extra: 1 }, 7],
        unknown: 1,
      });
      const messages = findings.map((finding: Finding) => finding.message);
      expect(messages.length).toBeGreaterThan(8);
      for (const message of messages) expect(lintPlainTerms(message)).toEqual([]);
    });
  });

  describe('properties', () => {
    const banned = new Set(PLAIN_TERMS.terms.flatMap((term) => term.forms.map((form) => form.toLowerCase())));
    const word = fc.stringMatching(/^[a-z]{2,9}$/).filter((candidate) => !banned.has(candidate) && !['tbd', 'tba', 'tbc', 'todo', 'na', 'fixme', 'lorem', 'placeholder'].includes(candidate) && !/^x{3,}$/.test(candidate));
    const sentence = fc.array(word, { minLength: 2, maxLength: 10 }).map((words) => {
      const text = words.join(' ');
      return text.charAt(0).toUpperCase() + text.slice(1);
    });
    const items = fc.uniqueArray(sentence, { minLength: 1, maxLength: 8, selector: (item) => item.toLowerCase() });
    const cleanSeed = fc.record({
      name: sentence,
      purpose: sentence,
      audience: sentence,
      voice: sentence,
      constraints: items,
      success: items,
      additionalAssertions: fc
        .uniqueArray(fc.record({ key: sentence, value: sentence }), { maxLength: 6, selector: (entry) => entry.key.toLowerCase() }),
    });

    it('passes every complete Seed of plain, distinct words clean', async () => {
      await fc.assert(
        fc.asyncProperty(cleanSeed, async (seed) => {
          expect(await inductSeed(seed, { store: createFakeStore([]), operatorId: 'operator-1' })).toEqual({ status: 'induction-pass-clean', findings: [] });
        }),
        { numRuns: 200 },
      );
    });

    it('turns any object into findings without throwing, in field order', async () => {
      const anyValue = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.oneof(fc.string(), fc.integer(), fc.object())), fc.object());
      const anyDraft = fc.record(
        {
          name: anyValue,
          purpose: anyValue,
          audience: anyValue,
          voice: anyValue,
          constraints: anyValue,
          success: anyValue,
          additionalAssertions: fc.oneof(anyValue, fc.array(fc.record({ key: anyValue, value: anyValue }, { requiredKeys: [] }))),
          other: anyValue,
        },
        { requiredKeys: [] },
      );
      const order = (field: FieldKey | undefined) => (field === undefined ? -1 : FIELDS.findIndex((candidate) => candidate.key === field));
      await fc.assert(
        fc.asyncProperty(anyDraft, async (draft) => {
          const { status, findings } = await inductSeed(draft);
          const ranks = findings.map((finding) => [order(finding.field), finding.item ?? -1] as const);
          const sorted = [...ranks].sort((left, right) => left[0] - right[0] || left[1] - right[1]);
          expect(ranks).toEqual(sorted);
          expect(status === 'induction-fail').toBe(findings.some((finding) => finding.severity === 'fail'));
        }),
        { numRuns: 300 },
      );
    });
  });
});
