import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEED_LIMITS, extractSeed, renderBrief, renderDiscoveryRecord, seedSchema, type ExtractSeedResult, type Seed } from '@loomworks/core';
import { arbSeed } from './seed';

/** The warnings a valid Seed earns on its own: one per repeated list item and per repeated Field 6 key. */
function expectedWarnings(seed: Seed): string[] {
  const repeats = (values: string[]) => values.filter((value, index) => values.indexOf(value) < index).length;
  return [
    ...Array<string>(repeats(seed.constraints) + repeats(seed.success)).fill('EXTRACT_DUPLICATE_ITEM'),
    ...Array<string>(repeats(seed.additionalAssertions.map((entry) => entry.key.toLowerCase()))).fill('EXTRACT_DUPLICATE_KEY'),
  ].sort();
}

function expectExactly(result: ExtractSeedResult, seed: Seed, format: string): void {
  expect(result).toEqual({ ok: true, seed, warnings: expect.any(Array), metadata: { format, engagement: seed.name } });
  expect(result.warnings.map((warning) => warning.code).sort()).toEqual(expectedWarnings(seed));
}

describe('arbSeed', () => {
  it('only produces Seeds that pass seedSchema unchanged, in every text mode', () => {
    for (const text of ['mixed', 'full-unicode', 'markdown', 'plain'] as const) {
      fc.assert(
        fc.property(arbSeed({ text }), (seed) => {
          expect(seedSchema.parse(seed)).toEqual(seed);
        }),
        { numRuns: 150 },
      );
    }
  });

  it('follows its options', () => {
    for (const seed of fc.sample(arbSeed({ text: 'plain' }), { numRuns: 200, seed: 2 })) {
      for (const text of [seed.name, seed.purpose, ...seed.constraints]) expect(text).toMatch(/^[ -~\t\n]+$/);
    }
    const plain = fc.sample(arbSeed({ text: 'plain', multiline: false, maxItems: 2, maxEntries: 1, boundaries: false }), { numRuns: 200, seed: 1 });
    for (const seed of plain) {
      for (const text of [seed.name, seed.purpose, ...seed.constraints, ...seed.additionalAssertions.map((entry) => entry.value)]) expect(text).toMatch(/^[ -~\t]+$/);
      expect(seed.constraints.length).toBeLessThanOrEqual(2);
      expect(seed.additionalAssertions.length).toBeLessThanOrEqual(1);
    }
  });

  it('reaches the exact schema limits now and then', () => {
    const seeds = fc.sample(arbSeed(), { numRuns: 3000, seed: 7 });
    expect(seeds.some((seed) => seed.name.length === SEED_LIMITS.name)).toBe(true);
    expect(seeds.some((seed) => seed.purpose.length === SEED_LIMITS.text)).toBe(true);
    expect(seeds.some((seed) => seed.constraints.some((item) => item.length === SEED_LIMITS.listItem))).toBe(true);
    expect(seeds.some((seed) => seed.success.length === SEED_LIMITS.listItems)).toBe(true);
    expect(seeds.some((seed) => seed.additionalAssertions.length === SEED_LIMITS.entries)).toBe(true);
    expect(seeds.some((seed) => /[\ud800-\udfff]/.test(seed.voice) && seed.voice.includes('\n'))).toBe(true);
  });
});

// CI runs 2,000; `npm run soak` can ask for a million with LOOMWORKS_ROUND_TRIP_RUNS=1000000.
const ROUND_TRIP_RUNS = Number(process.env.LOOMWORKS_ROUND_TRIP_RUNS ?? 2000);

describe('the Discovery record round trip (SPEC §4.1, §13)', () => {
  it('extractSeed(renderDiscoveryRecord(s)) deep-equals s for every valid Seed', () => {
    fc.assert(
      fc.property(arbSeed(), (seed) => {
        expectExactly(extractSeed(renderDiscoveryRecord(seed)), seed, 'discovery-record/v1');
      }),
      { numRuns: ROUND_TRIP_RUNS },
    );
  });

  it('a brief reads back to the same Seed too', () => {
    fc.assert(
      fc.property(arbSeed(), (seed) => {
        expectExactly(extractSeed(renderBrief(seed)), seed, 'brief/v1');
      }),
      { numRuns: 300 },
    );
  });
});
