// matchTerminalTurn: does this Operator message end elicitation (SPEC §6.2)? A deterministic pass over the
// message's tokens against the phrase tries, linear in its length; long content answers with no trigger
// word are settled by one native regex scan first (prefilter.ts).
import { LoomworksError } from '../errors';
import { PHRASE_TRIE, lastModifier, matchModifier, type PhraseDefinition, type TerminalPath } from './phrases';
import { firstTrigger, restartPoint } from './prefilter';
import { tokenize, type TokenStream } from './tokenize';
import {
  CLAUSE_STARTER,
  CONJUNCTION,
  DEFERRAL,
  FIRST_WORD_ID,
  INNER_NEGATOR,
  NEGATOR,
  OTHER_WORD,
  PHRASE_START,
  POLITENESS,
  QUOTE_MARK,
  REPLY_NO,
  REPLY_YES,
  SCOPE,
  SKIPPABLE,
  TOKEN_FLAGS,
  TOKEN_TEXT,
  TRANSPARENT,
  idOf,
} from './vocabulary';

export type TerminalTurnReason = 'phrase' | 'reply-to-close' | 'negated' | 'question' | 'scoped' | 'quoted' | 'none';

export type TerminalTurnMatch = {
  terminal: boolean;
  /** When the words name one ("as a Discovery record", "full write-up" → discovery; "as a brief", "short summary" → brief). */
  path?: TerminalPath;
  /** "create it anyway", "just create it", "go ahead regardless" — skip the coverage gate. */
  force?: boolean;
  /** The matched phrase, normalised ("that's everything"). */
  phrase?: string;
  reason: TerminalTurnReason;
  /**
   * UTF-16 offsets of the matched phrase in the original text — also for non-terminal reasons when a
   * phrase was found — so the session can tell content ("The audience is bakers.") from the phrase.
   */
  span?: { start: number; end: number };
};

/** What the Companion's last turn did: asked "anything else?" or "ready to begin?". */
export type TerminalContext = { companionAskedToClose?: boolean };

const NEGATES = NEGATOR | DEFERRAL;
/** Words after which a phrase still starts its clause. */
const LEAD_IN = TRANSPARENT | NEGATOR | DEFERRAL;
/** Words that may stand in a bare reply to "anything else?" / "ready to begin?" besides the reply itself. */
const REPLY_COMPANIONS = POLITENESS | CLAUSE_STARTER | TRANSPARENT;
/** A closed phrase may be followed by these single words before its clause ends. */
const CLOSED_TRAILERS = POLITENESS | NEGATOR | DEFERRAL;
/** Politeness, path and force words after a closed phrase: bounded so the look-ahead stays O(1). */
const MAX_TRAILERS = 8;
const MAX_SKIPS = 3;
const JUST = idOf('just');

type Occurrence = {
  definition: PhraseDefinition;
  start: number; // first token
  end: number; // one past the last token
  negatedInside: boolean;
  kind: 'candidate' | 'quoted' | 'scoped' | 'question';
};

// Phrase candidates at one position, longest last (module-level: no allocation per token).
const candidateDefinitions: PhraseDefinition[] = [];
const candidateEnds: number[] = [];
const candidateNegated: boolean[] = [];

/** True when, after `at`, only trailing words (politeness, time, path, force) stand before the clause ends. */
function clauseEndsAfter(tokens: TokenStream, at: number): boolean {
  const { ids, count } = tokens;
  let position = at;
  for (let steps = 0; steps < MAX_TRAILERS; steps++) {
    if (position >= count) return true;
    const id = ids[position] as number;
    if (id < OTHER_WORD) return true;
    if (id === OTHER_WORD) return false;
    const flags = TOKEN_FLAGS[id] as number;
    if ((flags & CONJUNCTION) !== 0) return true;
    if (matchModifier(tokens, position)) {
      if (lastModifier.kind === 'force-clause') return true;
      position = lastModifier.end;
      continue;
    }
    if ((flags & CLOSED_TRAILERS) === 0) return false;
    position++;
  }
  return position >= count || (ids[position] as number) < OTHER_WORD;
}

/** Tries every phrase starting at token `at`; returns the longest that fits its clause, or undefined. */
function matchPhraseAt(tokens: TokenStream, at: number): Occurrence | undefined {
  const { ids, count, quoted, sentences } = tokens;
  let node = PHRASE_TRIE.get(ids[at] as number);
  let position = at + 1;
  let skips = 0;
  let negatedInside = false;
  let found = 0;
  let arrived = true;
  while (node) {
    if (arrived && node.value) {
      candidateDefinitions[found] = node.value;
      candidateEnds[found] = position;
      candidateNegated[found] = negatedInside;
      found++;
    }
    if (!node.next || position >= count) break;
    const id = ids[position] as number;
    const child = node.next.get(id);
    if (child) {
      node = child;
      position++;
      arrived = true;
      continue;
    }
    arrived = false;
    // "that's not everything", "I'm all done", "that's about it": a few words may sit inside a phrase.
    if (id >= FIRST_WORD_ID && ((TOKEN_FLAGS[id] as number) & SKIPPABLE) !== 0 && skips < MAX_SKIPS) {
      skips++;
      if (((TOKEN_FLAGS[id] as number) & (NEGATES | INNER_NEGATOR)) !== 0) negatedInside = true;
      position++;
      continue;
    }
    break;
  }

  const sentence = sentences[at] as number;
  for (let candidate = found - 1; candidate >= 0; candidate--) {
    const definition = candidateDefinitions[candidate] as PhraseDefinition;
    const end = candidateEnds[candidate] as number;
    const negatedInside = candidateNegated[candidate] as boolean;
    if (quoted[at] !== 0) {
      if (definition.closed && !clauseEndsAfter(tokens, end)) continue;
      return { definition, start: at, end, negatedInside, kind: 'quoted' };
    }
    // "that's all for the audience": one section is done, not the conversation ("for now", "with it" are not sections).
    if (end + 1 < count && (ids[end] as number) >= FIRST_WORD_ID && ((TOKEN_FLAGS[ids[end] as number] as number) & SCOPE) !== 0) {
      if ((ids[end + 1] as number) >= OTHER_WORD && !clauseEndsAfter(tokens, end)) return { definition, start: at, end, negatedInside, kind: 'scoped' };
    }
    // A closed phrase followed by content is content ("make it warm") — unless its sentence is negated
    // anyway ("don't create it until I say"), where the occurrence is kept so the reason names it.
    if (definition.closed && !negatedInside && tokens.sentenceNegated[sentence] === 0 && !clauseEndsAfter(tokens, end)) continue;
    return { definition, start: at, end, negatedInside, kind: tokens.sentenceQuestion[sentence] !== 0 ? 'question' : 'candidate' };
  }
  return undefined;
}

/**
 * Decides whether `text` is the Operator's terminal turn. Never throws on a string; pure and deterministic.
 *
 * - A phrase from TERMINAL_PHRASES that starts a clause is terminal, unless a negation or deferral sits
 *   in its sentence or any later one ("I'm not done", "That's everything. Wait.") — sentences before it
 *   are content ("Rules: do not use jargon. That's everything." is terminal).
 * - A message whose last character (past politeness, emoji and spaces) is "?" is a question.
 * - A phrase followed by for/about/with/on and more words is about one section ("that's all for the audience").
 * - A phrase inside quotes is content.
 * - Bare "no"/"nope"/"nah" and "yes"/"ok"/"sure"/"begin" are terminal only with `companionAskedToClose`.
 */
export function matchTerminalTurn(text: string, context: TerminalContext = {}): TerminalTurnMatch {
  if (typeof text !== 'string') throw new LoomworksError('E_INVALID_INPUT', 'matchTerminalTurn needs the message text as a string.');
  const askedToClose = context.companionAskedToClose === true;
  // Most content answers hold no phrase, deferral or question at all: one native regex scan settles them.
  const trigger = firstTrigger(text, askedToClose);
  if (trigger < 0) return { terminal: false, reason: 'none' };
  // A bare reply must be the whole message, so only then is every sentence read.
  return matchTokens(tokenize(text, askedToClose ? 0 : restartPoint(text, trigger)), askedToClose);
}

/** The matcher without the prefilter: reads every sentence. Exported for the tests that compare the two. */
export function matchTerminalTurnFully(text: string, context: TerminalContext = {}): TerminalTurnMatch {
  return matchTokens(tokenize(text), context.companionAskedToClose === true);
}

function matchTokens(tokens: TokenStream, askedToClose: boolean): TerminalTurnMatch {
  const { ids, count, quoted, sentences, sentenceStarts } = tokens;

  let lastOccurrence: Occurrence | undefined;
  let lastCandidate: Occurrence | undefined;
  let clauseStart = true;
  for (let index = 0; index < count; index++) {
    const id = ids[index] as number;
    if (id < OTHER_WORD) {
      clauseStart = true;
      continue;
    }
    const flags = TOKEN_FLAGS[id] as number;
    if ((flags & PHRASE_START) !== 0 && (clauseStart || quoted[index] !== 0)) {
      const occurrence = matchPhraseAt(tokens, index);
      if (occurrence) {
        lastOccurrence = occurrence;
        if (occurrence.kind === 'candidate') lastCandidate = occurrence;
        index = occurrence.end - 1;
        clauseStart = false;
        continue;
      }
    }
    if ((flags & CLAUSE_STARTER) !== 0) clauseStart = true;
    else if ((flags & LEAD_IN) === 0) clauseStart = false;
  }

  if (tokens.finalQuestion) return notTerminal(tokens, lastCandidate ?? lastOccurrence, 'question');

  if (lastCandidate) {
    // Only the last candidate decides: a negation that cancels it also cancels every earlier one.
    const candidate = lastCandidate;
    let negated = candidate.negatedInside;
    let path = candidate.definition.path;
    let force = false;
    const previous = candidate.start - 1;
    if (previous >= 0 && ids[previous] === JUST && sentences[previous] === sentences[candidate.start]) force = true;
    for (let index = sentenceStarts[sentences[candidate.start] as number] as number; index < count && !negated; index++) {
      const id = ids[index] as number;
      if (id < FIRST_WORD_ID || quoted[index] !== 0) continue;
      if (matchModifier(tokens, index)) {
        if (lastModifier.kind === 'path') path = lastModifier.path;
        else if (lastModifier.kind !== 'trailer' && index >= candidate.start) force = true;
        index = lastModifier.end - 1;
        continue;
      }
      if ((index < candidate.start || index >= candidate.end) && ((TOKEN_FLAGS[id] as number) & NEGATES) !== 0) negated = true;
    }
    if (negated) return notTerminal(tokens, candidate, 'negated');
    const match: TerminalTurnMatch = { terminal: true, phrase: candidate.definition.text, reason: 'phrase', span: spanOf(tokens, candidate) };
    if (path) match.path = path;
    if (force) match.force = true;
    return match;
  }

  if (lastOccurrence) return notTerminal(tokens, lastOccurrence, lastOccurrence.kind === 'candidate' ? 'negated' : lastOccurrence.kind);

  if (askedToClose) {
    const reply = matchReplyToClose(tokens);
    if (reply) return reply;
  }
  return { terminal: false, reason: tokens.hasDeferral ? 'negated' : 'none' };
}

function spanOf(tokens: TokenStream, occurrence: Occurrence): { start: number; end: number } {
  return { start: tokens.starts[occurrence.start] as number, end: tokens.ends[occurrence.end - 1] as number };
}

function notTerminal(tokens: TokenStream, occurrence: Occurrence | undefined, reason: TerminalTurnReason): TerminalTurnMatch {
  return occurrence ? { terminal: false, phrase: occurrence.definition.text, reason, span: spanOf(tokens, occurrence) } : { terminal: false, reason };
}

/** A bare "no" / "yes please" / "ok, short summary" — nothing else in the message. */
function matchReplyToClose(tokens: TokenStream): TerminalTurnMatch | undefined {
  const { ids, count, quoted, starts, ends } = tokens;
  let reply = -1;
  let path: TerminalPath | undefined;
  let force = false;
  for (let index = 0; index < count; index++) {
    const id = ids[index] as number;
    if (id < OTHER_WORD) {
      if (quoted[index] !== 0 || id === QUOTE_MARK) return undefined;
      continue;
    }
    if (id === OTHER_WORD || quoted[index] !== 0) return undefined;
    const flags = TOKEN_FLAGS[id] as number;
    if ((flags & NEGATES) !== 0) return undefined;
    if ((flags & (REPLY_YES | REPLY_NO)) !== 0) {
      if (reply < 0) reply = index;
      continue;
    }
    if (matchModifier(tokens, index)) {
      if (lastModifier.kind === 'path') path = lastModifier.path;
      else if (lastModifier.kind !== 'trailer') force = true;
      index = lastModifier.end - 1;
      continue;
    }
    if ((flags & REPLY_COMPANIONS) === 0) return undefined;
  }
  if (reply < 0) return undefined;
  const match: TerminalTurnMatch = {
    terminal: true,
    phrase: TOKEN_TEXT[ids[reply] as number] as string,
    reason: 'reply-to-close',
    span: { start: starts[reply] as number, end: ends[reply] as number },
  };
  if (path) match.path = path;
  if (force) match.force = true;
  return match;
}
