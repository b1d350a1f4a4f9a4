// isReviewRequest: in the confirming phase, does the Operator want to see what was gathered before the
// project is created ("show me", "can I see it first", "I'd like to review")? Never a terminal turn.
import { REVIEW_TRIE } from './phrases';
import { tokenize } from './tokenize';
import { FIRST_WORD_ID, NEGATOR, REVIEW_NEGATION, REVIEW_START, TOKEN_FLAGS } from './vocabulary';

/** True when the message asks to review and nothing in it declines ("no need to review", "don't show me"). */
export function isReviewRequest(text: string): boolean {
  if (typeof text !== 'string') return false;
  const { ids, count, quoted } = tokenize(text);
  let review = false;
  for (let index = 0; index < count; index++) {
    const id = ids[index] as number;
    if (id < FIRST_WORD_ID || quoted[index] !== 0) continue;
    const flags = TOKEN_FLAGS[id] as number;
    if ((flags & (NEGATOR | REVIEW_NEGATION)) !== 0) return false;
    if (review || (flags & REVIEW_START) === 0) continue;
    let node = REVIEW_TRIE.get(id);
    for (let position = index + 1; node; position++) {
      if (node.value !== undefined) {
        review = true;
        break;
      }
      node = position < count ? node.next?.get(ids[position] as number) : undefined;
    }
  }
  return review;
}
