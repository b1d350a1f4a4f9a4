// Phase 2 of `npm run soak`: matchTerminalTurn (SPEC §6.2) against the testkit's labelled generators for millions
// of utterances — every terminal one must match with its reason, path and force, every other one must not, for its reason.
import { deepStrictEqual } from 'node:assert/strict';
import fc from 'fast-check';
import { matchTerminalTurn, terminalContent } from '@loomworks/core';
import { arbNonTerminalUtterance, arbTerminalUtterance, type NonTerminalUtterance, type TerminalUtterance } from '@loomworks/testkit';
import { checkInChunks, type SoakPhaseResult } from './soak-chunks';

export type MatcherSoakOptions = {
  utterances: number;
  /** Utterances per fast-check call; chunk i uses seed `seed + i`. */
  chunkRuns: number;
  seed: number;
  intervalSeconds: number;
};

type LabelledUtterance = { terminal: true; utterance: TerminalUtterance } | { terminal: false; utterance: NonTerminalUtterance };

/** Half terminal, half not, each labelled by how it was built. */
export function arbLabelledUtterance(): fc.Arbitrary<LabelledUtterance> {
  return fc.oneof(
    arbTerminalUtterance().map((utterance): LabelledUtterance => ({ terminal: true, utterance })),
    arbNonTerminalUtterance().map((utterance): LabelledUtterance => ({ terminal: false, utterance })),
  );
}

export function matcherProperty() {
  return fc.property(arbLabelledUtterance(), (labelled) => {
    const { text, context } = labelled.utterance;
    const match = matchTerminalTurn(text, context);
    if (labelled.terminal) {
      const { expected, parts } = labelled.utterance;
      // The content before the phrase is labelled too: the session applies it before committing.
      deepStrictEqual(
        { terminal: match.terminal, reason: match.reason, path: match.path, force: match.force, content: match.terminal ? terminalContent(text, match) : null },
        { terminal: true, reason: expected.reason, path: expected.path, force: expected.force, content: parts.content.trim() },
      );
    } else {
      deepStrictEqual({ terminal: match.terminal, reason: match.reason }, { terminal: false, reason: labelled.utterance.expected.reason });
    }
  });
}

export function soakMatcher(options: MatcherSoakOptions): SoakPhaseResult {
  return checkInChunks(matcherProperty(), {
    name: 'matcher: matchTerminalTurn against arbTerminalUtterance / arbNonTerminalUtterance',
    unit: 'utterances',
    runs: options.utterances,
    chunkRuns: options.chunkRuns,
    seed: options.seed,
    intervalSeconds: options.intervalSeconds,
    reproduceWith: 'matcherProperty() from bench/soak-matcher.ts',
  });
}
