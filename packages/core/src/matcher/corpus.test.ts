// The labelled corpus (fixtures/terminal-turns/corpus.json): every label must hold — F1 = 1.0 (SPEC §13).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TERMINAL_PHRASES, matchTerminalTurn, type TerminalTurnMatch } from '.';

type CorpusEntry = {
  text: string;
  companionAskedToClose?: boolean;
  terminal: boolean;
  reason: TerminalTurnMatch['reason'];
  path?: TerminalTurnMatch['path'];
  force?: boolean;
};

const corpus = JSON.parse(readFileSync(new URL('../../../../fixtures/terminal-turns/corpus.json', import.meta.url), 'utf8')) as CorpusEntry[];
const results = corpus.map((entry) => ({ entry, match: matchTerminalTurn(entry.text, { companionAskedToClose: entry.companionAskedToClose === true }) }));

describe('the labelled terminal-turn corpus', () => {
  it('is a few hundred entries covering every reason', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    const reasons = new Set(corpus.map((entry) => entry.reason));
    expect([...reasons].sort()).toEqual(['negated', 'none', 'phrase', 'question', 'quoted', 'reply-to-close', 'scoped']);
  });

  it('matches every label (terminal, reason, path, force) — F1 = 1.0', () => {
    const mismatches = results.filter(({ entry, match }) =>
      match.terminal !== entry.terminal || match.reason !== entry.reason || match.path !== entry.path || (match.force ?? false) !== (entry.force ?? false),
    );
    const report = mismatches.map(({ entry, match }) => `${JSON.stringify(entry)}\n    got ${JSON.stringify(match)}`).join('\n');
    if (mismatches.length > 0) console.log(`${mismatches.length} corpus mismatches:\n${report}`);
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    for (const { entry, match } of results) {
      if (match.terminal && entry.terminal) truePositives++;
      else if (match.terminal) falsePositives++;
      else if (entry.terminal) falseNegatives++;
    }
    expect((2 * truePositives) / (2 * truePositives + falsePositives + falseNegatives)).toBe(1);
    expect(report).toBe('');
  });

  it('holds every phrase of TERMINAL_PHRASES as a positive', () => {
    const matched = new Set(results.filter(({ match }) => match.terminal && match.reason === 'phrase').map(({ match }) => match.phrase));
    expect(TERMINAL_PHRASES.filter((phrase) => !matched.has(phrase))).toEqual([]);
  });
});
