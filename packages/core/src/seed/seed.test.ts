import { describe, expect, it } from 'vitest';
import { LoomworksError } from '../errors';
import {
  assertionsFromRecord,
  assertionsToRecord,
  fromEngineSeed,
  parseSeed,
  safeParseSeed,
  seedDraftSchema,
  seedJsonSchema,
  seedSchema,
  toEngineSeed,
  type Seed,
} from '.';

const seed: Seed = {
  name: 'Bakery newsletter',
  purpose: 'A weekly newsletter for the bakery.',
  audience: 'Regular customers.',
  voice: 'Warm and plain.',
  constraints: ['No discounts in the subject line.'],
  success: ['Half the readers open it.'],
  additionalAssertions: [
    { key: '2', value: 'integer-like keys keep their place' },
    { key: 'Sender', value: 'The head baker.' },
  ],
};

describe('seedSchema', () => {
  it('accepts a valid Seed unchanged', () => {
    expect(seedSchema.parse(seed)).toEqual(seed);
  });

  it('trims text at both ends and normalises line endings, keeping inner whitespace and newlines', () => {
    const parsed = seedSchema.parse({ ...seed, purpose: '  first line\r\n\r\n   indented  second\rthird \n ', constraints: ['\tOne rule\t'] });
    expect(parsed.purpose).toBe('first line\n\n   indented  second\nthird');
    expect(parsed.constraints).toEqual(['One rule']);
  });

  it('rejects empty, whitespace-only, over-limit and multi-line-name values with the field path', () => {
    const cases: [Partial<Seed>, string][] = [
      [{ name: '   ' }, 'name'],
      [{ name: 'two\nlines' }, 'name'],
      [{ name: 'x'.repeat(121) }, 'name'],
      [{ purpose: 'x'.repeat(4001) }, 'purpose'],
      [{ constraints: [] }, 'constraints'],
      [{ success: Array.from({ length: 51 }, (_, index) => `item ${index}`) }, 'success'],
      [{ constraints: ['x'.repeat(501)] }, 'constraints.0'],
      [{ additionalAssertions: [{ key: 'k'.repeat(81), value: 'v' }] }, 'additionalAssertions.0.key'],
      [{ additionalAssertions: [{ key: 'k', value: 'v'.repeat(2001) }] }, 'additionalAssertions.0.value'],
      [{ additionalAssertions: Array.from({ length: 101 }, (_, index) => ({ key: `k${index}`, value: 'v' })) }, 'additionalAssertions'],
    ];
    for (const [patch, path] of cases) {
      const result = safeParseSeed({ ...seed, ...patch });
      expect(result.ok, path).toBe(false);
      if (!result.ok) expect(result.issues.map((issue) => issue.path.join('.'))).toContain(path);
    }
  });

  it('accepts values exactly at their limits', () => {
    const atLimits = {
      ...seed,
      name: 'n'.repeat(120),
      purpose: 'p'.repeat(4000),
      constraints: Array.from({ length: 50 }, (_, index) => `${index}`.padEnd(500, 'c')),
      additionalAssertions: Array.from({ length: 100 }, (_, index) => ({ key: `${index}`.padEnd(80, 'k'), value: 'v'.repeat(2000) })),
    };
    expect(safeParseSeed(atLimits).ok).toBe(true);
  });

  it('rejects unknown fields (a typo is an error, not silently dropped)', () => {
    const result = safeParseSeed({ ...seed, audeince: 'typo' });
    expect(result.ok).toBe(false);
  });

  it('leaves uniqueness to induction: duplicate keys and items parse', () => {
    expect(
      safeParseSeed({ ...seed, constraints: ['Same', 'Same'], additionalAssertions: [{ key: 'A', value: '1' }, { key: 'a', value: '2' }] }).ok,
    ).toBe(true);
  });

  it('parseSeed rejects with E_INVALID_SEED listing the issues', () => {
    try {
      parseSeed({ ...seed, voice: '' });
      expect.unreachable();
    } catch (error) {
      expect(LoomworksError.is(error, 'E_INVALID_SEED')).toBe(true);
      expect((error as LoomworksError).message).toContain('voice');
    }
  });

  it('has a draft schema with every field optional', () => {
    expect(seedDraftSchema.parse({})).toEqual({});
    expect(seedDraftSchema.parse({ name: ' Draft ' })).toEqual({ name: 'Draft' });
  });
});

describe('seedJsonSchema', () => {
  it('is derived from seedSchema with its limits', () => {
    const schema = seedJsonSchema as { type: string; required: string[]; additionalProperties: boolean; properties: Record<string, Record<string, unknown>> };
    expect(schema.type).toBe('object');
    expect(schema.required.sort()).toEqual(['additionalAssertions', 'audience', 'constraints', 'name', 'purpose', 'success', 'voice']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.name).toMatchObject({ type: 'string', minLength: 1, maxLength: 120 });
    expect(schema.properties.constraints).toMatchObject({ type: 'array', minItems: 1, maxItems: 50 });
    expect(schema.properties.additionalAssertions).toMatchObject({ type: 'array', maxItems: 100 });
  });
});

describe('Field 6 codecs', () => {
  it('converts entries to a record and back (order is the record\'s own key order)', () => {
    const record = assertionsToRecord(seed.additionalAssertions);
    expect(record).toEqual({ '2': 'integer-like keys keep their place', Sender: 'The head baker.' });
    expect(assertionsFromRecord({ Sender: 'x', Tone: 'y' })).toEqual([
      { key: 'Sender', value: 'x' },
      { key: 'Tone', value: 'y' },
    ]);
  });

  it('lets a later duplicate key win and keeps __proto__ as an ordinary key', () => {
    const record = assertionsToRecord([
      { key: 'A', value: 'first' },
      { key: 'A', value: 'second' },
      { key: '__proto__', value: 'data' },
    ]);
    expect(record.A).toBe('second');
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.keys(record)).toContain('__proto__');
  });

  it('round-trips through the engine wire format with snake_case keys', () => {
    const engine = toEngineSeed(seed);
    expect(engine.additional_assertions).toEqual({ '2': 'integer-like keys keep their place', Sender: 'The head baker.' });
    expect(Object.keys(engine)).toContain('additional_assertions');
    expect(fromEngineSeed(JSON.parse(JSON.stringify(engine)))).toEqual(seed);
  });

  it('rejects malformed engine Seeds with E_INVALID_SEED', () => {
    for (const bad of [null, [], 'seed', { ...toEngineSeed(seed), additional_assertions: ['x'] }, { ...toEngineSeed(seed), voice: 3 }]) {
      expect(() => fromEngineSeed(bad)).toThrow(expect.objectContaining({ code: 'E_INVALID_SEED' }));
    }
  });
});
