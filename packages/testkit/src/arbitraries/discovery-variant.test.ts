import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractSeed, seedDraftSchema, type ExtractSeedResult } from '@loomworks/core';
import { DISCOVERY_VARIATIONS, arbDiscoveryVariant, type DiscoveryVariant, type DiscoveryVariation } from './discovery-variant';

/** Repeated items and keys, and skipped sections when the variant has them: nothing else may be reported. */
function expectedWarnings(variant: DiscoveryVariant): string[] {
  const { seed } = variant;
  const repeats = (values: string[]) => values.filter((value, index) => values.indexOf(value) < index).length;
  return [
    ...Array<string>(repeats(seed.constraints) + repeats(seed.success)).fill('EXTRACT_DUPLICATE_ITEM'),
    ...Array<string>(repeats(seed.additionalAssertions.map((entry) => entry.key.toLowerCase()))).fill('EXTRACT_DUPLICATE_KEY'),
    ...(variant.variations.includes('unknown-sections') ? ['EXTRACT_UNKNOWN_SECTION'] : []),
  ].sort();
}

describe('arbDiscoveryVariant', () => {
  it('every variant extracts to its Seed with no issues, and every variation gets used', () => {
    const used = new Set<DiscoveryVariation>();
    fc.assert(
      fc.property(arbDiscoveryVariant(), (variant) => {
        for (const variation of variant.variations) used.add(variation);
        const result = extractSeed(variant.markdown);
        expect(result).toMatchObject({ ok: true, seed: variant.seed });
        expect(result.warnings.map((warning) => warning.code).sort()).toEqual(expectedWarnings(variant));
      }),
      { numRuns: 600 },
    );
    expect(DISCOVERY_VARIATIONS.filter((variation) => !used.has(variation))).toEqual([]);
  });

  it('draws only from the variations it is given', () => {
    for (const variant of fc.sample(arbDiscoveryVariant({ variations: ['crlf', 'marker-star'] }), { numRuns: 50, seed: 3 })) {
      expect(variant.variations.every((variation) => variation === 'crlf' || variation === 'marker-star')).toBe(true);
      if (variant.variations.includes('crlf')) expect(variant.markdown).toContain('\r\n');
      else expect(variant.markdown).not.toContain('\r');
    }
  });

  it('the extractor never throws on mutated variants, and every issue points inside the document', () => {
    const mutation = fc.record({ kind: fc.constantFrom('delete', 'duplicate', 'swap', 'truncate', 'cut'), at: fc.nat(), other: fc.nat() });
    fc.assert(
      fc.property(arbDiscoveryVariant(), fc.array(mutation, { minLength: 1, maxLength: 4 }), (variant, mutations) => {
        let lines = variant.markdown.split('\n');
        for (const { kind, at, other } of mutations) {
          const index = at % Math.max(lines.length, 1);
          if (kind === 'delete') lines.splice(index, 1);
          else if (kind === 'duplicate') lines.splice(index, 0, lines[index] ?? '');
          else if (kind === 'swap') [lines[index], lines[other % Math.max(lines.length, 1)]] = [lines[other % Math.max(lines.length, 1)] ?? '', lines[index] ?? ''];
          else if (kind === 'truncate') lines = lines.slice(0, index);
          else lines[index] = (lines[index] ?? '').slice(0, other % ((lines[index] ?? '').length + 1));
        }
        const markdown = lines.join('\n');
        let result: ExtractSeedResult | undefined;
        expect(() => (result = extractSeed(markdown))).not.toThrow();
        const documentLines = markdown.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
        const reported = result?.ok === false ? [...result.issues, ...result.warnings] : (result?.warnings ?? []);
        for (const issue of reported) {
          expect(issue.line).toBeGreaterThanOrEqual(1);
          expect(issue.line).toBeLessThanOrEqual(documentLines.length);
          expect(issue.column).toBeGreaterThanOrEqual(1);
          expect(issue.column).toBeLessThanOrEqual((documentLines[issue.line - 1] ?? '').length + 1);
        }
        if (result?.ok === false) expect(seedDraftSchema.parse(result.partial)).toEqual(result.partial);
      }),
      { numRuns: 1000 },
    );
  });
});
