import { describe, expect, it } from 'vitest';
import { matchTerminalTurn, terminalContent } from '.';

function contentOf(text: string, companionAskedToClose = false): string {
  return terminalContent(text, matchTerminalTurn(text, { companionAskedToClose }));
}

describe('terminalContent', () => {
  it('separates content sentences from the phrase', () => {
    expect(contentOf("The audience is bakers. That's everything.")).toBe('The audience is bakers.');
    expect(contentOf("Rules: do not use jargon. That's everything!")).toBe('Rules: do not use jargon.');
    expect(contentOf("Voice: warm.\nAudience: bakers.\n\nThat's all, thanks!")).toBe('Voice: warm.\nAudience: bakers.');
  });

  it("is '' when the message is only the phrase, with its lead-ins, politeness, punctuation and emoji", () => {
    for (const text of [
      "That's everything.", "OK, I think that's everything!!! \u{1f389}", "That's everything, thanks so much :)", 'Just create it anyway.',
      "That's everything I have.", 'Nothing else to add, cheers', 'Create it as a short summary please', "  that\u2019s all  ",
    ]) {
      expect(contentOf(text), text).toBe('');
    }
  });

  it('keeps the sentence of content a phrase was attached to, with its full stop', () => {
    expect(contentOf("The audience is bakers, that's everything.")).toBe('The audience is bakers.');
    expect(contentOf("The audience is bakers and that's all!")).toBe('The audience is bakers!');
  });

  it('keeps content after the phrase', () => {
    expect(contentOf("That's everything. The name is Loaf Letter.")).toBe('The name is Loaf Letter.');
  });

  it("is '' for a reply to close", () => {
    expect(contentOf('Yes please!', true)).toBe('');
  });

  it('returns the trimmed message when no phrase was matched', () => {
    expect(contentOf('  The audience is bakers.  ')).toBe('The audience is bakers.');
  });

  it('cuts exactly the span when the match came from another text', () => {
    // The span ends inside a word here, so it cannot be this text's match.
    expect(terminalContent('abc done xyz', { terminal: true, reason: 'phrase', phrase: 'done', span: { start: 4, end: 7 } })).toBe('abc e xyz');
  });
});
