// fast-check arbitraries for the terminal-turn matcher (SPEC §6.2): Operator messages that end elicitation,
// written every way people write them, and the transforms that make one not terminal — labelled by construction.
import fc from 'fast-check';
import { LoomworksError, TERMINAL_PHRASES, type TerminalContext, type TerminalPath } from '@loomworks/core';

export type TerminalUtterance = {
  text: string;
  context: TerminalContext;
  expected: { path?: TerminalPath; force?: boolean; reason: 'phrase' | 'reply-to-close' };
  /**
   * How the text was put together: `before` + `phrase` + `after` === `text`. `content` is the content
   * sentences at the start of `before` (what terminalContent should give back, trimmed); `phrase` is the
   * written phrase (or reply word). The transforms use these to act on the phrase itself.
   */
  parts: { content: string; before: string; phrase: string; after: string };
};

export type NonTerminalReason = 'negated' | 'question' | 'scoped' | 'quoted' | 'none';

export type NonTerminalUtterance = {
  text: string;
  context: TerminalContext;
  expected: { reason: NonTerminalReason };
};

export type ArbTerminalUtteranceOptions = {
  /** Content sentences before the phrase, negations and deferrals included (default true). */
  content?: boolean;
  /** Bare replies ("no thanks", "yes please") to a Companion that asked to close (default true). */
  replies?: boolean;
  /** Path words ("as a short summary", "the full write-up") (default true). */
  paths?: boolean;
  /** Force words ("anyway", "as is") (default true). */
  force?: boolean;
};

export type ArbNonTerminalUtteranceOptions = {
  /** Which reasons to draw (default all five). */
  reasons?: readonly NonTerminalReason[];
};

// ---------------------------------------------------------------------------------------------------
// Building blocks. Every piece is chosen so the label of the whole is known without running the matcher.

/** Contractions the matcher reads with any apostrophe, and their spelled-out and apostrophe-less forms. */
const CONTRACTIONS: Record<string, { spelled: string; bare?: string }> = {
  "that's": { spelled: 'that is', bare: 'thats' },
  "i'm": { spelled: 'I am', bare: 'im' },
  "we're": { spelled: 'we are' },
  "let's": { spelled: 'let us', bare: 'lets' },
  "don't": { spelled: 'do not', bare: 'dont' },
  "can't": { spelled: 'cannot', bare: 'cant' },
};
const APOSTROPHES = ["'", "'", '\u2019', '\u2018', '\u02bc', '\uff07', '`'];

/**
 * Sentences of content: no phrase, no quote marks, each ending a sentence; negations and deferrals here
 * come before the phrase's sentence, so they do not count.
 */
const CONTENT_SENTENCES = [
  'The audience is home bakers who sell at weekend markets.',
  'Do not use jargon.',
  'Never promise delivery dates!',
  "It's not for professional chefs.",
  'One more rule: no stock photos.',
  'Wait, the name is Loaf Letter.',
  'Hold on, cafés are readers too.',
  'Voice: warm and a little dry.',
  'Success means people reply to the letter.',
  'Anything else?',
  'Rules: no prices, no emoji, no jargon.',
  '1. Short paragraphs\n2. Plain words!',
  'Audience: \u5bb6\u5ead\u306e\u30d1\u30f3\u8077\u4eba.',
];
const CONTENT_ENDINGS = [' ', '\n', '\n\n', '  '];

/** Lead-ins after which a phrase still starts its clause (none ends a sentence). */
const LEAD_INS = ['', '', '', 'OK, ', 'Okay so ', 'Alright, ', 'Great, ', 'So ', 'Well, ', 'I think ', 'Yes, ', 'No, ', 'Right, ', 'Hmm, ', 'Perfect, ', 'ok ', 'Honestly, '];
const FORCE_WORDS = [' anyway', ' anyways', ' regardless', ' as is'];
const PATH_WORDS: ReadonlyArray<[string, TerminalPath]> = [
  [', as a short summary', 'brief'],
  [', as a brief', 'brief'],
  [' as a brief', 'brief'],
  ['. Short summary please', 'brief'],
  [', just the summary', 'brief'],
  [' \u2014 the full write-up', 'discovery'],
  [', as a Discovery record', 'discovery'],
  ['. The full write-up, please', 'discovery'],
];
const POLITENESS = [', thanks', ' thanks', ', thank you', ' thank you', ' thx', ' ty', ', please', ' pls', ', cheers', ', much appreciated', ', thanks so much'];
const PUNCTUATION = ['', '.', '.', '!', '!!!', '...', '\u2026', '.!', '!!'];
const EMOJI = [
  ' \u{1f389}', ' \u{1f44d}', ' \u{1f44d}\u{1f3fd}', ' \u{1f468}\u200d\u{1f469}\u200d\u{1f467}', ' \u2764\ufe0f', ' \u{1f64f}', ' \u{1f1ec}\u{1f1e7}', ' :)', ' :-)', ' :D',
  ' ^_^', ' <3', ' xD', ' ;)', '\u{1f389}\u{1f389}',
];

/** Replies to "anything else?" / "ready to begin?" that end elicitation only when the Companion asked. */
const REPLY_WORDS = ['no', 'nope', 'nah', 'yes', 'yep', 'yeah', 'ok', 'okay', 'sure', 'begin'];
const REPLY_POLITENESS = ['', '', ' thanks', ', thanks', ' please', ' thank you', ', cheers'];
/** Bare words that are never terminal without the Companion asking to close ("thanks" never is). */
const BARE_WORDS = [...REPLY_WORDS, 'thanks', 'thank you', 'no thanks', 'yes please', 'ok thanks', 'sure thing'];

const DEFERRAL_SENTENCES = [
  'Wait.', 'Actually, not yet.', 'Hold on.', 'Hang on, one more thing.', 'One more rule: no jargon.', "But don't create it yet.", "Oh wait, I'm not done.",
  'Not yet!', 'Almost, one more.', 'Before you create it, add a rule about prices.', 'One last thing: the name is Loaf Letter.', 'wait wait',
];
const STANDALONE_DEFERRALS = ['Not yet.', 'Wait!', 'hold on', 'Hang on a second.', 'One more thing.', 'not yet, thanks', 'Wait, one more rule: no prices.', 'Almost there, hold on.'];
const QUESTION_ENDINGS = ['?', '??', '?!', ', right?', '? thanks', '? \u{1f642}', ' \u2014 what next?', ', is that ok?', '\uff1f'];
const SCOPE_PREPOSITIONS = ['for', 'about', 'with', 'on'];
const SECTIONS = ['the audience', 'the rules', 'the voice', 'the purpose', 'the name', 'who it is for', 'how it should sound', 'the success signs', 'that part', 'this section'];
const QUOTE_PAIRS: ReadonlyArray<[string, string]> = [
  ['"', '"'],
  ['\u201c', '\u201d'],
  ["'", "'"],
  ['\u2018', '\u2019'],
  ['\u00ab', '\u00bb'],
];
const QUOTE_PREFIXES = ['The tagline is ', 'Our motto: ', 'She always says ', 'Put ', 'The button should read ', ''];
const QUOTE_SUFFIXES = ['', '.', '!', ' on the homepage.'];
/** Ordinary answers: no phrase starting a clause, no deferral, not a question. */
const CONTENT_ANSWERS = [
  "We're making a weekly newsletter for home bakers.",
  'The audience is home bakers who sell at weekend markets.',
  'Keep it warm and plain, like a neighbour talking over the fence.',
  'Never promise delivery dates.',
  "Don't use jargon.",
  "It's not for professional chefs.",
  'Make it warm and friendly.',
  'We set it up every Sunday morning.',
  "A bakery that's everything to its town.",
  'Success means people reply to the letter.',
  'The name is Loaf Letter.',
  'Our readers are done with glossy food media.',
  'Caf\u00e9 owners read it too \u{1f950}',
];

const casing = fc.constantFrom<(text: string) => string>(
  (text) => text,
  (text) => text,
  (text) => text.toLowerCase(),
  (text) => text.toUpperCase(),
  (text) => text.charAt(0).toUpperCase() + text.slice(1),
);

/** A phrase written one of the ways the matcher must read: case, apostrophes, spelled-out forms, spacing. */
function arbPhraseSurface(phrase: string): fc.Arbitrary<string> {
  const words = phrase.split(' ');
  return fc
    .tuple(
      fc.array(fc.tuple(fc.nat(9), fc.constantFrom(...APOSTROPHES)), { minLength: words.length, maxLength: words.length }),
      fc.array(fc.constantFrom(' ', ' ', ' ', '  '), { minLength: words.length, maxLength: words.length }),
      casing,
    )
    .map(([choices, spaces, cased]) =>
      cased(
        words
          .map((word, index) => {
            const [choice, apostrophe] = choices[index] as [number, string];
            const contraction = CONTRACTIONS[word];
            if (contraction && choice < 2) return contraction.spelled;
            // "were" reads as "we're" only at the start of a phrase.
            if (word === "we're" && index === 0 && choice < 4) return 'were';
            if (contraction?.bare && choice < 4) return contraction.bare;
            return word.replace("'", apostrophe);
          })
          .map((word, index) => (index === 0 ? word : (spaces[index] as string) + word))
          .join(''),
      ),
    );
}

function pathOf(phrase: string): TerminalPath | undefined {
  if (phrase.includes('discovery record')) return 'discovery';
  if (phrase.includes('brief')) return 'brief';
  return undefined;
}

function arbPhraseUtterance(options: ArbTerminalUtteranceOptions): fc.Arbitrary<TerminalUtterance> {
  return fc
    .record({
      phrase: fc.constantFrom(...TERMINAL_PHRASES),
      content: options.content === false ? fc.constant<Array<[string, string]>>([]) : fc.array(fc.tuple(fc.constantFrom(...CONTENT_SENTENCES), fc.constantFrom(...CONTENT_ENDINGS)), { maxLength: 3 }),
      lead: fc.constantFrom(...LEAD_INS),
      force: options.force === false ? fc.constant('') : fc.oneof({ arbitrary: fc.constant(''), weight: 3 }, { arbitrary: fc.constantFrom(...FORCE_WORDS), weight: 1 }),
      path: options.paths === false ? fc.constant(undefined) : fc.option(fc.constantFrom(...PATH_WORDS), { freq: 4 }),
      politeness: fc.option(fc.constantFrom(...POLITENESS), { freq: 2 }),
      punctuation: fc.constantFrom(...PUNCTUATION),
      emoji: fc.option(fc.constantFrom(...EMOJI), { freq: 3 }),
      padding: fc.tuple(fc.constantFrom('', '', ' ', '\n'), fc.constantFrom('', '', ' ', '\n')),
      companionAskedToClose: fc.option(fc.boolean(), { nil: undefined }),
    })
    .chain((draw) => arbPhraseSurface(draw.phrase).map((surface) => ({ ...draw, surface })))
    .map((draw): TerminalUtterance => {
      const ownPath = pathOf(draw.phrase);
      // A phrase that names its own path keeps it: no second path words.
      const pathWords = ownPath ? undefined : draw.path;
      const content = draw.content.map(([sentence, ending]) => sentence + ending).join('');
      const before = draw.padding[0] + content + draw.lead;
      const after = draw.force + (pathWords?.[0] ?? '') + (draw.politeness ?? '') + draw.punctuation + (draw.emoji ?? '') + draw.padding[1];
      const path = ownPath ?? pathWords?.[1];
      return {
        text: before + draw.surface + after,
        context: draw.companionAskedToClose === undefined ? {} : { companionAskedToClose: draw.companionAskedToClose },
        expected: { reason: 'phrase', ...(path ? { path } : {}), ...(draw.force ? { force: true } : {}) },
        parts: { content, before, phrase: draw.surface, after },
      };
    });
}

function arbReplyUtterance(): fc.Arbitrary<TerminalUtterance> {
  return fc
    .record({
      word: fc.constantFrom(...REPLY_WORDS),
      cased: casing,
      politeness: fc.constantFrom(...REPLY_POLITENESS),
      path: fc.option(fc.constantFrom<[string, TerminalPath]>([', as a short summary', 'brief'], [', the full write-up', 'discovery'], [', a brief please', 'brief']), { freq: 4 }),
      punctuation: fc.constantFrom(...PUNCTUATION),
      emoji: fc.option(fc.constantFrom(...EMOJI), { freq: 3 }),
    })
    .map(({ word, cased, politeness, path, punctuation, emoji }): TerminalUtterance => {
      const phrase = cased(word);
      const after = (path?.[0] ?? '') + politeness + punctuation + (emoji ?? '');
      return {
        text: phrase + after,
        context: { companionAskedToClose: true },
        expected: { reason: 'reply-to-close', ...(path ? { path: path[1] } : {}) },
        parts: { content: '', before: '', phrase, after },
      };
    });
}

/**
 * Terminal Operator messages: a phrase of TERMINAL_PHRASES in random case, apostrophe style (straight,
 * curly, missing), spelled-out forms, punctuation runs, emoji and emoticons, politeness, lead-ins, force and
 * path words, and content sentences before it — or a bare reply to a Companion that asked to close.
 */
export function arbTerminalUtterance(options: ArbTerminalUtteranceOptions = {}): fc.Arbitrary<TerminalUtterance> {
  if (options.replies === false) return arbPhraseUtterance(options);
  return fc.oneof({ arbitrary: arbPhraseUtterance(options), weight: 4 }, { arbitrary: arbReplyUtterance(), weight: 1 });
}

/**
 * Adds a negation or deferral in the phrase's own sentence ("I don't think …") or after it ("… Wait.").
 * A bare reply only gets a deferral after it (a negation inside a reply is just not a reply).
 */
export function negateTerminal(utterance: TerminalUtterance): fc.Arbitrary<string> {
  const appended = fc
    .tuple(fc.constantFrom(' ', '\n', ' '), fc.constantFrom(...DEFERRAL_SENTENCES))
    .map(([separator, deferral]) => utterance.text.trimEnd() + separator + deferral);
  if (utterance.expected.reason !== 'phrase') return appended;
  const { before, phrase, after } = utterance.parts;
  const inner = fc.constantFrom("I don't think ", "I'm not sure ", 'not sure ').map((negation) => before + negation + phrase + after);
  const clause = fc.constantFrom(', but wait', ', not yet', ' \u2014 hold on', ', one more thing').map((deferral) => before + phrase + deferral + after);
  return fc.oneof(appended, inner, clause);
}

/** Makes the message end in "?" (past any politeness or emoji that follows it). */
export function questionTerminal(utterance: TerminalUtterance): fc.Arbitrary<string> {
  return fc.constantFrom(...QUESTION_ENDINGS).map((ending) => utterance.text.trimEnd() + ending);
}

/** Puts "for / about / with / on" and a part of the conversation right after the phrase. Phrase utterances only. */
export function scopeTerminal(utterance: TerminalUtterance): fc.Arbitrary<string> {
  const { before, phrase, after } = utterance.parts;
  return fc
    .tuple(fc.constantFrom(...SCOPE_PREPOSITIONS), fc.constantFrom(...SECTIONS))
    .map(([preposition, section]) => `${before}${phrase} ${preposition} ${section}${after}`);
}

/** Quotes the whole message inside other content (`The tagline is "that's everything."`). Phrase utterances only. */
export function quoteTerminal(utterance: TerminalUtterance): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...QUOTE_PREFIXES), fc.constantFrom(...QUOTE_PAIRS), fc.constantFrom(...QUOTE_SUFFIXES))
    .map(([prefix, [open, close], suffix]) => prefix + open + utterance.text.trim() + close + suffix);
}

function nonTerminal(reason: NonTerminalReason, text: fc.Arbitrary<string>, context: fc.Arbitrary<TerminalContext>): fc.Arbitrary<NonTerminalUtterance> {
  return fc.tuple(text, context).map(([value, given]) => ({ text: value, context: given, expected: { reason } }));
}

const anyContext = fc.option(fc.boolean(), { nil: undefined }).map((asked): TerminalContext => (asked === undefined ? {} : { companionAskedToClose: asked }));

/** A short message of bare words, varied in case, punctuation and emoji. */
function arbBare(words: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...words), casing, fc.constantFrom(...PUNCTUATION), fc.option(fc.constantFrom(...EMOJI), { freq: 3 }))
    .map(([word, cased, punctuation, emoji]) => cased(word) + punctuation + (emoji ?? ''));
}

/**
 * Messages that do not end elicitation, with the reason the matcher must give: terminal utterances put
 * through negateTerminal, questionTerminal, scopeTerminal and quoteTerminal; ordinary content answers;
 * bare "no" / "ok" / "thanks" / "yes" without the Companion asking to close ("thanks" even with it);
 * and deferrals on their own.
 */
export function arbNonTerminalUtterance(options: ArbNonTerminalUtteranceOptions = {}): fc.Arbitrary<NonTerminalUtterance> {
  const reasons = new Set<NonTerminalReason>(options.reasons ?? ['negated', 'question', 'scoped', 'quoted', 'none']);
  const phrases = arbPhraseUtterance({});
  const any = arbTerminalUtterance();
  const transformed = (reason: NonTerminalReason, source: fc.Arbitrary<TerminalUtterance>, transform: (utterance: TerminalUtterance) => fc.Arbitrary<string>) =>
    source.chain((utterance) => transform(utterance).map((text): NonTerminalUtterance => ({ text, context: utterance.context, expected: { reason } })));
  const choices: Array<fc.WeightedArbitrary<NonTerminalUtterance>> = [];
  if (reasons.has('negated')) {
    choices.push({ arbitrary: transformed('negated', any, negateTerminal), weight: 3 });
    choices.push({ arbitrary: nonTerminal('negated', arbBare(STANDALONE_DEFERRALS), anyContext), weight: 1 });
  }
  if (reasons.has('question')) choices.push({ arbitrary: transformed('question', any, questionTerminal), weight: 3 });
  if (reasons.has('scoped')) choices.push({ arbitrary: transformed('scoped', phrases, scopeTerminal), weight: 3 });
  if (reasons.has('quoted')) choices.push({ arbitrary: transformed('quoted', phrases, quoteTerminal), weight: 3 });
  if (reasons.has('none')) {
    choices.push({ arbitrary: nonTerminal('none', arbBare(CONTENT_ANSWERS), anyContext), weight: 2 });
    choices.push({ arbitrary: nonTerminal('none', arbBare(BARE_WORDS), fc.constantFrom<TerminalContext>({}, { companionAskedToClose: false })), weight: 2 });
    choices.push({ arbitrary: nonTerminal('none', arbBare(['thanks', 'thank you', 'Thanks!', 'cheers']), fc.constant({ companionAskedToClose: true })), weight: 1 });
  }
  if (choices.length === 0) throw new LoomworksError('E_USAGE', 'arbNonTerminalUtterance needs at least one reason.');
  return fc.oneof(...choices);
}
