// The phrase list (SPEC §6.2) and the words that modify a phrase (path, force, trailing politeness), as
// tries over vocabulary ids built once at module load by running each text through the tokenizer itself.
import { LoomworksError } from '../errors';
import { tokenIds, type TokenStream } from './tokenize';
import {
  FIRST_WORD_ID,
  TOKEN_FLAGS,
  MODIFIER_START,
  PHRASE_START,
  REVIEW_START,
  checkVocabularySize,
  idOf,
  markStart,
  registerWords,
} from './vocabulary';

export type TerminalPath = 'discovery' | 'brief';

export type PhraseDefinition = {
  /** The normalised phrase, as reported in `TerminalTurnMatch.phrase`. */
  text: string;
  /**
   * `true` for short or everyday wordings ("done", "create it", "make it") that end a turn only when
   * nothing but politeness, path or force words follows them in their clause — "make it warm" is content.
   * Open phrases take any trailing words ("that's everything I have").
   */
  closed: boolean;
  /** The path the words themselves name. */
  path?: TerminalPath;
};

/**
 * Every phrase, deliberately short. A phrase counts where it starts a clause: at the start of the
 * message or a sentence, after a comma, dash or quote, or after lead-ins such as "ok", "so", "and",
 * "I think", "you can", "just", "I'm" ("OK, I think that's everything"). In the middle of a clause it
 * is content ("a bakery that's everything to its town").
 */
const DEFINITIONS: readonly PhraseDefinition[] = [
  // The original surface's phrasings.
  { text: 'write it up as a discovery record', closed: false, path: 'discovery' },
  { text: 'commit it as a brief', closed: false, path: 'brief' },
  { text: 'ready to begin', closed: false },
  // Plain-terms phrasings named by SPEC §6.2.
  { text: "that's everything", closed: false },
  { text: "that's all", closed: false },
  { text: "that's it", closed: false },
  { text: "i'm done", closed: true },
  { text: 'nothing else', closed: false },
  { text: 'that covers it', closed: false },
  { text: 'go ahead and create it', closed: true },
  { text: 'create it', closed: true },
  { text: 'set it up', closed: true },
  { text: "let's begin", closed: true },
  { text: "let's start", closed: true },
  { text: 'good to go', closed: false },
  { text: 'ship it', closed: true },
  { text: 'write it up', closed: true },
  // Equivalents.
  { text: "that's everything i have", closed: false },
  { text: "that's all i have", closed: false },
  { text: 'that covers everything', closed: false },
  { text: "that's a wrap", closed: false },
  { text: 'nothing else to add', closed: false },
  { text: 'nothing more', closed: false },
  { text: 'nothing more to add', closed: false },
  { text: 'nothing to add', closed: false },
  { text: 'nothing further', closed: false },
  { text: "i don't have anything else", closed: false },
  { text: "i can't think of anything else", closed: false },
  { text: "we're done", closed: true },
  { text: 'all done', closed: true },
  { text: 'done', closed: true },
  { text: "i'm finished", closed: true },
  { text: 'finished', closed: true },
  { text: "i'm ready", closed: true },
  { text: "we're ready", closed: true },
  { text: 'ready', closed: true },
  { text: 'ready to go', closed: true },
  { text: 'ready when you are', closed: false },
  { text: 'all set', closed: true },
  { text: "we're good", closed: true },
  { text: "we're good to go", closed: false },
  { text: 'go ahead', closed: true },
  { text: 'make it', closed: true },
  { text: 'do it', closed: true },
  { text: "let's do it", closed: true },
  { text: "let's go", closed: true },
  { text: "let's get started", closed: true },
  { text: 'wrap it up', closed: true },
  { text: 'create the project', closed: false },
  { text: 'you can begin', closed: true },
  { text: 'you can start', closed: true },
  { text: 'over to you', closed: true },
  { text: 'commit it', closed: true },
];

/** The normalised phrase list, in the order above (SPEC §6.2; the matcher benchmark's baseline regex is built from it). */
export const TERMINAL_PHRASES: readonly string[] = Object.freeze(DEFINITIONS.map((definition) => definition.text));

export type ModifierKind = 'trailer' | 'path' | 'force' | 'force-clause';
export type ModifierDefinition = { text: string; kind: ModifierKind; path?: TerminalPath };

const PATH_NOUNS: ReadonlyArray<{ noun: string; path: TerminalPath; needsArticle: boolean }> = [
  { noun: 'discovery record', path: 'discovery', needsArticle: false },
  { noun: 'full write up', path: 'discovery', needsArticle: false },
  { noun: 'full writeup', path: 'discovery', needsArticle: false },
  { noun: 'full record', path: 'discovery', needsArticle: false },
  { noun: 'full version', path: 'discovery', needsArticle: false },
  { noun: 'long version', path: 'discovery', needsArticle: false },
  // "brief" is also an adjective ("keep it brief"): only "a brief", "the brief", "as a brief" name the path.
  { noun: 'brief', path: 'brief', needsArticle: true },
  { noun: 'summary', path: 'brief', needsArticle: false },
  { noun: 'short summary', path: 'brief', needsArticle: false },
  { noun: 'short version', path: 'brief', needsArticle: false },
  { noun: 'one pager', path: 'brief', needsArticle: false },
  { noun: 'one page summary', path: 'brief', needsArticle: false },
];
const ARTICLES = ['a', 'the', 'as a', 'as the', 'just a', 'just the', 'in a', 'go with the', 'go with a'];

/** Words that may follow a phrase in its clause (and what they add): politeness and time words, path, force. */
const MODIFIERS: readonly ModifierDefinition[] = [
  ...[
    'now', 'then', 'here', 'already', 'so', 'too', 'today', 'tonight', 'right now', 'right away', 'straight away', 'asap',
    'for now', 'for me', 'for us', 'for you', 'for today', 'for this project', 'for the project', 'for sure', 'for real',
    'on my end', 'on my side', 'on our end', 'on our side', 'on my part', 'from me', 'from my side', 'from my end', 'from us',
    'with it', 'with that', 'with this', 'with everything', 'with this project', 'with the project', 'about it', 'about that',
    'i think', 'i guess', 'i believe', "i'd say", 'so much', 'very much', 'a lot', 'as well', 'though', 'honestly', 'really',
    'lol', 'haha', 'folks', 'please', 'thanks', 'thank you', 'cheers',
  ].map((text): ModifierDefinition => ({ text, kind: 'trailer' })),
  ...PATH_NOUNS.flatMap(({ noun, path, needsArticle }) =>
    [...(needsArticle ? [] : ['']), ...ARTICLES].map((article): ModifierDefinition => ({ text: article ? `${article} ${noun}` : noun, kind: 'path', path })),
  ),
  ...['anyway', 'regardless', 'as is', 'as it is', 'as it stands', 'even so', 'all the same', 'no matter what'].map(
    (text): ModifierDefinition => ({ text, kind: 'force' }),
  ),
  // These take a clause of their own ("create it even if the rules are missing").
  ...['even if', 'even though', 'whether or not', 'despite'].map((text): ModifierDefinition => ({ text, kind: 'force-clause' })),
];

/**
 * The Operator asking to see what was gathered (answering "Would you like to review what I've gathered,
 * or are you ready to begin?").
 */
const REVIEW_SEQUENCES: readonly string[] = [
  'review', 'reviewing', 'preview', 'recap', 'show me', 'show it', 'show us', 'let me see', 'can i see', 'could i see', 'may i see',
  "i'd like to see", 'i want to see', 'i wanna see', 'see it', 'see it first', 'see what you', 'see what you have', 'see the', 'see everything',
  'take a look', 'have a look', 'look at it', 'look it over', 'look over', 'let me look', 'let me check', 'let me read', 'read it',
  'go over it', 'walk me through',
];

export type TrieNode<T> = { next: Map<number, TrieNode<T>> | undefined; value: T | undefined };

function insert<T>(root: Map<number, TrieNode<T>>, sequence: readonly number[], value: T, what: string): void {
  let level = root;
  let node: TrieNode<T> | undefined;
  for (const id of sequence) {
    if (id < FIRST_WORD_ID) throw new LoomworksError('E_INTERNAL', `Matcher ${what} has a word the vocabulary cannot name: ${JSON.stringify(sequence)}`);
    node = level.get(id);
    if (!node) {
      node = { next: undefined, value: undefined };
      level.set(id, node);
    }
    node.next ??= new Map();
    level = node.next;
  }
  if (!node) throw new LoomworksError('E_INTERNAL', `Matcher ${what} is empty`);
  if (node.value === undefined) node.value = value;
}

for (const text of [...TERMINAL_PHRASES, ...MODIFIERS.map((modifier) => modifier.text), ...REVIEW_SEQUENCES]) registerWords(text);
checkVocabularySize();

export const PHRASE_TRIE = new Map<number, TrieNode<PhraseDefinition>>();
export const MODIFIER_TRIE = new Map<number, TrieNode<ModifierDefinition>>();
export const REVIEW_TRIE = new Map<number, TrieNode<string>>();

const WERE = idOf('were');
const WE_ARE = idOf("we're");
for (const definition of DEFINITIONS) {
  const sequence = tokenIds(definition.text);
  insert(PHRASE_TRIE, sequence, definition, `phrase "${definition.text}"`);
  // Missing apostrophe: "were done" reads as "we're done" only at the start of a phrase.
  if (sequence[0] === WE_ARE) insert(PHRASE_TRIE, [WERE, ...sequence.slice(1)], definition, `phrase "${definition.text}"`);
}
for (const modifier of MODIFIERS) insert(MODIFIER_TRIE, tokenIds(modifier.text), modifier, `modifier "${modifier.text}"`);
for (const text of REVIEW_SEQUENCES) insert(REVIEW_TRIE, tokenIds(text), text, `review sequence "${text}"`);
for (const id of PHRASE_TRIE.keys()) markStart(id, PHRASE_START);
for (const id of MODIFIER_TRIE.keys()) markStart(id, MODIFIER_START);
for (const id of REVIEW_TRIE.keys()) markStart(id, REVIEW_START);

/** What the last successful matchModifier call found. */
export const lastModifier: { end: number; kind: ModifierKind; path: TerminalPath | undefined } = { end: 0, kind: 'trailer', path: undefined };

/** Longest modifier starting at token `at`; fills lastModifier and returns true when one does. */
export function matchModifier(tokens: TokenStream, at: number): boolean {
  const { ids, count } = tokens;
  const first = ids[at] as number;
  if (first < FIRST_WORD_ID || ((TOKEN_FLAGS[first] as number) & MODIFIER_START) === 0) return false;
  let node = MODIFIER_TRIE.get(first);
  let position = at + 1;
  let found = false;
  while (node) {
    if (node.value) {
      found = true;
      lastModifier.end = position;
      lastModifier.kind = node.value.kind;
      lastModifier.path = node.value.path;
    }
    if (!node.next || position >= count) break;
    node = node.next.get(ids[position] as number);
    position++;
  }
  return found;
}
