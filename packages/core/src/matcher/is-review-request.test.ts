import { describe, expect, it } from 'vitest';
import { isReviewRequest, matchTerminalTurn } from '.';

describe('isReviewRequest', () => {
  it('recognises the Operator asking to see what was gathered', () => {
    for (const text of [
      'review', 'Review please', 'let me review', "I'd like to review", 'I would like to review it first', 'show me', 'Show me what you have',
      'can I see it first?', 'Let me see', 'Could I take a look first?', 'I want to see the summary', 'Let me look it over.',
    ]) {
      expect(isReviewRequest(text), text).toBe(true);
      expect(matchTerminalTurn(text, { companionAskedToClose: true }).terminal, text).toBe(false);
    }
  });

  it('is false for an answer to begin or a refusal to review', () => {
    for (const text of [
      "I'm ready, let's begin", 'yes', 'no need to review', "Don't show me, just create it", 'No review, create it', 'skip the review', 'I see.',
      'The audience is bakers.', '', 'The tagline is "review it"',
    ]) {
      expect(isReviewRequest(text), text).toBe(false);
    }
  });
});
