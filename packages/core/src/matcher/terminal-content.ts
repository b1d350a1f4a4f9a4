// terminalContent: the part of a terminal message that is content — what the session applies before it
// commits ("The audience is bakers. That's everything." → "The audience is bakers.").
import type { TerminalTurnMatch } from './match-terminal-turn';
import { lastModifier, matchModifier } from './phrases';
import { tokenize } from './tokenize';
import {
  CLAUSE_BREAK,
  CLAUSE_STARTER,
  CONJUNCTION,
  DEFERRAL,
  FIRST_WORD_ID,
  NEGATOR,
  OTHER_WORD,
  POLITENESS,
  QUESTION_END,
  SENTENCE_END,
  TOKEN_FLAGS,
  TRANSPARENT,
} from './vocabulary';

/** Lead-ins removed with the phrase ("OK, I think that's everything" has no content). */
const LEAD_IN = CLAUSE_STARTER | TRANSPARENT | POLITENESS;
/** Words of a clause that says nothing but thanks ("That's everything. Thanks so much!"). */
const COURTESY = CLAUSE_STARTER | POLITENESS | TRANSPARENT;

/**
 * The message with the matched phrase removed — and what hugs it: its lead-ins ("ok", "I think"), the rest
 * of its clause ("I have"), punctuation, emoji and politeness — trimmed; '' when the message is only the
 * phrase (or a reply to close). A message without a matched phrase comes back trimmed.
 */
export function terminalContent(text: string, match: TerminalTurnMatch): string {
  if (match.reason === 'reply-to-close') return '';
  if (!match.span) return text.trim();
  const { start, end } = match.span;
  const tokens = tokenize(text);
  const { ids, count, starts, ends } = tokens;
  let first = -1;
  let last = -1;
  for (let index = 0; index < count; index++) {
    if (first < 0 && starts[index] === start) first = index;
    if (first >= 0 && ends[index] === end) {
      last = index;
      break;
    }
  }
  // The span is not this text's (another text was matched): cut exactly the span.
  if (first < 0 || last < 0) return joinParts(text.slice(0, Math.max(0, start)).trimEnd(), text.slice(Math.max(start, end)).trimStart());

  const flagsAt = (index: number): number => {
    const id = ids[index] as number;
    return id >= FIRST_WORD_ID ? (TOKEN_FLAGS[id] as number) : 0;
  };

  let left = first;
  while (left > 0) {
    const previous = ids[left - 1] as number;
    const flags = flagsAt(left - 1);
    if (previous === CLAUSE_BREAK || ((flags & LEAD_IN) !== 0 && (flags & (NEGATOR | DEFERRAL)) === 0)) left--;
    else break;
  }

  // The rest of the phrase's clause.
  let right = last + 1;
  while (right < count && (ids[right] as number) >= OTHER_WORD && (flagsAt(right) & CONJUNCTION) === 0) right++;
  // Then punctuation and clauses of nothing but courtesy.
  let stop = '';
  while (right < count) {
    const id = ids[right] as number;
    if (id === CLAUSE_BREAK || id === SENTENCE_END || id === QUESTION_END) {
      if (id !== CLAUSE_BREAK && stop === '') stop = text.slice(starts[right], ends[right]).replace(/\s+/g, '');
      right++;
      continue;
    }
    if (id < OTHER_WORD) break;
    let clauseEnd = right;
    while (clauseEnd < count && (ids[clauseEnd] as number) >= FIRST_WORD_ID) {
      if (matchModifier(tokens, clauseEnd)) clauseEnd = lastModifier.end;
      else if ((flagsAt(clauseEnd) & COURTESY) !== 0) clauseEnd++;
      else break;
    }
    if (clauseEnd < count && (ids[clauseEnd] as number) >= OTHER_WORD) break;
    right = clauseEnd;
  }

  const before = text.slice(0, left > 0 ? ends[left - 1] : 0).trim();
  const after = text.slice(right < count ? starts[right] : text.length).trim();
  // Cut mid-sentence ("The audience is bakers, that's everything.")? Keep the sentence's own full stop.
  const endsSentence = left > 0 && (ids[left - 1] as number) >= OTHER_WORD && stop !== '' && after === '';
  const head = endsSentence ? before + stop : before;
  return joinParts(head, after);
}

function joinParts(head: string, tail: string): string {
  return head && tail ? `${head} ${tail}` : head || tail;
}
