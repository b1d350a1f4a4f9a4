// Benchmark 2 (SPEC §13): extractSeed's MB/s on canonical Discovery records (renderDiscoveryRecord of realistic
// Seeds from ~1 KB up to the largest a valid Seed can be), against JSON.parse + seedSchema.parse of the same
// Seeds as JSON (MB/s of their JSON).
import { isDeepStrictEqual } from 'node:util';
import { performance } from 'node:perf_hooks';
import { extractSeed, renderDiscoveryRecord, seedSchema, type Seed } from '@loomworks/core';
import { realisticSeed, seededRandom } from './corpus';
import { benchmarkRow, compare, type BenchmarkRow } from './measure';

const CORPUS_SEED = 4242;
const MB = 1024 * 1024;
/**
 * Record sizes, in characters. A valid Seed cannot render to 1 MB — SEED_LIMITS (SPEC §3) cap it near 270 KB —
 * so the top class is the largest the generator reaches within the limits.
 */
const SIZE_CLASSES = [1_000, 4_000, 16_000, 64_000, 256_000];
/** Each size class contributes about this many characters, so small and large records weigh alike. */
const CLASS_CHARS = 1_000_000;

export type ExtractionCorpus = { seeds: Seed[]; records: string[]; json: string[]; recordBytes: number; jsonBytes: number; sizes: number[] };

export function extractionCorpus(): ExtractionCorpus {
  const random = seededRandom(CORPUS_SEED);
  const seeds: Seed[] = [];
  const records: string[] = [];
  const sizes: number[] = [];
  for (const target of SIZE_CLASSES) {
    let chars = 0;
    for (let index = 0; chars < CLASS_CHARS; index++) {
      const seed = seedSchema.parse(realisticSeed(random, seeds.length, target));
      const record = renderDiscoveryRecord(seed);
      seeds.push(seed);
      records.push(record);
      chars += record.length;
      if (index === 0) sizes.push(record.length);
    }
  }
  const json = seeds.map((seed) => JSON.stringify(seed));
  const bytes = (texts: string[]) => texts.reduce((sum, text) => sum + Buffer.byteLength(text, 'utf8'), 0);
  return { seeds, records, json, recordBytes: bytes(records), jsonBytes: bytes(json), sizes };
}

export type ExtractionBenchmarkResult = BenchmarkRow & { recordSizes: number[]; records: number };

export async function runExtractionBenchmark(options: { rounds?: number } = {}): Promise<ExtractionBenchmarkResult> {
  const corpus = extractionCorpus();
  // Both sides must give back the Seeds they were made from, or the comparison means nothing.
  corpus.records.forEach((record, index) => {
    const result = extractSeed(record);
    if (!result.ok || !isDeepStrictEqual(result.seed, corpus.seeds[index])) throw new Error(`Record ${index} does not extract to its Seed`);
    if (!isDeepStrictEqual(seedSchema.parse(JSON.parse(corpus.json[index] as string)), corpus.seeds[index])) throw new Error(`Seed ${index} does not survive JSON`);
  });
  let sink = 0;
  // Several passes per round, so a round lasts long against the timer and the garbage collector's pauses.
  let passes = 1;
  const subject = (): number => {
    const started = performance.now();
    for (let pass = 0; pass < passes; pass++) for (const record of corpus.records) if (extractSeed(record).ok) sink++;
    return (passes * corpus.recordBytes) / MB / ((performance.now() - started) / 1000);
  };
  const baseline = (): number => {
    const started = performance.now();
    for (let pass = 0; pass < passes; pass++) for (const json of corpus.json) if (seedSchema.parse(JSON.parse(json)).name) sink++;
    return (passes * corpus.jsonBytes) / MB / ((performance.now() - started) / 1000);
  };
  while ((passes * corpus.jsonBytes) / MB / baseline() < 0.15) passes *= 2;
  const result = await compare({ warmupRounds: 2, rounds: options.rounds ?? 11, baseline, subject });
  if (sink < 0) console.log(sink);
  return {
    ...benchmarkRow('extraction', 'MB/s', result, 0.5, 'higher'),
    recordSizes: corpus.sizes,
    records: corpus.records.length,
  };
}
