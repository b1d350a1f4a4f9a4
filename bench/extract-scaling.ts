// Does extractSeed stay linear? Times it on 1 MB and 5 MB of canonical and adversarial input and prints
// MB/s and the 5 MB / 1 MB time ratio (≈ 5 means linear; quadratic behaviour would show ≈ 25).
// Run: npx tsx bench/extract-scaling.ts
import { performance } from 'node:perf_hooks';
import { extractSeed, renderDiscoveryRecord, seedSchema, type Seed } from '@loomworks/core';

const MB = 1024 * 1024;

function seedNumber(index: number): Seed {
  return {
    name: `Newsletter ${index}`,
    purpose: `A weekly newsletter about what studio ${index} is making.\n\nEach issue has three parts:\n- one project story\n# and a note`,
    audience: 'Small product teams who hire outside design help — mostly founders.',
    voice: 'Warm, plain and a little dry.\nWrite like a colleague, not a brand.',
    constraints: ['Never promise delivery dates.', 'Keep each issue under 600 words.\n  The yearly issue may run longer.', '**No** stock photos.'],
    success: ['People reply to the newsletter.', 'Unsubscribes stay under 1% per issue.'],
    additionalAssertions: [
      { key: 'Owner', value: 'Mira runs it; Tomas edits.' },
      { key: 'Paths: C:\\drafts\\', value: 'Drafts live in the shared drive <!-- not a comment -->.' },
    ],
  };
}

/** Repeats `unit` (plus a separator) until the text reaches `bytes`. */
function fill(bytes: number, unit: (index: number) => string, separator = '\n'): string {
  const parts: string[] = [];
  let length = 0;
  for (let index = 0; length < bytes; index++) {
    const part = unit(index);
    parts.push(part);
    length += part.length + separator.length;
  }
  return parts.join(separator);
}

type Input = { name: string; make: (bytes: number) => string[] };

const CANONICAL_RECORD = renderDiscoveryRecord(seedNumber(0));
const HEADER = '---\nformat: discovery-record/v1\nengagement: Big\n---\n\n# Big\n\n';

const inputs: Input[] = [
  // Many ordinary records (the throughput case).
  { name: 'canonical records', make: (bytes) => Array.from({ length: Math.ceil(bytes / CANONICAL_RECORD.length) }, (_, index) => renderDiscoveryRecord(seedNumber(index))) },
  // One canonical-shaped record whose fields are far over their limits.
  {
    name: 'one huge record',
    make: (bytes) => [
      `${HEADER}## 1. What we're making\n${fill(bytes / 3, (index) => `Line ${index} of the purpose, with \\# escapes &#32; and <!-- x --> comments.`)}\n\n## 4. Rules to follow\n${fill(bytes / 3, (index) => `- Rule ${index}\n  continued`)}\n\n## 6. Also true\n${fill(bytes / 3, (index) => `- **Key ${index}:** value ${index}`)}\n`,
    ],
  },
  { name: 'one giant line', make: (bytes) => [`${HEADER}## 1. What we're making\n${'word \\* &#32; '.repeat(Math.ceil(bytes / 14))}\n`] },
  { name: "only '#' characters", make: (bytes) => ['#'.repeat(bytes)] },
  { name: 'nested <!-- openers', make: (bytes) => [`## 1. Purpose\n${'<!--'.repeat(Math.ceil(bytes / 8))}${'-->'.repeat(Math.ceil(bytes / 8))}`] },
  { name: 'unclosed <!-- openers', make: (bytes) => [`## 1. Purpose\n${'a <!-- b '.repeat(Math.ceil(bytes / 9))}`] },
  { name: 'thousands of headings', make: (bytes) => [fill(bytes, (index) => `${'#'.repeat(1 + (index % 6))} ${index % 7 === 0 ? '1. What we\'re making' : `Section ${index}`}`)] },
  { name: 'backslash runs', make: (bytes) => [`## 1. Purpose\n${fill(bytes, () => `${'\\'.repeat(200)}<!--`)}`] },
  { name: 'unclosed fences, shrinking', make: (bytes) => [`## 1. Purpose\n${fill(bytes, (index) => '`'.repeat(Math.max(3, 4000 - (index % 3997))))}`] },
  { name: 'one table row, many cells', make: (bytes) => [`## 6. Also true\n${'| a '.repeat(Math.ceil(bytes / 4))}|\n`] },
  { name: 'many list items', make: (bytes) => [`## 4. Rules\n${fill(bytes, (index) => `- item ${index}`)}`] },
];

function time(documents: string[]): number {
  const started = performance.now();
  for (const document of documents) extractSeed(document);
  return performance.now() - started;
}

/** Best of a few runs: the least disturbed by the machine. */
function best(documents: string[], runs: number): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run++) fastest = Math.min(fastest, time(documents));
  return fastest;
}

const rows: Record<string, string | number>[] = [];
for (const input of inputs) {
  const small = input.make(MB);
  const large = input.make(5 * MB);
  const smallBytes = small.reduce((sum, document) => sum + document.length, 0);
  const largeBytes = large.reduce((sum, document) => sum + document.length, 0);
  time(small);
  const smallMs = best(small, 3);
  const largeMs = best(large, 2);
  rows.push({
    input: input.name,
    '1 MB (MB/s)': Number((smallBytes / MB / (smallMs / 1000)).toFixed(1)),
    '5 MB (MB/s)': Number((largeBytes / MB / (largeMs / 1000)).toFixed(1)),
    'time ratio 5/1': Number((largeMs / smallMs).toFixed(2)),
    'size ratio': Number((largeBytes / smallBytes).toFixed(2)),
  });
}

// The SPEC §13 baseline: JSON.parse + seedSchema.parse of the same Seeds, for scale.
const seeds = Array.from({ length: Math.ceil(MB / CANONICAL_RECORD.length) }, (_, index) => JSON.stringify(seedNumber(index)));
const jsonBytes = seeds.reduce((sum, json) => sum + json.length, 0);
const started = performance.now();
for (const json of seeds) seedSchema.parse(JSON.parse(json));
const jsonMs = performance.now() - started;
const recordsRow = rows[0] as Record<string, number>;
console.table(rows);
console.log(`baseline JSON.parse + seedSchema.parse: ${(jsonBytes / MB / (jsonMs / 1000)).toFixed(1)} MB/s; canonical extraction is ${((recordsRow['1 MB (MB/s)'] as number) / (jsonBytes / MB / (jsonMs / 1000))).toFixed(2)}× that`);
