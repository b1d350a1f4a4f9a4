// The simulated Operator against the real session engine and the guided Companion: examples, then the property.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PART_ORDER,
  createCreationSession,
  createGuidedCompanion,
  createMemoryStore,
  createSequentialIds,
  inductSeed,
  matchTerminalTurn,
  readOperatorAnswer,
  verifyMemory,
  type Clock,
  type FieldKey,
  type Seed,
} from '@loomworks/core';
import {
  SIMULATED_OPERATOR_WORDS,
  answerText,
  arbSimulatedConversation,
  createSimulatedOperator,
  runSimulatedConversation,
  type SimulatedOperatorOptions,
} from './simulated-operator';

const operator = { id: 'op-sim' };

function fakeClock(start = Date.parse('2026-11-26T10:00:00.000Z')): Clock {
  let now = start;
  return { now: () => (now += 1000) };
}

async function converse(seed: Seed, options: SimulatedOperatorOptions = {}) {
  const store = createMemoryStore();
  const session = await createCreationSession({ companion: createGuidedCompanion(), store, operator, clock: fakeClock(), ids: createSequentialIds('sim') });
  const simulated = createSimulatedOperator(seed, options);
  const result = await runSimulatedConversation(session, simulated);
  return { store, session, simulated, ...result };
}

const bakery: Seed = {
  name: 'Crumb Notes',
  purpose: 'A monthly email newsletter for the bakery.\n\nNew bakes, opening hours, the odd recipe.',
  audience: 'Our regulars, mostly people who pop in before work.',
  voice: 'Warm and a bit cheeky, like a chat over the counter.',
  constraints: ['Never mention prices', 'Always sign off\nfrom the whole team'],
  success: ['People mention it at the till', 'More pre-orders on Fridays'],
  additionalAssertions: [
    { key: 'Launch date', value: '1 March' },
    { key: 'Owner', value: 'Sam at the Harbour Street shop' },
  ],
};

describe('the simulated Operator', () => {
  it('answers each part as a person would type it and ends by saying it is done, then confirming', async () => {
    const { creation, messages, turns } = await converse(bakery);
    expect(messages).toEqual([
      bakery.purpose,
      'Crumb Notes',
      bakery.audience,
      bakery.voice,
      '- Never mention prices\n- Always sign off\n  from the whole team',
      '- People mention it at the till\n- More pre-orders on Fridays',
      'Launch date: 1 March\nOwner: Sam at the Harbour Street shop',
      "That's everything.",
      'Ready to begin.',
    ]);
    // No intent hints: the matcher decides, and only the last two messages read as terminal.
    expect(turns.slice(1).map((turn) => turn.trace.classified.source)).toEqual(messages.map(() => 'rules'));
    expect(turns.slice(1).map((turn) => turn.trace.classified.terminal?.terminal)).toEqual([...messages.slice(2).map(() => false), true, true]);
    expect(creation.seed).toEqual(bakery);
    expect(creation.engagement.status).toBe('active');
  });

  it('says "none" for an empty Field 6', async () => {
    const { creation, messages } = await converse({ ...bakery, additionalAssertions: [] });
    expect(messages).toContain('none');
    expect(creation.seed.additionalAssertions).toEqual([]);
  });

  it('digresses, and the Companion explains and asks the same question again', async () => {
    const { creation, turns, messages } = await converse(bakery, { plan: { audience: { digress: true } } });
    const index = messages.indexOf(SIMULATED_OPERATOR_WORDS.digressions[0]);
    expect(index).toBeGreaterThan(0);
    const explained = turns[index + 1];
    expect(explained?.state.asking).toBe('audience');
    expect(explained?.reply).toMatch(/who will read or use it/);
    expect(explained?.reply.endsWith('Who is it for?')).toBe(true);
    expect(creation.seed).toEqual(bakery);
  });

  it('skips a part and answers it when the Companion asks for it again before putting it together', async () => {
    const { creation, turns, messages } = await converse(bakery, { plan: { voice: { skip: true } } });
    expect(messages[3]).toBe(SIMULATED_OPERATOR_WORDS.skips[0]);
    expect(turns[4]?.state.asking).toBe('constraints');
    // "That's everything." brings the missing step, which asks for the skipped part; then the recap.
    const missing = turns.find((turn) => turn.trace.templateSelected.step === 'missing');
    expect(missing?.state.asking).toBe('voice');
    expect(messages.filter((message) => message === bakery.voice)).toHaveLength(1);
    expect(messages.slice(-4)).toEqual(["That's everything.", bakery.voice, "That's everything.", 'Ready to begin.']);
    expect(creation.seed).toEqual(bakery);
  });

  it('corrects a wrong first answer, and the coverage history keeps the value it replaced', async () => {
    const { creation, session, turns, messages } = await converse(bakery, {
      plan: { audience: { wrongFirst: 'Everyone in town' }, constraints: { wrongFirst: ['Keep it short'] }, additionalAssertions: { wrongFirst: [] } },
    });
    expect(messages).toContain('Actually, the audience is Our regulars, mostly people who pop in before work.');
    expect(messages).toContain('Change the rules to:\n- Never mention prices\n- Always sign off\n  from the whole team');
    expect(messages).toContain('Change the notes to:\nLaunch date: 1 March\nOwner: Sam at the Harbour Street shop');
    const wrongTurn = turns[messages.indexOf('Everyone in town') + 1]?.trace.present?.turn;
    const correctionTurn = turns[messages.indexOf('Everyone in town') + 2]?.trace.present?.turn;
    const history = session.state().coverage;
    expect(history.audience.history).toEqual([{ part: 'audience', value: 'Everyone in town', turn: wrongTurn, supersededAt: correctionTurn }]);
    expect(history.constraints.history.map((old) => old.value)).toEqual([['Keep it short']]);
    expect(history.additionalAssertions.history.map((old) => old.value)).toEqual([[]]);
    expect(creation.seed).toEqual(bakery);
    // The correction arrives while the next question is open; the Companion says what changed and asks it again.
    const corrected = turns[messages.indexOf('Actually, the audience is Our regulars, mostly people who pop in before work.') + 1];
    expect(corrected?.reply).toMatch(/I've changed who it's for/);
    expect(corrected?.state.asking).toBe('voice');
  });

  it('combines a digression, a skip and a correction on one part', async () => {
    const { creation, session, messages } = await converse(bakery, { plan: { name: { digress: true, skip: true, wrongFirst: 'Bakery letter' } } });
    expect(SIMULATED_OPERATOR_WORDS.digressions).toContain(messages[1]);
    expect(SIMULATED_OPERATOR_WORDS.skips).toContain(messages[2]);
    expect(messages).toContain('Actually, call it Crumb Notes');
    expect(session.state().coverage.purpose.history).toMatchObject([{ part: 'name', value: 'Bakery letter' }]);
    expect(creation.seed).toEqual(bakery);
  });

  it('draws its behaviour from the options, the same way every time for the same random source', async () => {
    const options = { digressions: true, corrections: true, skips: true, rate: 0.5 };
    const first = createSimulatedOperator(bakery, options);
    expect(createSimulatedOperator(bakery, options).plan).toEqual(first.plan);
    expect(Object.keys(first.plan).length).toBeGreaterThan(0);
    expect(createSimulatedOperator(bakery).plan).toEqual({});
    const { creation } = await converse(bakery, options);
    expect(creation.seed).toEqual(bakery);
  });

  it('refuses a plan that skips Field 6, which the Companion never asks for again', () => {
    expect(() => createSimulatedOperator(bakery, { plan: { additionalAssertions: { skip: true } } })).toThrow(
      expect.objectContaining({ code: 'E_USAGE' }),
    );
  });

  it('uses only words the Companion and the matcher read as meant', () => {
    for (const part of PART_ORDER) {
      if (part === 'additionalAssertions') continue;
      for (const words of SIMULATED_OPERATOR_WORDS.digressions) {
        expect(readOperatorAnswer(part, words, {}).kind).toBe('question');
        expect(matchTerminalTurn(words).terminal).toBe(false);
      }
      for (const words of SIMULATED_OPERATOR_WORDS.skips) {
        expect(readOperatorAnswer(part, words, {}).kind).toBe('skip');
        expect(matchTerminalTurn(words).terminal).toBe(false);
      }
    }
    expect(matchTerminalTurn(SIMULATED_OPERATOR_WORDS.done).terminal).toBe(true);
    expect(matchTerminalTurn(SIMULATED_OPERATOR_WORDS.begin, { companionAskedToClose: true }).terminal).toBe(true);
    expect(answerText('additionalAssertions', [])).toBe('none');
  });
});

describe('arbSimulatedConversation', () => {
  it('any generated conversation creates exactly its Seed, clean, with a Memory chain that verifies', async () => {
    // One store for every run, each run its own Operator: on Node 20 every memory store's AsyncLocalStorage stays
    // registered for the life of the process, so hundreds of stores would slow every later promise.
    const store = createMemoryStore();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(arbSimulatedConversation(), async ({ seed, plan }) => {
        // Rarely a random word is a placeholder or a developer word: induction itself decides (see the arbitrary).
        fc.pre((await inductSeed(seed)).status === 'induction-pass-clean');
        run += 1;
        const session = await createCreationSession({
          companion: createGuidedCompanion(),
          store,
          operator: { id: `op-${run}` },
          clock: fakeClock(),
          ids: createSequentialIds(`run-${run}`),
        });
        const { creation, turns } = await runSimulatedConversation(session, createSimulatedOperator(seed, { plan }));
        expect(creation.seed).toEqual(seed);
        expect(creation.induction).toEqual({ status: 'induction-pass-clean', findings: [] });
        expect(creation.engagement).toMatchObject({ name: seed.name, status: 'active' });
        expect(await verifyMemory(store, creation.engagement.id)).toMatchObject({ ok: true, engagements: 1 });
        expect(creation.session).toBe(session.id);
        // Every planned wrong value is kept in the coverage history of its field.
        for (const part of PART_ORDER) {
          const wrongFirst = plan[part]?.wrongFirst;
          if (wrongFirst === undefined) continue;
          const field: FieldKey = part === 'name' ? 'purpose' : part;
          expect(session.state().coverage[field].history).toContainEqual(expect.objectContaining({ part, value: wrongFirst }));
        }
        expect(turns.every((turn) => turn.trace.responseShaped.plainTerms.length === 0)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('plans digressions, skips and corrections, and none of them when turned off', () => {
    const plans = fc.sample(arbSimulatedConversation(), { numRuns: 100, seed: 7 }).map((conversation) => Object.values(conversation.plan));
    const all = plans.flat();
    expect(all.some((partPlan) => partPlan?.digress)).toBe(true);
    expect(all.some((partPlan) => partPlan?.skip)).toBe(true);
    expect(all.some((partPlan) => partPlan?.wrongFirst !== undefined)).toBe(true);
    const quiet = fc.sample(arbSimulatedConversation({ digressions: false, corrections: false, skips: false }), { numRuns: 50, seed: 7 });
    expect(quiet.every((conversation) => Object.keys(conversation.plan).length === 0)).toBe(true);
  });
});
