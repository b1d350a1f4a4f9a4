// Phase 1 of `npm run soak`: the Discovery record round trip (SPEC §4.1, §13) — extractSeed(renderDiscoveryRecord(s))
// gives back exactly s for a million arbSeed Seeds, in chunks with derived fast-check seeds so memory is sampled between them.
import { deepStrictEqual } from 'node:assert/strict';
import fc from 'fast-check';
import { DISCOVERY_RECORD_FORMAT, extractSeed, renderDiscoveryRecord, type Seed } from '@loomworks/core';
import { arbSeed } from '@loomworks/testkit';
import { checkInChunks, type SoakPhaseResult } from './soak-chunks';

export type RoundTripSoakOptions = {
  runs: number;
  /** Runs per fast-check call; chunk i uses seed `seed + i`. */
  chunkRuns: number;
  seed: number;
  intervalSeconds: number;
};

/** The warnings a valid Seed earns on its own: one per repeated list item and one per repeated Field 6 key. */
function expectedWarningCodes(seed: Seed): string[] {
  const repeats = (values: string[]) => values.filter((value, index) => values.indexOf(value) < index).length;
  return [
    ...Array<string>(repeats(seed.constraints) + repeats(seed.success)).fill('EXTRACT_DUPLICATE_ITEM'),
    ...Array<string>(repeats(seed.additionalAssertions.map((entry) => entry.key.toLowerCase()))).fill('EXTRACT_DUPLICATE_KEY'),
  ].sort();
}

/** The property CI runs 2,000 times (packages/testkit/src/arbitraries/seed.test.ts); a failure throws a diff. */
export function roundTripProperty() {
  return fc.property(arbSeed(), (seed) => {
    const result = extractSeed(renderDiscoveryRecord(seed));
    deepStrictEqual(
      {
        ok: result.ok,
        seed: result.ok ? result.seed : result.partial,
        issues: result.ok ? [] : result.issues,
        warnings: result.warnings.map((warning) => warning.code).sort(),
        metadata: result.metadata,
      },
      // fast-check builds records without a prototype and deepStrictEqual compares prototypes: clone to plain objects.
      { ok: true, seed: structuredClone(seed), issues: [], warnings: expectedWarningCodes(seed), metadata: { format: DISCOVERY_RECORD_FORMAT, engagement: seed.name } },
    );
  });
}

export function soakRoundTrip(options: RoundTripSoakOptions): SoakPhaseResult {
  return checkInChunks(roundTripProperty(), {
    name: 'round trip: extractSeed(renderDiscoveryRecord(seed)) == seed',
    unit: 'runs',
    runs: options.runs,
    chunkRuns: options.chunkRuns,
    seed: options.seed,
    intervalSeconds: options.intervalSeconds,
    reproduceWith: 'roundTripProperty() from bench/soak-round-trip.ts',
  });
}
