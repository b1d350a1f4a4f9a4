// A simulated Operator: a scripted person who reveals a Seed across turns of a live conversation with a
// Companion — answering, digressing, skipping and correcting — plus a fast-check arbitrary of such conversations.
import fc from 'fast-check';
import {
  LoomworksError,
  PART_ORDER,
  matchTerminalTurn,
  readOperatorAnswer,
  type AnswerKind,
  type AskingTarget,
  type AssertionEntry,
  type CreationResult,
  type CreationSession,
  type Seed,
  type SeedPart,
  type TurnResult,
} from '@loomworks/core';
import { arbSeed } from './arbitraries/seed';
import { seededRandom } from './seeded-random';

/** What the simulated Operator does about one part of the Seed besides answering it. */
export type SimulatedPartPlan = {
  /** Ask what the question means before answering ("What do you mean by that?"). */
  digress?: boolean;
  /** Say "skip" the first time the part is asked, and answer when the Companion asks for it again. Required parts only. */
  skip?: boolean;
  /** Answer with this value first (a value of the part's type), then correct it in the next message. */
  wrongFirst?: unknown;
};

export type SimulatedOperatorPlan = { [Part in SeedPart]?: SimulatedPartPlan };

export type SimulatedOperatorOptions = {
  /** Now and then ask what a question means before answering it. Default false. */
  digressions?: boolean;
  /** Now and then answer with a wrong value first and correct it in the next message. Default false. */
  corrections?: boolean;
  /** Now and then say "skip" and answer when asked again. Default false. */
  skips?: boolean;
  /** The chance of each enabled behaviour for each part. Default 0.3. */
  rate?: number;
  /** Where "now and then" comes from: numbers in [0, 1). Default a fixed-seed generator, so runs repeat. */
  random?: () => number;
  /** Exactly what to do for each part; replaces the random choices above. */
  plan?: SimulatedOperatorPlan;
};

export interface SimulatedOperator {
  readonly seed: Seed;
  /** What the Operator does for each part (given, or drawn from the options). */
  readonly plan: SimulatedOperatorPlan;
  /** Every message the Operator has sent, in order. */
  readonly messages: readonly string[];
  /** The next message, in reply to the Companion's last turn (what it asks, and at which commit step). */
  reply(turn: TurnResult): string;
}

/** The words the Operator uses; each is read by the guided Companion and the terminal-turn matcher as meant. */
export const SIMULATED_OPERATOR_WORDS = {
  digressions: ['What do you mean by that?', 'Sorry, what do you mean?', 'Can you give me an example?'],
  skips: ['skip', 'Skip for now.', 'Not sure yet.', "Let's come back to that."],
  none: 'none',
  done: "That's everything.",
  begin: 'Ready to begin.',
} as const;

/** The message that gives a part's value: text as written, list items as `- ` bullets, Field 6 as `Key: value` lines or "none". */
export function answerText(part: SeedPart, value: unknown): string {
  if (part === 'constraints' || part === 'success') return bullets(value as string[]);
  if (part === 'additionalAssertions') return entries(value as AssertionEntry[]) ?? SIMULATED_OPERATOR_WORDS.none;
  return value as string;
}

/** The message that corrects a part to `value`, in a form the guided Companion understands ("actually, the audience is …"). */
export function correctionText(part: SeedPart, value: unknown): string {
  switch (part) {
    case 'purpose':
      return `Actually, what we're making is ${value as string}`;
    case 'name':
      return `Actually, call it ${value as string}`;
    case 'audience':
      return `Actually, the audience is ${value as string}`;
    case 'voice':
      return `Sorry, the tone should be ${value as string}`;
    case 'constraints':
      return `Change the rules to:\n${bullets(value as string[])}`;
    case 'success':
      return `Actually, the signs it's working are:\n${bullets(value as string[])}`;
    case 'additionalAssertions': {
      const lines = entries(value as AssertionEntry[]);
      return lines === null ? 'Actually, anything else is none.' : `Change the notes to:\n${lines}`;
    }
  }
}

function bullets(items: readonly string[]): string {
  // Continuation lines are indented under the bullet, so an item's own line breaks stay inside it.
  return items.map((item) => `- ${item.replace(/\n/g, '\n  ')}`).join('\n');
}

function entries(list: readonly AssertionEntry[]): string | null {
  if (list.length === 0) return null;
  return list.map((entry) => `${entry.key}: ${entry.value.replace(/\n/g, '\n  ')}`).join('\n');
}

const DEFAULT_RATE = 0.3;
const DEFAULT_RANDOM_SEED = 20261126;

/** First drafts a person might give before correcting themselves. */
const FIRST_DRAFTS: { [Part in SeedPart]: unknown } = {
  purpose: 'A newsletter',
  name: 'Working title',
  audience: 'Everyone',
  voice: 'Formal and serious',
  constraints: ['Keep it short'],
  success: ['People like it'],
  additionalAssertions: [{ key: 'Status', value: 'Draft' }],
};

function drawPlan(seed: Seed, options: SimulatedOperatorOptions): SimulatedOperatorPlan {
  const random = options.random ?? seededRandom(DEFAULT_RANDOM_SEED);
  const rate = options.rate ?? DEFAULT_RATE;
  const plan: SimulatedOperatorPlan = {};
  for (const part of PART_ORDER) {
    const partPlan: SimulatedPartPlan = {};
    if (options.digressions && random() < rate) partPlan.digress = true;
    if (options.skips && part !== 'additionalAssertions' && random() < rate) partPlan.skip = true;
    if (options.corrections && random() < rate) {
      const wrong = part === 'additionalAssertions' && seed.additionalAssertions.length > 0 ? [] : FIRST_DRAFTS[part];
      if (canCorrect(part, wrong, seed[part])) partPlan.wrongFirst = wrong;
    }
    if (Object.keys(partPlan).length > 0) plan[part] = partPlan;
  }
  return plan;
}

function same(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

/** Asking targets a message can arrive under: any part, or the wrap-up question. */
const ASKINGS: readonly AskingTarget[] = [...PART_ORDER, 'close'];

/**
 * True when saying `wrong` and then correcting it to `right` reads as exactly that: the wrong value differs,
 * and the correction is read as a correction of `part` to `right` whatever was being asked when it is sent.
 */
function canCorrect(part: SeedPart, wrong: unknown, right: unknown): boolean {
  if (same(wrong, right) || !isConveyable(part, wrong)) return false;
  const message = correctionText(part, right);
  if (isTerminal(message, true) || isTerminal(message, false)) return false;
  return ASKINGS.every((asking) => {
    const reading = readOperatorAnswer(asking, message, {});
    return reading.kind === 'correction' && reading.part === part && same(reading.values[part], right);
  });
}

function isTerminal(message: string, companionAskedToClose: boolean): boolean {
  return matchTerminalTurn(message, { companionAskedToClose }).terminal;
}

/**
 * True when answering `part` with `value` (see answerText) gets exactly that value recorded: the matcher does
 * not read it as the end of the conversation, and the guided Companion reads it as an answer (not a
 * question, a skip or a correction). Names and Field 6 entries must also read back unchanged, since the
 * reader tidies names (a trailing period, surrounding quotes, "call it …") and a key ends at its first
 * `: `; texts and list items are read as given, which the properties check rather than assume.
 */
export function isConveyable(part: SeedPart, value: unknown): boolean {
  const message = answerText(part, value);
  if (isTerminal(message, false)) return false;
  const reading = readOperatorAnswer(part, message, {});
  const expected: AnswerKind = part === 'additionalAssertions' && Array.isArray(value) && value.length === 0 ? 'none' : 'answer';
  if (reading.kind !== expected || reading.part !== part) return false;
  return part === 'name' || part === 'additionalAssertions' ? same(reading.values[part], value) : true;
}

/** Creates the scripted person for `seed`. Each conversation needs its own: it remembers what it has said. */
export function createSimulatedOperator(seed: Seed, options: SimulatedOperatorOptions = {}): SimulatedOperator {
  const plan = options.plan ?? drawPlan(seed, options);
  // Field 6 is optional, so the Companion never asks for it again: a skipped answer would never be given.
  if (plan.additionalAssertions?.skip) {
    throw new LoomworksError('E_USAGE', 'A simulated Operator can skip only required parts; Field 6 is never asked again');
  }
  const messages: string[] = [];
  const digressed = new Set<SeedPart>();
  const skipped = new Set<SeedPart>();
  const answeredWrong = new Set<SeedPart>();
  let pendingCorrection: SeedPart | null = null;
  let turnsSeen = 0;

  const say = (text: string): string => {
    messages.push(text);
    return text;
  };
  const pick = (choices: readonly string[]): string => choices[turnsSeen % choices.length] as string;

  return {
    seed,
    plan,
    messages,
    reply(turn) {
      if (turn.creation || turn.state.phase === 'committed') {
        throw new LoomworksError('E_SESSION_STATE', 'The project is already created; the simulated Operator has nothing more to say');
      }
      turnsSeen += 1;
      const asking = turn.state.asking;
      // A wrong answer is put right straight away, whatever the Companion asked next.
      if (pendingCorrection && asking !== 'confirm') {
        const part = pendingCorrection;
        pendingCorrection = null;
        return say(correctionText(part, seed[part]));
      }
      if (asking === 'confirm') return say(SIMULATED_OPERATOR_WORDS.begin);
      if (asking === 'close' || asking === null) return say(SIMULATED_OPERATOR_WORDS.done);
      const partPlan = plan[asking] ?? {};
      if (partPlan.digress && !digressed.has(asking)) {
        digressed.add(asking);
        return say(pick(SIMULATED_OPERATOR_WORDS.digressions));
      }
      if (partPlan.skip && !skipped.has(asking)) {
        skipped.add(asking);
        return say(pick(SIMULATED_OPERATOR_WORDS.skips));
      }
      if (partPlan.wrongFirst !== undefined && !answeredWrong.has(asking)) {
        answeredWrong.add(asking);
        pendingCorrection = asking;
        return say(answerText(asking, partPlan.wrongFirst));
      }
      return say(answerText(asking, seed[asking]));
    },
  };
}

export type RunSimulatedConversationOptions = {
  /** Give up (E_INTERNAL) after this many Operator messages. Default: enough for every part to be digressed on, skipped, answered wrongly and corrected. */
  maxMessages?: number;
};

export type SimulatedConversationResult = {
  creation: CreationResult;
  /** Every turn, the opening first. */
  turns: TurnResult[];
  messages: string[];
};

/** Starts `session` and lets `operator` talk until the project is created. Messages go through plain `send`, with no intent hint. */
export async function runSimulatedConversation(
  session: CreationSession,
  operator: SimulatedOperator,
  options: RunSimulatedConversationOptions = {},
): Promise<SimulatedConversationResult> {
  const maxMessages = options.maxMessages ?? 6 * PART_ORDER.length + 8;
  const turns = [await session.start()];
  const messages: string[] = [];
  for (let count = 0; count < maxMessages; count += 1) {
    const last = turns[turns.length - 1] as TurnResult;
    if (last.creation) return { creation: last.creation, turns, messages };
    const message = operator.reply(last);
    messages.push(message);
    turns.push(await session.send(message));
  }
  const last = turns[turns.length - 1] as TurnResult;
  if (last.creation) return { creation: last.creation, turns, messages };
  throw new LoomworksError('E_INTERNAL', `The simulated conversation did not finish within ${maxMessages} messages`, {
    details: { sessionId: session.id, asking: last.state.asking },
  });
}

// -- the arbitrary ------------------------------------------------------------------------------------------------

export type ArbSimulatedConversationOptions = {
  /** Plans may include digressions, corrections and skips (each default true). */
  digressions?: boolean;
  corrections?: boolean;
  skips?: boolean;
  /** Most items in Fields 4 and 5 (default 4) and entries in Field 6 (default 4). */
  maxItems?: number;
  maxEntries?: number;
};

export type SimulatedConversation = { seed: Seed; plan: SimulatedOperatorPlan };

const TOKEN = /[\p{L}\p{N}&]+/gu;

/** Lower-cases tokens that read as all-caps abbreviations ("B2B", "KPIs"), which induction notes when unexplained. */
function withoutAbbreviations(text: string): string {
  return text.replace(TOKEN, (token) => {
    const singular = token.length > 2 && token.endsWith('s') ? token.slice(0, -1) : token;
    const capitals = singular.match(/\p{Lu}/gu)?.length ?? 0;
    return capitals >= 2 && !/\p{Ll}/u.test(singular) ? token.toLowerCase() : token;
  });
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const identity = key(item).trim().toLowerCase();
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
}

/** The Seed with the common causes of induction notes and failures removed: abbreviations and repeated items or keys. */
function inductionReady(seed: Seed): Seed {
  return {
    name: withoutAbbreviations(seed.name),
    purpose: withoutAbbreviations(seed.purpose),
    audience: withoutAbbreviations(seed.audience),
    voice: withoutAbbreviations(seed.voice),
    constraints: uniqueBy(seed.constraints.map(withoutAbbreviations), (item) => item),
    success: uniqueBy(seed.success.map(withoutAbbreviations), (item) => item),
    additionalAssertions: uniqueBy(
      seed.additionalAssertions.map((entry) => ({ key: withoutAbbreviations(entry.key), value: withoutAbbreviations(entry.value) })),
      (entry) => entry.key,
    ),
  };
}

/**
 * Seeds a simulated Operator can convey to the guided Companion word for word, through plain `send`. Restrictions,
 * each as small as the reason for it:
 * - plain text (`arbSeed({ text: 'plain' })`: ASCII words, punctuation, line breaks and indentation): the guided
 *   Companion reads what people type, and other flavours test the record format, not the conversation;
 * - no values at the schema's limits: a 50-item list of 500-character items does not fit in one message;
 * - all-caps abbreviations lower-cased and repeated list items and Field 6 keys dropped, so induction passes clean;
 * - every answer conveyable (see `isConveyable`): no answer the matcher reads as terminal, no one-line text
 *   ending in "?" (a question about the question), no skip or "none" phrase or correction opener as an answer,
 *   no name the reader would tidy (trailing period, quotes, "call it …"), no Field 6 key containing `: `.
 * Rarely a random word is a placeholder or a developer word from the plain-terms list; properties that need a
 * clean induction check `inductSeed(seed)` and skip those with `fc.pre`, rather than copy those word lists here.
 */
function arbConversableSeed(options: ArbSimulatedConversationOptions): fc.Arbitrary<Seed> {
  return arbSeed({ text: 'plain', boundaries: false, maxItems: options.maxItems ?? 4, maxEntries: options.maxEntries ?? 4 })
    .map(inductionReady)
    .filter((seed) => PART_ORDER.every((part) => isConveyable(part, seed[part])));
}

/** A chance of one in `outOf`; shrinks towards false, so a counterexample keeps only the behaviours it needs. */
function sometimes(enabled: boolean, outOf: number): fc.Arbitrary<boolean> {
  return enabled ? fc.integer({ min: 1, max: outOf }).map((draw) => draw === outOf) : fc.constant(false);
}

/**
 * A Seed and a plan for the simulated Operator that reveals it: per part, whether to digress first, to skip
 * and answer later, or to give a wrong value first (another generated Seed's) and correct it. A correction
 * is planned only where its words carry the value exactly ("actually, the audience is …" cannot end in
 * "instead", for one); otherwise that part is simply answered.
 */
export function arbSimulatedConversation(options: ArbSimulatedConversationOptions = {}): fc.Arbitrary<SimulatedConversation> {
  const seeds = arbConversableSeed(options);
  const partChoices = fc.record({
    digress: sometimes(options.digressions ?? true, 5),
    skip: sometimes(options.skips ?? true, 5),
    wrong: sometimes(options.corrections ?? true, 4),
  });
  const choices = fc.array(partChoices, { minLength: PART_ORDER.length, maxLength: PART_ORDER.length });
  return fc.tuple(seeds, seeds, choices).map(([seed, firstDrafts, drawn]) => {
    const plan: SimulatedOperatorPlan = {};
    PART_ORDER.forEach((part, index) => {
      const choice = drawn[index] as { digress: boolean; skip: boolean; wrong: boolean };
      const partPlan: SimulatedPartPlan = {};
      if (choice.digress) partPlan.digress = true;
      if (choice.skip && part !== 'additionalAssertions') partPlan.skip = true;
      if (choice.wrong && canCorrect(part, firstDrafts[part], seed[part])) partPlan.wrongFirst = firstDrafts[part];
      if (Object.keys(partPlan).length > 0) plan[part] = partPlan;
    });
    return { seed, plan };
  });
}
