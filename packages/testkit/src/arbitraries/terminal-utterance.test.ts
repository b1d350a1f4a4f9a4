import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LoomworksError, TERMINAL_PHRASES, matchTerminalTurn, terminalContent } from '@loomworks/core';
import {
  arbNonTerminalUtterance,
  arbTerminalUtterance,
  negateTerminal,
  questionTerminal,
  quoteTerminal,
  scopeTerminal,
  type NonTerminalReason,
  type TerminalUtterance,
} from './terminal-utterance';

const phraseUtterances = arbTerminalUtterance({ replies: false });

/** A terminal utterance and one transform of it. */
function transformed(source: fc.Arbitrary<TerminalUtterance>, transform: (utterance: TerminalUtterance) => fc.Arbitrary<string>) {
  return source.chain((utterance) => transform(utterance).map((text) => ({ utterance, text })));
}

describe('arbTerminalUtterance', () => {
  it('every terminal utterance matches, with its path, force and reason, and its content separates from the phrase', () => {
    const phrases = new Set<string>();
    const reasons = new Set<string>();
    fc.assert(
      fc.property(arbTerminalUtterance(), (utterance) => {
        const match = matchTerminalTurn(utterance.text, utterance.context);
        expect(match).toMatchObject({ terminal: true, ...utterance.expected });
        expect(match.path).toBe(utterance.expected.path);
        expect(match.force).toBe(utterance.expected.force);
        expect(terminalContent(utterance.text, match)).toBe(utterance.parts.content.trim());
        expect(utterance.parts.before + utterance.parts.phrase + utterance.parts.after).toBe(utterance.text);
        if (match.phrase && match.reason === 'phrase') phrases.add(match.phrase);
        reasons.add(match.reason);
      }),
      { numRuns: 2000 },
    );
    // Over 2,000 runs every phrase and both reasons turn up.
    expect(TERMINAL_PHRASES.filter((phrase) => !phrases.has(phrase))).toEqual([]);
    expect([...reasons].sort()).toEqual(['phrase', 'reply-to-close']);
  });

  it('varies case, apostrophes, spelled-out forms, punctuation, emoji and politeness', () => {
    const texts = fc.sample(arbTerminalUtterance(), { numRuns: 600, seed: 11 }).map((utterance) => utterance.text);
    const seen = (pattern: RegExp) => texts.some((text) => pattern.test(text));
    expect(seen(/\u2019|\u02bc|\uff07|`/)).toBe(true);
    expect(seen(/\bthats\b|\bim\b|\blets\b|\bwere\b/i)).toBe(true);
    expect(seen(/\bthat is\b|\bI am\b|\blet us\b/i)).toBe(true);
    expect(seen(/[A-Z]{4}/)).toBe(true);
    expect(seen(/!!!|\.\.\.|\u2026/)).toBe(true);
    expect(seen(/\p{Extended_Pictographic}/u)).toBe(true);
    expect(seen(/:\)|:D|\^_\^|<3/)).toBe(true);
    expect(seen(/thanks|thank you|please|thx|cheers/i)).toBe(true);
    expect(seen(/\.\s+\S.*\S/)).toBe(true);
  });

  it('honours its options', () => {
    for (const utterance of fc.sample(arbTerminalUtterance({ content: false, replies: false, paths: false, force: false }), { numRuns: 200, seed: 5 })) {
      expect(utterance.expected.reason).toBe('phrase');
      expect(utterance.parts.content).toBe('');
      expect(utterance.expected.force).toBeUndefined();
      if (utterance.expected.path) expect(utterance.parts.phrase.toLowerCase()).toMatch(/discovery\s+record|brief/);
    }
  });
});

describe('the non-terminal transforms', () => {
  it('negateTerminal: a negation or deferral in the phrase sentence or after it is never terminal', () => {
    fc.assert(
      fc.property(transformed(arbTerminalUtterance(), negateTerminal), ({ utterance, text }) => {
        expect(matchTerminalTurn(text, utterance.context)).toMatchObject({ terminal: false, reason: 'negated' });
      }),
      { numRuns: 1500 },
    );
  });

  it('questionTerminal: a message ending in "?" is never terminal', () => {
    fc.assert(
      fc.property(transformed(arbTerminalUtterance(), questionTerminal), ({ utterance, text }) => {
        expect(matchTerminalTurn(text, utterance.context)).toMatchObject({ terminal: false, reason: 'question' });
      }),
      { numRuns: 1500 },
    );
  });

  it('scopeTerminal: a phrase about one section is never terminal, and the phrase is still reported', () => {
    fc.assert(
      fc.property(transformed(phraseUtterances, scopeTerminal), ({ utterance, text }) => {
        const match = matchTerminalTurn(text, utterance.context);
        expect(match).toMatchObject({ terminal: false, reason: 'scoped' });
        expect(match.span && text.slice(match.span.start, match.span.end)).toBe(utterance.parts.phrase);
      }),
      { numRuns: 1500 },
    );
  });

  it('quoteTerminal: a phrase inside quotes is never terminal', () => {
    fc.assert(
      fc.property(transformed(phraseUtterances, quoteTerminal), ({ utterance, text }) => {
        expect(matchTerminalTurn(text, utterance.context)).toMatchObject({ terminal: false, reason: 'quoted' });
      }),
      { numRuns: 1500 },
    );
  });
});

describe('arbNonTerminalUtterance', () => {
  it('is never terminal and gives the reason it was built with', () => {
    const reasons = new Set<NonTerminalReason>();
    fc.assert(
      fc.property(arbNonTerminalUtterance(), (utterance) => {
        expect(matchTerminalTurn(utterance.text, utterance.context)).toMatchObject({ terminal: false, reason: utterance.expected.reason });
        reasons.add(utterance.expected.reason);
      }),
      { numRuns: 2000 },
    );
    expect([...reasons].sort()).toEqual(['negated', 'none', 'question', 'quoted', 'scoped']);
  });

  it('draws only the reasons asked for', () => {
    for (const utterance of fc.sample(arbNonTerminalUtterance({ reasons: ['scoped', 'none'] }), { numRuns: 100, seed: 2 })) {
      expect(['scoped', 'none']).toContain(utterance.expected.reason);
    }
    expect(() => arbNonTerminalUtterance({ reasons: [] })).toThrow(LoomworksError);
  });
});

describe('bare replies', () => {
  it('no / ok / yes / sure / begin are terminal only when the Companion asked to close, and "thanks" never', () => {
    const words = fc.constantFrom('no', 'nope', 'ok', 'okay', 'yes', 'yep', 'sure', 'begin', 'thanks', 'thank you');
    const dress = fc.tuple(fc.constantFrom('', '.', '!', '!!'), fc.constantFrom('', ' \u{1f44d}', ' :)'), fc.boolean());
    fc.assert(
      fc.property(words, dress, fc.boolean(), (word, [punctuation, emoji, upper], asked) => {
        const text = (upper ? word.toUpperCase() : word) + punctuation + emoji;
        const match = matchTerminalTurn(text, { companionAskedToClose: asked });
        const thanks = word.startsWith('thank');
        expect(match.terminal).toBe(asked && !thanks);
        expect(match.reason).toBe(asked && !thanks ? 'reply-to-close' : 'none');
      }),
      { numRuns: 1000 },
    );
  });
});
