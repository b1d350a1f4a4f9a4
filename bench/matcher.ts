// Benchmark 1 (SPEC §13): the terminal-turn matcher's utterances/s on a mixed corpus of realistic chat, against
// one precompiled regular expression of TERMINAL_PHRASES over the same corpus; plus F1 on the labelled corpus.
import { readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { PART_ORDER, TERMINAL_PHRASES, matchTerminalTurn, type Seed, type SeedPart, type TerminalContext } from '@loomworks/core';
import { arbNonTerminalUtterance, arbTerminalUtterance } from '@loomworks/testkit';
import { realisticSeed, seededRandom } from './corpus';
import { benchmarkRow, compare, type BenchmarkRow } from './measure';

export type MatcherMessage = { text: string; context: TerminalContext; kind: 'persona' | 'conversation' | 'terminal' | 'non-terminal' };

const FIXTURES = new URL('../fixtures/', import.meta.url);
const CORPUS_SEED = 20261126;
const CONVERSATIONS = 40;
const UTTERANCES = 100;

/** A part's answer as an Operator types it (the scripted Operator's form): text, `- ` bullets, `Key: value` lines. */
function answerText(part: SeedPart, seed: Seed): string {
  if (part === 'constraints' || part === 'success') return seed[part].map((item) => `- ${item}`).join('\n');
  if (part === 'additionalAssertions') return seed.additionalAssertions.length === 0 ? 'None.' : seed.additionalAssertions.map((entry) => `${entry.key}: ${entry.value}`).join('\n');
  return seed[part];
}

/** The Operator turns of the persona transcripts in fixtures/voice-calibration. */
function personaMessages(): MatcherMessage[] {
  const folder = new URL('voice-calibration/', FIXTURES);
  const messages: MatcherMessage[] = [];
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.md')).sort()) {
    const sections = readFileSync(new URL(file, folder), 'utf8').split(/^### /m).slice(1);
    let previous = '';
    for (const section of sections) {
      const newline = section.indexOf('\n');
      const role = section.slice(0, newline).trim();
      const text = section.slice(newline + 1).trim();
      // The Companion's "anything else?" / "ready to begin?" is what makes a bare "yes" or "no" a reply to close.
      if (role === 'Operator') messages.push({ text, context: { companionAskedToClose: /anything else|ready to begin/i.test(previous) }, kind: 'persona' });
      previous = text;
    }
  }
  return messages;
}

/**
 * The mixed corpus: mostly content answers (the persona transcripts' Operator turns and generated conversations
 * about realistic projects, each ending "That's everything." / "Ready to begin."), plus terminal and
 * non-terminal utterances drawn from the testkit's arbitraries — all from fixed seeds.
 */
export function matcherCorpus(): MatcherMessage[] {
  const random = seededRandom(CORPUS_SEED);
  const conversation: MatcherMessage[] = [];
  for (let index = 0; index < CONVERSATIONS; index++) {
    const seed = realisticSeed(random, index);
    for (const part of PART_ORDER) conversation.push({ text: answerText(part, seed), context: {}, kind: 'conversation' });
    conversation.push({ text: "That's everything.", context: { companionAskedToClose: true }, kind: 'conversation' });
    conversation.push({ text: 'Ready to begin.', context: { companionAskedToClose: true }, kind: 'conversation' });
  }
  const terminal = fc
    .sample(arbTerminalUtterance(), { seed: CORPUS_SEED, numRuns: UTTERANCES })
    .map((utterance): MatcherMessage => ({ text: utterance.text, context: utterance.context, kind: 'terminal' }));
  const nonTerminal = fc
    .sample(arbNonTerminalUtterance(), { seed: CORPUS_SEED + 1, numRuns: UTTERANCES })
    .map((utterance): MatcherMessage => ({ text: utterance.text, context: utterance.context, kind: 'non-terminal' }));
  return [...personaMessages(), ...conversation, ...terminal, ...nonTerminal];
}

/** The SPEC §13 baseline: one precompiled regular expression of the phrase list, longest phrase first. */
export function phraseListRegex(): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\b(?:${[...TERMINAL_PHRASES].sort((left, right) => right.length - left.length).map(escape).join('|')})\\b`, 'i');
}

type LabelledEntry = { text: string; companionAskedToClose?: boolean; terminal: boolean };

/** F1 of `terminal` on fixtures/terminal-turns/corpus.json. */
export function labelledF1(): number {
  const corpus = JSON.parse(readFileSync(new URL('terminal-turns/corpus.json', FIXTURES), 'utf8')) as LabelledEntry[];
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  for (const entry of corpus) {
    const terminal = matchTerminalTurn(entry.text, { companionAskedToClose: entry.companionAskedToClose === true }).terminal;
    if (terminal && entry.terminal) truePositives++;
    else if (terminal) falsePositives++;
    else if (entry.terminal) falseNegatives++;
  }
  return (2 * truePositives) / (2 * truePositives + falsePositives + falseNegatives);
}

/** Utterances per second over `passes` passes of the corpus; `sink` keeps the work observable. */
function timePasses(passes: number, pass: () => number, corpusLength: number, sink: { value: number }): number {
  const started = performance.now();
  for (let index = 0; index < passes; index++) sink.value += pass();
  return (passes * corpusLength) / ((performance.now() - started) / 1000);
}

export type MatcherBenchmarkResult = BenchmarkRow & { f1: number; corpus: { messages: number; chars: number; terminal: number } };

export async function runMatcherBenchmark(options: { rounds?: number } = {}): Promise<MatcherBenchmarkResult> {
  const corpus = matcherCorpus();
  const texts = corpus.map((message) => message.text);
  const contexts = corpus.map((message) => message.context);
  const regex = phraseListRegex();
  const sink = { value: 0 };
  const baselinePass = (): number => {
    let hits = 0;
    for (let index = 0; index < texts.length; index++) if (regex.test(texts[index] as string)) hits++;
    return hits;
  };
  const subjectPass = (): number => {
    let hits = 0;
    for (let index = 0; index < texts.length; index++) if (matchTerminalTurn(texts[index] as string, contexts[index]).terminal) hits++;
    return hits;
  };
  // Enough passes that a baseline round takes ~40 ms: long against the timer, short against the machine's drift.
  let passes = 1;
  while ((passes * texts.length) / timePasses(passes, baselinePass, texts.length, sink) < 0.04) passes *= 2;
  const result = await compare({
    warmupRounds: 5,
    rounds: options.rounds ?? 21,
    baseline: () => timePasses(passes, baselinePass, texts.length, sink),
    subject: () => timePasses(passes, subjectPass, texts.length, sink),
  });
  const f1 = labelledF1();
  const row = benchmarkRow('matcher', 'utterances/s', result, 0.5, 'higher');
  return {
    ...row,
    // SPEC §13: the speed counts only with a perfect score on the labelled corpus.
    met: row.met && f1 === 1,
    f1,
    corpus: { messages: corpus.length, chars: texts.reduce((sum, text) => sum + text.length, 0), terminal: subjectPass() },
  };
}
