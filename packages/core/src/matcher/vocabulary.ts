// The matcher's closed vocabulary: every word it knows, the role each plays, and the pairs of words it
// reads as one (spelled-out contractions, "thank you", "hold on"). Words outside it are just "a word".
import { LoomworksError } from '../errors';

/** Token ids below FIRST_WORD_ID are punctuation and the unknown word. */
export const CLAUSE_BREAK = 1;
export const SENTENCE_END = 2;
export const QUESTION_END = 3;
export const QUOTE_MARK = 4;
export const OTHER_WORD = 5;
export const FIRST_WORD_ID = 6;

// Roles of a word (bit flags).
/** "thanks", "please", "cheers": normalised away where they hug a phrase or end a question. */
export const POLITENESS = 1 << 0;
/** Interjections and conjunctions ("ok", "so", "and", "no"): a phrase may start right after one. */
export const CLAUSE_STARTER = 1 << 1;
/** Lead-ins that neither start nor end a clause ("I think", "you can", "just", "I'm"). */
export const TRANSPARENT = 1 << 2;
/** "not", "don't", "never" … — cancels a phrase in its own or a later sentence. */
export const NEGATOR = 1 << 3;
/** "wait", "hold on", "one more", "not yet" … — the Operator is deferring the end. */
export const DEFERRAL = 1 << 4;
/** May sit inside a phrase without breaking it ("that's not everything", "I'm all done", "that's about it"). */
export const SKIPPABLE = 1 << 5;
/** Negates a phrase when it sits inside it, but is not a negation elsewhere ("not really"). */
export const INNER_NEGATOR = 1 << 6;
/** "yes", "ok", "sure", "begin" — terminal only as a reply to the Companion asking to close. */
export const REPLY_YES = 1 << 7;
/** "no", "nope", "nah", "nothing" — terminal only as a reply to "anything else?". */
export const REPLY_NO = 1 << 8;
/** "for", "about", "with", "on": a phrase followed by one of these and more words is about one section. */
export const SCOPE = 1 << 9;
/** "and", "but", "then": a new clause may start here, so a phrase before it has ended. */
export const CONJUNCTION = 1 << 10;
/** Spelled emoticons ("xD"): dropped like emoji. */
export const EMOTICON = 1 << 11;
/** Words that cancel a request to review ("no need", "skip"). */
export const REVIEW_NEGATION = 1 << 12;
/** Set by the phrase tables: some phrase, modifier or review sequence begins with this word. */
export const PHRASE_START = 1 << 13;
export const MODIFIER_START = 1 << 14;
export const REVIEW_START = 1 << 15;
/** Some merge begins with this word (saves a map look-up for every other word). */
export const MERGE_FIRST = 1 << 16;

/** Canonical text of each token id (punctuation ids have placeholders). */
export const TOKEN_TEXT: string[] = ['', ',', '.', '?', '"', '*'];
/** Role flags of each token id. */
export const TOKEN_FLAGS: number[] = [0, 0, 0, 0, 0, 0];

// Spellings live in a character trie (a DFA over a–z and the apostrophe) that the tokenizer walks as it
// reads a word: one typed-array load per character, no strings, no hashing. State 0 is dead, 1 the root.
/** Longest spelling the vocabulary holds. */
const MAX_WORD_LENGTH = 24;
const ALPHABET = 32; // 26 letters, the apostrophe at 26, padding to a power of two
export const APOSTROPHE_SYMBOL = 26;
export const DEAD_STATE = 0;
export const ROOT_STATE = 1;
let stateCount = 2;
/** Transitions: `SPELLING_STATES[state * 32 + symbol]` is the next state (0 = no word goes on so). */
export let SPELLING_STATES = new Int32Array(256 * ALPHABET);
/** The word id a state spells, or 0. */
export let SPELLING_WORDS = new Int32Array(256);
const idByCanonical = new Map<string, number>();
/** Every spelling and the word it names (for tests that check tables against the vocabulary). */
export const SPELLINGS: Array<[spelling: string, id: number]> = [];

function symbolOf(code: number): number {
  return code === 39 ? APOSTROPHE_SYMBOL : code - 97;
}

/** The id of a canonical text, creating it (with no flags) if new. */
function idFor(canonical: string): number {
  const existing = idByCanonical.get(canonical);
  if (existing !== undefined) return existing;
  const id = TOKEN_TEXT.length;
  TOKEN_TEXT.push(canonical);
  TOKEN_FLAGS.push(0);
  idByCanonical.set(canonical, id);
  return id;
}

function addSpelling(spelling: string, id: number): void {
  if (spelling.length > MAX_WORD_LENGTH || !/^[a-z']+$/.test(spelling)) {
    throw new LoomworksError('E_INTERNAL', `Matcher vocabulary spelling is not a plain word: ${spelling}`);
  }
  let state = ROOT_STATE;
  for (let index = 0; index < spelling.length; index++) {
    const slot = state * ALPHABET + symbolOf(spelling.charCodeAt(index));
    let next = SPELLING_STATES[slot] as number;
    if (next === DEAD_STATE) {
      next = stateCount++;
      if (stateCount > SPELLING_WORDS.length) {
        const states = new Int32Array(SPELLING_STATES.length * 2);
        states.set(SPELLING_STATES);
        SPELLING_STATES = states;
        const words = new Int32Array(SPELLING_WORDS.length * 2);
        words.set(SPELLING_WORDS);
        SPELLING_WORDS = words;
      }
      SPELLING_STATES[slot] = next;
    }
    state = next;
  }
  const existing = SPELLING_WORDS[state] as number;
  if (existing !== 0 && existing !== id) throw new LoomworksError('E_INTERNAL', `Matcher spelling ${spelling} names two words`);
  if (existing === 0) SPELLINGS.push([spelling, id]);
  SPELLING_WORDS[state] = id;
}

/** Adds flags to a canonical word (creating it), with extra spellings that read as the same word. */
function word(canonical: string, flags: number, aliases: readonly string[] = []): number {
  const id = idFor(canonical);
  TOKEN_FLAGS[id] = (TOKEN_FLAGS[id] as number) | flags;
  if (!canonical.includes(' ')) addSpelling(canonical, id);
  for (const alias of aliases) addSpelling(alias, id);
  return id;
}

/** Ids of two adjacent words that read as one: key `first * MERGE_STRIDE + second`. */
export const MERGES = new Map<number, number>();
export const MERGE_STRIDE = 8192;
export function mergeKey(first: number, second: number): number {
  return first * MERGE_STRIDE + second;
}

/** "i" + "am" read as "i'm"; the result keeps (and adds) the flags given. */
function merge(first: string, second: string, result: string, flags = 0): void {
  const firstId = word(first, 0);
  const secondId = word(second, 0);
  const resultId = word(result, flags);
  MERGES.set(mergeKey(firstId, secondId), resultId);
  TOKEN_FLAGS[firstId] = (TOKEN_FLAGS[firstId] as number) | MERGE_FIRST;
}

/** Registers every plain word of a phrase text (no flags) so the tokenizer can name it. */
export function registerWords(text: string): void {
  for (const part of text.toLowerCase().split(/[^a-z']+/)) if (part) word(part, 0);
}

// ---------------------------------------------------------------------------------------------------
// The vocabulary. Missing-apostrophe spellings ("thats", "im", "dont") are aliases; "were" is not an
// alias of "we're" (it is a word of its own) — phrases that begin with "we're" also accept "were".

const CONTRACTIONS: Array<[canonical: string, aliases: string[], flags: number]> = [
  ["that's", ['thats'], 0],
  ["i'm", ['im'], TRANSPARENT],
  ["we're", [], TRANSPARENT],
  ["you're", ['youre'], TRANSPARENT],
  ["let's", ['lets'], TRANSPARENT],
  ["it's", ['its'], TRANSPARENT],
  ["there's", ['theres'], TRANSPARENT],
  ["i've", ['ive'], TRANSPARENT],
  ["we've", ['weve'], TRANSPARENT],
  ["i'd", [], 0],
  ["don't", ['dont'], NEGATOR | TRANSPARENT],
  ["doesn't", ['doesnt'], NEGATOR | TRANSPARENT],
  ["didn't", ['didnt'], NEGATOR | TRANSPARENT],
  ["isn't", ['isnt'], NEGATOR | TRANSPARENT],
  ["aren't", ['arent'], NEGATOR | TRANSPARENT],
  ["wasn't", ['wasnt'], NEGATOR | TRANSPARENT],
  ["weren't", ['werent'], NEGATOR | TRANSPARENT],
  ["won't", ['wont'], NEGATOR | TRANSPARENT],
  ["can't", ['cant', 'cannot'], NEGATOR | TRANSPARENT],
  ["couldn't", ['couldnt'], NEGATOR | TRANSPARENT],
  ["wouldn't", ['wouldnt'], NEGATOR | TRANSPARENT],
  ["shouldn't", ['shouldnt'], NEGATOR | TRANSPARENT],
  ["haven't", ['havent'], NEGATOR | TRANSPARENT],
  ["hasn't", ['hasnt'], NEGATOR | TRANSPARENT],
  ["hadn't", ['hadnt'], NEGATOR | TRANSPARENT],
  ["mustn't", ['mustnt'], NEGATOR | TRANSPARENT],
  ["ain't", ['aint'], NEGATOR | TRANSPARENT],
];
for (const [canonical, aliases, flags] of CONTRACTIONS) word(canonical, flags, aliases);

// Spelled-out forms read as their contractions.
const SPELLED_OUT: Array<[string, string, string]> = [
  ['i', 'am', "i'm"], ['we', 'are', "we're"], ['you', 'are', "you're"], ['that', 'is', "that's"], ['it', 'is', "it's"],
  ['there', 'is', "there's"], ['let', 'us', "let's"], ['i', 'have', "i've"], ['we', 'have', "we've"], ['i', 'would', "i'd"],
  ['do', 'not', "don't"], ['does', 'not', "doesn't"], ['did', 'not', "didn't"], ['is', 'not', "isn't"], ['are', 'not', "aren't"],
  ['was', 'not', "wasn't"], ['were', 'not', "weren't"], ['will', 'not', "won't"], ['can', 'not', "can't"], ['have', 'not', "haven't"],
  ['has', 'not', "hasn't"], ['could', 'not', "couldn't"], ['would', 'not', "wouldn't"], ['should', 'not', "shouldn't"],
];
for (const [first, second, result] of SPELLED_OUT) merge(first, second, result);

word('thanks', POLITENESS | CLAUSE_STARTER, ['thanx', 'thnx', 'thx', 'ty', 'tyvm', 'thankyou', 'thanku']);
word('please', POLITENESS | CLAUSE_STARTER, ['pls', 'plz', 'plse', 'pleeease', 'pleease']);
word('cheers', POLITENESS | CLAUSE_STARTER);
word('appreciated', POLITENESS | CLAUSE_STARTER);
merge('thank', 'you', 'thank you', POLITENESS | CLAUSE_STARTER);
merge('many', 'thanks', 'many thanks', POLITENESS | CLAUSE_STARTER);
merge('much', 'appreciated', 'much appreciated', POLITENESS | CLAUSE_STARTER);

for (const interjection of [
  'alright', 'right', 'well', 'great', 'cool', 'good', 'perfect', 'fine', 'nice', 'awesome', 'excellent', 'lovely', 'brilliant',
  'fantastic', 'wonderful', 'amazing', 'super', 'oh', 'ah', 'um', 'uh', 'hmm', 'hi', 'hey', 'honestly', 'actually', 'lol', 'haha', 'hehe',
  'wow', 'so', 'or', 'also',
]) {
  word(interjection, CLAUSE_STARTER);
}
word('alright', 0, ['allright', 'aight', 'alrighty']);
word('hmm', 0, ['hm', 'hmmm', 'hmmmm', 'mm']);
word('um', 0, ['umm', 'erm', 'er']);
word('haha', 0, ['hahaha', 'ha']);
word('anyway', CLAUSE_STARTER, ['anyways']);
word('and', CLAUSE_STARTER | CONJUNCTION);
word('but', CLAUSE_STARTER | CONJUNCTION);
word('then', CLAUSE_STARTER | CONJUNCTION);
word('plus', CLAUSE_STARTER | CONJUNCTION);

word('yes', REPLY_YES | CLAUSE_STARTER, ['yess', 'yesss']);
word('yeah', REPLY_YES | CLAUSE_STARTER, ['yea', 'yeh', 'yah']);
word('yep', REPLY_YES | CLAUSE_STARTER, ['yup', 'yeap', 'yepp']);
word('ok', REPLY_YES | CLAUSE_STARTER, ['okay', 'okey', 'okie', 'kk', 'okk']);
word('sure', REPLY_YES | CLAUSE_STARTER);
word('absolutely', REPLY_YES | CLAUSE_STARTER | SKIPPABLE);
word('definitely', REPLY_YES | CLAUSE_STARTER | SKIPPABLE);
word('begin', REPLY_YES);
word('start', REPLY_YES);
word('go', REPLY_YES);
merge('of', 'course', 'of course', REPLY_YES | CLAUSE_STARTER);
merge('sounds', 'good', 'sounds good', REPLY_YES | CLAUSE_STARTER);
word('no', REPLY_NO | CLAUSE_STARTER);
word('nope', REPLY_NO | CLAUSE_STARTER, ['nop']);
word('nah', REPLY_NO | CLAUSE_STARTER, ['naw']);
word('nothing', REPLY_NO);
merge('not', 'really', 'not really', REPLY_NO | CLAUSE_STARTER | SKIPPABLE | INNER_NEGATOR);

for (const lead of ['think', 'guess', 'believe', 'reckon', 'suppose']) merge('i', lead, `i ${lead}`, TRANSPARENT);
merge("i'd", 'say', "i'd say", TRANSPARENT);
word('think', TRANSPARENT);
word('guess', TRANSPARENT);
merge('you', 'can', 'you can', TRANSPARENT);
merge('you', 'may', 'you may', TRANSPARENT);
merge('we', 'can', 'we can', TRANSPARENT);
merge('can', 'you', 'can you', TRANSPARENT);
merge('could', 'you', 'could you', TRANSPARENT);
merge('would', 'you', 'would you', TRANSPARENT);
merge('will', 'you', 'will you', TRANSPARENT);
merge('feel', 'free', 'feel free', TRANSPARENT);
merge('feel free', 'to', 'feel free to', TRANSPARENT);
merge('pretty', 'much', 'pretty much', TRANSPARENT | SKIPPABLE);
merge('go', 'ahead', 'go ahead', TRANSPARENT);
merge('ready', 'to', 'ready to', TRANSPARENT);
word('got', TRANSPARENT);
// "I don't think that's everything", "I finished": the pronoun leads into a phrase.
word('i', TRANSPARENT);
word('just', TRANSPARENT | SKIPPABLE);
word('really', TRANSPARENT | SKIPPABLE);
word('now', TRANSPARENT | SKIPPABLE);
word('probably', TRANSPARENT | SKIPPABLE);
word('basically', CLAUSE_STARTER | SKIPPABLE);
for (const adverb of ['quite', 'totally', 'completely', 'fully', 'pretty', 'about', 'officially', 'finally', 'all', 'literally', 'actually', 'honestly', 'so']) {
  word(adverb, SKIPPABLE);
}

word('not', NEGATOR | TRANSPARENT | SKIPPABLE);
word('never', NEGATOR | TRANSPARENT | SKIPPABLE);
word('nor', NEGATOR | TRANSPARENT);

word('wait', DEFERRAL | TRANSPARENT, ['waiiit', 'waiit']);
word('another', DEFERRAL | TRANSPARENT);
word('yet', DEFERRAL | TRANSPARENT);
word('almost', DEFERRAL | TRANSPARENT | SKIPPABLE);
word('nearly', DEFERRAL | TRANSPARENT | SKIPPABLE);
word('except', DEFERRAL | TRANSPARENT);
word('later', DEFERRAL | TRANSPARENT);
word('maybe', DEFERRAL | TRANSPARENT);
word('perhaps', DEFERRAL | TRANSPARENT);
word('until', DEFERRAL | TRANSPARENT, ['till']);
word('unless', DEFERRAL | TRANSPARENT);
word('cancel', DEFERRAL | TRANSPARENT);
merge('hold', 'on', 'hold on', DEFERRAL | TRANSPARENT);
merge('hang', 'on', 'hang on', DEFERRAL | TRANSPARENT);
merge('hold', 'off', 'hold off', DEFERRAL | TRANSPARENT);
merge('one', 'more', 'one more', DEFERRAL | TRANSPARENT);
merge('one', 'last', 'one last', DEFERRAL | TRANSPARENT);
merge('one', 'other', 'one other', DEFERRAL | TRANSPARENT);
merge('scratch', 'that', 'scratch that', DEFERRAL | TRANSPARENT);
merge('start', 'over', 'start over', DEFERRAL | TRANSPARENT);
merge('start', 'again', 'start again', DEFERRAL | TRANSPARENT);
merge("there's", 'more', "there's more", DEFERRAL | TRANSPARENT);
merge('second', 'thought', 'second thought', DEFERRAL | TRANSPARENT);
merge('second', 'thoughts', 'second thoughts', DEFERRAL | TRANSPARENT);
for (const next of ['you', 'we', 'i', "it's", 'it', 'that', 'creating', 'starting', 'writing', 'committing', 'making', 'setting', 'doing', "we're", "you're", "i'm", 'anything', 'you\'ve', 'we\'ve']) {
  merge('before', next, `before ${next}`, DEFERRAL | TRANSPARENT);
}

for (const preposition of ['for', 'about', 'with', 'on']) word(preposition, SCOPE);
for (const emoticon of ['xd', 'xp', 'xoxo', 'xo']) word(emoticon, EMOTICON);

merge('no', 'need', 'no need', REVIEW_NEGATION | CLAUSE_STARTER);
merge('no', 'review', 'no review', REVIEW_NEGATION);
word('skip', REVIEW_NEGATION);
word('without', REVIEW_NEGATION);

/** Marks a word as the first word of some table entry. */
export function markStart(id: number, flag: number): void {
  TOKEN_FLAGS[id] = (TOKEN_FLAGS[id] as number) | flag;
}

/** The id of a canonical word or merged pair, for the phrase tables and tests. */
export function idOf(canonical: string): number {
  return idByCanonical.get(canonical) ?? OTHER_WORD;
}

/** Guards the merge key space. */
export function checkVocabularySize(): void {
  if (TOKEN_TEXT.length >= MERGE_STRIDE) throw new LoomworksError('E_INTERNAL', 'Matcher vocabulary outgrew its merge keys');
}
