// Properties of the matcher on arbitrary input. (The labelled-utterance properties — terminal phrases under
// every variation, negated/questioned/scoped/quoted transforms — live with the testkit's arbitraries.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TERMINAL_PHRASES, isReviewRequest, matchTerminalTurn, terminalContent, type TerminalTurnMatch } from '.';
import { matchTerminalTurnFully } from './match-terminal-turn';

const REASONS = new Set(['phrase', 'reply-to-close', 'negated', 'question', 'scoped', 'quoted', 'none']);

/** Pieces that exercise every rule, mixed with arbitrary Unicode. */
const FRAGMENTS = [
  ...TERMINAL_PHRASES,
  'not', "don't", 'do not', 'never', 'wait', 'hold on', 'one more', 'yet', 'almost', 'before you', 'maybe', 'except',
  'no', 'nope', 'yes', 'ok', 'sure', 'begin', 'thanks', 'thank you', 'please', 'cheers', 'I think', 'just', 'anyway', 'as is', 'even if',
  'for', 'about', 'with', 'on', 'for now', 'with it', 'the audience', 'the rules', 'as a brief', 'short summary', 'full write-up', 'a Discovery record',
  'I am', 'that is', 'we are', 'let us', 'thats', 'im', 'were', 'lets', 'review', 'show me',
  '.', '!', '?', '!!!', '...', '\u2026', ',', ':', ';', ' - ', '\u2014', '\n', '\n\n', ' ', '  ', '\t', '\u00a0',
  '"', '\u201c', '\u201d', "'", '\u2018', '\u2019', '\u02bc', '`', '\u00ab', '\u00bb',
  ':)', ':-)', ':D', '^_^', '<3', 'xD', '\u{1f389}', '\u{1f44d}\u{1f3fd}', '\u{1f468}\u200d\u{1f469}\u200d\u{1f467}', '\u2764\ufe0f', '\u{1f1ec}\u{1f1e7}',
  '\u200b', '\u200d', '\ufe0f', '\u00ad', '\u{e0067}', 'e\u0301', 'caf\u00e9', '\u5bb6\u5ead', '\u{1d400}', '_', '*', '3.5', 'a.b', 'x-y',
  'The audience is bakers', 'make it warm', 'We set it up weekly', '\ud800', '\udc00',
];

const fragment = fc.oneof(
  { arbitrary: fc.constantFrom(...FRAGMENTS), weight: 8 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 4 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }), weight: 1 },
);
const casing = fc.constantFrom<(text: string) => string>(
  (text) => text,
  (text) => text.toUpperCase(),
  (text) => text.replace(/^./, (first) => first.toUpperCase()),
);
const message = fc
  .array(fc.tuple(fragment, casing, fc.constantFrom('', ' ', ' ', '\n')), { maxLength: 40 })
  .map((parts) => parts.map(([text, cased, separator]) => cased(text) + separator).join(''));
const context = fc.record({ companionAskedToClose: fc.boolean() }, { requiredKeys: [] });

function wellFormed(text: string, match: TerminalTurnMatch): void {
  expect(REASONS.has(match.reason)).toBe(true);
  expect(match.terminal).toBe(match.reason === 'phrase' || match.reason === 'reply-to-close');
  if (!match.terminal) {
    expect(match.path).toBeUndefined();
    expect(match.force).toBeUndefined();
  }
  if (match.span) {
    expect(match.phrase).toBeTypeOf('string');
    expect(0 <= match.span.start && match.span.start < match.span.end && match.span.end <= text.length).toBe(true);
  } else {
    expect(match.phrase).toBeUndefined();
  }
}

describe('matchTerminalTurn on arbitrary input', () => {
  it('never throws on full-Unicode strings, returns a well-formed match, and is deterministic', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), message), context, fc.string({ maxLength: 30 }), (text, given, other) => {
        const first = matchTerminalTurn(text, given);
        wellFormed(text, first);
        matchTerminalTurn(other, { companionAskedToClose: true }); // shared buffers must not leak between calls
        expect(matchTerminalTurn(text, given)).toEqual(first);
        const content = terminalContent(text, first);
        expect(content.length).toBeLessThanOrEqual(text.length);
        expect(typeof isReviewRequest(text)).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same answer with and without the prefilter', () => {
    fc.assert(
      fc.property(message, fc.string({ maxLength: 80 }), context, (text, padding, given) => {
        // Long enough that the prefilter and the sentence restart are used.
        const long = `${padding}. ${text}`.padStart(70, 'x');
        expect(matchTerminalTurn(long, given)).toEqual(matchTerminalTurnFully(long, given));
        expect(matchTerminalTurn(text, given)).toEqual(matchTerminalTurnFully(text, given));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds a phrase whatever comes before its sentence, when that holds no open quote', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TERMINAL_PHRASES), fc.string({ unit: 'grapheme', maxLength: 120 }), (phrase, before) => {
        fc.pre(!/["'`\u2018\u2019\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\uff02\uff07\u301d\u301e]/.test(before));
        const text = `${before}.\n${phrase}.`;
        expect(matchTerminalTurn(text)).toMatchObject({ terminal: true, phrase });
      }),
      { numRuns: 1000 },
    );
  });
});
