// Is matchTerminalTurn linear, and how fast is it next to one precompiled regex of the phrase list (SPEC §13)?
// Part 1 times 1 MB and 5 MB messages of ordinary and adversarial shapes and prints the 5 MB / 1 MB time
// ratio (≈ 5 is linear; quadratic behaviour would show ≈ 25). Part 2 runs the labelled corpus
// (fixtures/terminal-turns/corpus.json) through both and prints utterances/s, the ratio and F1.
// Run: npx tsx bench/matcher-scaling.ts
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { TERMINAL_PHRASES, matchTerminalTurn, type TerminalContext } from '@loomworks/core';

const MB = 1024 * 1024;

/** Repeats `unit` until the text reaches `bytes` characters. */
function fill(bytes: number, unit: string): string {
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

const inputs: Array<{ name: string; make: (bytes: number) => string; context?: TerminalContext }> = [
  { name: 'content sentences', make: (bytes) => fill(bytes, 'The audience is home bakers who sell at weekend markets. ') },
  { name: 'content, then the phrase', make: (bytes) => `${fill(bytes - 20, 'Keep it warm and plain, never snarky. ')} That's everything.` },
  { name: 'phrase after phrase', make: (bytes) => fill(bytes, "that's everything ") },
  { name: 'phrase, then negations', make: (bytes) => `That's everything. ${fill(bytes - 20, 'not yet, wait, hold on. ')}` },
  { name: 'lead-ins without end', make: (bytes) => fill(bytes, 'ok so I think just ') },
  { name: 'closed phrases, trailers', make: (bytes) => fill(bytes, 'done thanks thanks now please ') },
  { name: 'skippable words', make: (bytes) => fill(bytes, "that's not really quite just ") },
  { name: 'one giant word', make: (bytes) => fill(bytes, 'a') },
  { name: 'apostrophes', make: (bytes) => fill(bytes, "'''' ’’ ' a'b ") },
  { name: 'unclosed quotes', make: (bytes) => fill(bytes, "'that's it \"done ") },
  { name: 'question marks', make: (bytes) => fill(bytes, 'done? ') },
  { name: 'emoji and emoticons', make: (bytes) => fill(bytes, '👍🏽 :) 👨‍👩‍👧 ❤️ <3 ^_^ ') },
  { name: 'full stops only', make: (bytes) => fill(bytes, '.') },
  { name: 'replies to close', make: (bytes) => fill(bytes, 'yes ok sure thanks '), context: { companionAskedToClose: true } },
  { name: 'spelled-out pairs', make: (bytes) => fill(bytes, 'i am that is we are let us do not ') },
  // The prefilter's "that … is" / "let … us" allow any non-word run between the words.
  { name: 'prefilter: "that" + long gaps', make: (bytes) => fill(bytes, `that${' '.repeat(997)}x `) },
  { name: 'prefilter: one "let", one gap', make: (bytes) => `let${'-'.repeat(bytes - 3)}` },
];

function time(text: string, context: TerminalContext | undefined, runs: number): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    matchTerminalTurn(text, context);
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

const scaling: Record<string, string | number>[] = [];
for (const input of inputs) {
  const small = input.make(MB);
  const large = input.make(5 * MB);
  time(small, input.context, 1);
  const smallMs = time(small, input.context, 3);
  const largeMs = time(large, input.context, 2);
  scaling.push({
    input: input.name,
    '1 MB (ms)': Number(smallMs.toFixed(1)),
    '5 MB (ms)': Number(largeMs.toFixed(1)),
    'time ratio 5/1': Number((largeMs / smallMs).toFixed(2)),
  });
}
console.table(scaling);

// SPEC §13: utterances/s on the labelled corpus, against one precompiled regex of the phrase list.
type CorpusEntry = { text: string; companionAskedToClose?: boolean; terminal: boolean };
const corpus = JSON.parse(readFileSync(new URL('../fixtures/terminal-turns/corpus.json', import.meta.url), 'utf8')) as CorpusEntry[];
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const baseline = new RegExp(`\\b(?:${[...TERMINAL_PHRASES].sort((a, b) => b.length - a.length).map(escape).join('|')})\\b`, 'i');
const contexts = corpus.map((entry): TerminalContext => ({ companionAskedToClose: entry.companionAskedToClose === true }));

function throughput(run: () => number, rounds: number): number {
  let best = 0;
  for (let trial = 0; trial < 7; trial++) {
    const started = performance.now();
    let sink = 0;
    for (let round = 0; round < rounds; round++) sink += run();
    const seconds = (performance.now() - started) / 1000;
    if (sink < 0) console.log(sink);
    best = Math.max(best, (rounds * corpus.length) / seconds);
  }
  return best;
}
const rounds = 400;
const regexRate = throughput(() => {
  let hits = 0;
  for (const entry of corpus) if (baseline.test(entry.text)) hits++;
  return hits;
}, rounds);
const matcherRate = throughput(() => {
  let hits = 0;
  for (let index = 0; index < corpus.length; index++) if (matchTerminalTurn((corpus[index] as CorpusEntry).text, contexts[index]).terminal) hits++;
  return hits;
}, rounds);

let truePositives = 0;
let falsePositives = 0;
let falseNegatives = 0;
for (let index = 0; index < corpus.length; index++) {
  const entry = corpus[index] as CorpusEntry;
  const terminal = matchTerminalTurn(entry.text, contexts[index]).terminal;
  if (terminal && entry.terminal) truePositives++;
  else if (terminal) falsePositives++;
  else if (entry.terminal) falseNegatives++;
}
const f1 = (2 * truePositives) / (2 * truePositives + falsePositives + falseNegatives);
console.table([
  { name: 'baseline: one regex of TERMINAL_PHRASES', 'utterances/s': Math.round(regexRate) },
  { name: 'matchTerminalTurn', 'utterances/s': Math.round(matcherRate), ratio: Number((matcherRate / regexRate).toFixed(2)), target: '≥ 0.5', f1 },
]);
