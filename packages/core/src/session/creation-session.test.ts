import { createHash } from 'node:crypto';
import { createFakeCompanion, createFaultyStore } from '@loomworks/testkit';
import { describe, expect, it } from 'vitest';
import { createGuidedCompanion } from '../companion';
import { LoomworksError } from '../errors';
import { FIELDS } from '../fields';
import { verifyMemory } from '../memory';
import { createSequentialIds, type Clock } from '../runtime';
import { createMemoryStore, type LoomworksStore, type MemoryEvent } from '../store';
import { createCreationSession, resumeCreationSession } from './creation-session';
import type { CreationSession, SessionEvent, TurnResult } from './types';

const operator = { id: 'op-1', name: 'Robin' };

function fakeClock(start = Date.parse('2026-11-26T10:00:00.000Z')): Clock {
  let now = start;
  return { now: () => (now += 1000) };
}

async function newSession(options: { store?: LoomworksStore; companion?: ReturnType<typeof createGuidedCompanion>; policy?: { confirmBeforeCommit?: boolean } } = {}) {
  const store = options.store ?? createMemoryStore();
  const session = await createCreationSession({
    companion: options.companion ?? createGuidedCompanion(),
    store,
    operator,
    clock: fakeClock(),
    ids: createSequentialIds('id'),
    ...(options.policy ? { policy: options.policy } : {}),
  });
  return { store, session };
}

const answers = {
  purpose: 'A weekly email newsletter for the bakery.',
  name: 'Crumbs Weekly',
  audience: 'Regulars who pop in before work.',
  voice: 'Warm, plain and a little cheeky.',
  constraints: '- Never mention discounts in the subject line\n- Keep it under 300 words',
  success: '- Half of subscribers open it\n- Saturday sales of the featured loaf go up',
  additionalAssertions: 'Sender: The head baker, by first name\nSchedule: Every Thursday at 7am',
};

/** Answers whatever the guided Companion asks until it asks to close. */
async function answerEverything(session: CreationSession, opening: TurnResult): Promise<TurnResult> {
  let last = opening;
  for (let guard = 0; guard < 10; guard += 1) {
    const asking = last.state.asking;
    if (asking === 'close' || asking === 'confirm' || asking === null) return last;
    last = await session.send(answers[asking]);
  }
  throw new Error('the conversation did not converge');
}

async function collect(events: AsyncIterable<SessionEvent>): Promise<SessionEvent[]> {
  const seen: SessionEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

describe('the opening turn', () => {
  it('asks the Field 1 question with the guided Companion, never a greeting', async () => {
    const { session } = await newSession();
    const opening = await session.start();
    expect(opening.turn).toBe(0);
    expect(opening.reply).toMatch(/what are we making\?/i);
    expect(opening.reply).not.toMatch(/^(hi|hello|hey)\b/i);
    expect(opening.state.asking).toBe('purpose');
    expect(opening.trace.classified).toMatchObject({ intent: 'create_engagement_entry', source: 'entry' });
    expect(opening.trace.templateSelected.template).toBe('create_engagement_entry');
  });

  it('uses the entry template even when a general-conversation hint is passed by mistake', async () => {
    const { session } = await newSession();
    const opening = await session.start({ intentHint: 'general_conversation' });
    expect(opening.trace.classified).toMatchObject({ intent: 'create_engagement_entry', ignoredHint: 'general_conversation' });
    expect(opening.state.asking).toBe('purpose');
  });

  it('adds the Field 1 question when a Companion only greets', async () => {
    const companion = createFakeCompanion({ turns: [{ text: 'Hello! How can I help you today?' }] });
    const { session } = await newSession({ companion });
    const opening = await session.start();
    expect(companion.requests[0]).toMatchObject({ intent: 'create_engagement_entry', message: null, turn: 0, state: { nextPart: 'purpose' } });
    expect(opening.reply).toContain(FIELDS[0].question);
    expect(opening.trace.responseShaped.openingGuard).toBe('appended-question');
    expect(opening.state.asking).toBe('purpose');
  });

  it('leaves a Companion that asks Field 1 alone', async () => {
    const companion = createFakeCompanion({ turns: [{ text: 'What are we making?', asking: 'purpose' }] });
    const { session } = await newSession({ companion });
    const opening = await session.start();
    expect(opening.reply).toBe('What are we making?');
    expect(opening.trace.responseShaped.openingGuard).toBeUndefined();
  });

  it('streams the opening too', async () => {
    const { session } = await newSession();
    const events = await collect(session.streamStart());
    expect(events.filter((event) => event.type === 'text-delta').length).toBeGreaterThan(1);
    const end = events.at(-1) as Extract<SessionEvent, { type: 'turn-end' }>;
    expect(end.result.reply).toMatch(/what are we making\?/i);
  });

  it('cannot start twice', async () => {
    const { session } = await newSession();
    await session.start();
    await expect(session.start()).rejects.toMatchObject({ code: 'E_SESSION_STATE' });
  });
});

describe('a turn', () => {
  it('persists the Operator message before the Companion is called', async () => {
    const store = createMemoryStore();
    let storedAtCall: string[] = [];
    const recording = createFakeCompanion({
      turns: (request) => ({ text: 'Noted. What should we call it?', asking: request.message ? 'name' : 'purpose', values: request.message ? { purpose: request.message } : {} }),
    });
    const spy = {
      id: 'spy',
      respond: async function* (request: Parameters<typeof recording.respond>[0]) {
        storedAtCall = (await store.listTurns(request.sessionId)).map((turn) => `${turn.role}:${turn.text}`);
        yield* recording.respond(request);
      },
    };
    const { session } = await newSession({ store, companion: spy as never });
    await session.start();
    await session.send('A newsletter for the bakery.');
    expect(storedAtCall).toEqual(['companion:Noted. What should we call it?', 'operator:A newsletter for the bakery.']);
  });

  it('records all four layers in the trace', async () => {
    const { session } = await newSession();
    await session.start();
    const turn = await session.send(answers.purpose);
    expect(turn.trace.present).toEqual({ turn: 2, chars: answers.purpose.length, persisted: true });
    expect(turn.trace.classified).toMatchObject({ intent: 'create_engagement_active', source: 'rules', terminal: { terminal: false } });
    expect(turn.trace.templateSelected.template).toBe('create_engagement_active');
    expect(turn.trace.templateSelected.components).toEqual(FIELDS.map((field) => `create_engagement/${field.key === 'additionalAssertions' ? 'additional_assertions' : field.key}`));
    expect(Object.values(turn.trace.templateSelected.prompts).every((hash) => hash.startsWith('sha256:'))).toBe(true);
    expect(turn.trace.responseShaped).toMatchObject({ accepted: ['purpose'], rejected: [], asking: 'name', plainTerms: [] });
    expect(turn.trace.responseShaped.coverage.purpose.evidence).toEqual([{ part: 'purpose', turn: 2, quote: answers.purpose }]);
  });

  it('stores each request, with the system prompt, its hashes and the components whole once per session instance', async () => {
    const { store, session } = await newSession();
    await session.start();
    await session.send(answers.purpose);
    const resumed = await resumeCreationSession(session.id, { companion: createGuidedCompanion(), store, operator });
    await resumed.send(answers.name);
    type Stored = { intent: string; system: { sha256: string; text?: string; prompts?: Record<string, string> }; components?: unknown[]; history: unknown[] };
    const requests = (await store.listTurns(session.id)).filter((turn) => turn.role === 'companion').map((turn) => (turn.request as Stored[])[0] as Stored);
    expect(requests.map((request) => [request.intent, request.system.text !== undefined, request.components !== undefined])).toEqual([
      ['create_engagement_entry', true, true],
      ['create_engagement_active', false, false],
      // A resumed session stores what it uses again: its prompts may have been edited in between.
      ['create_engagement_active', true, true],
    ]);
    const [opening, second] = requests as [Stored, Stored];
    expect(opening.system.text?.length).toBeGreaterThan(1000);
    expect(`sha256:${createHash('sha256').update(opening.system.text as string).digest('hex')}`).toBe(opening.system.sha256);
    expect(second.system).toEqual({ sha256: opening.system.sha256 });
    expect(opening.components).toHaveLength(FIELDS.length);
    expect(second.history).toHaveLength(1);
  });

  it('rejects empty and over-long messages with E_INVALID_MESSAGE, storing nothing', async () => {
    const store = createMemoryStore();
    const created = await createCreationSession({ companion: createGuidedCompanion(), store, operator, policy: { maxMessageChars: 50 } });
    await created.start();
    await expect(created.send('   ')).rejects.toMatchObject({ code: 'E_INVALID_MESSAGE' });
    await expect(created.send('x'.repeat(51))).rejects.toMatchObject({ code: 'E_INVALID_MESSAGE' });
    expect(await store.listTurns(created.id)).toHaveLength(1);
  });

  it('ignores draft values that fail their schema and notes them in the trace', async () => {
    const companion = createFakeCompanion({
      turns: [
        { text: 'What are we making?', asking: 'purpose' },
        { text: 'Noted.', values: { purpose: 'A newsletter', name: 'x'.repeat(200), constraints: [] }, asking: 'name' },
      ],
    });
    const { session } = await newSession({ companion });
    await session.start();
    const turn = await session.send('A newsletter');
    expect(turn.trace.responseShaped.accepted).toEqual(['purpose']);
    expect(turn.trace.responseShaped.rejected.map((rejected) => rejected.part)).toEqual(['name', 'constraints']);
    expect(turn.state.draft).toEqual({ purpose: 'A newsletter' });
  });

  it('streams text deltas, then coverage, then the end of the turn', async () => {
    const { session } = await newSession();
    await session.start();
    const events = await collect(session.stream(answers.purpose));
    const types = events.map((event) => event.type);
    expect(types.at(-1)).toBe('turn-end');
    expect(types.at(-2)).toBe('coverage');
    expect(types.filter((type) => type === 'text-delta').length).toBeGreaterThan(1);
    const text = events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : [])).join('');
    expect(text).toBe((events.at(-1) as Extract<SessionEvent, { type: 'turn-end' }>).result.reply);
  });

  it('keeps a correction and the value it replaced', async () => {
    const { session } = await newSession();
    let last = await session.start();
    last = await answerEverything(session, last);
    const corrected = await session.send('Actually, the audience is night-shift nurses.');
    expect(corrected.state.draft.audience).toBe('night-shift nurses.');
    expect(corrected.state.coverage.audience.history).toEqual([{ part: 'audience', value: answers.audience, turn: expect.any(Number), supersededAt: corrected.turn }]);
    void last;
  });
});

describe('the terminal turn and the commit', () => {
  it('recaps, asks review-or-begin, then commits once the Operator begins', async () => {
    const { store, session } = await newSession();
    await answerEverything(session, await session.start());
    const recap = await session.send("That's everything.");
    expect(recap.trace.classified.intent).toBe('create_engagement_commit');
    expect(recap.trace.templateSelected.step).toBe('confirm');
    expect(recap.reply).toContain("Would you like to review what I've gathered, or are you ready to begin?");
    expect(recap.state.phase).toBe('confirming');
    expect(recap.creation).toBeUndefined();
    expect(await store.scan('engagements')).toMatchObject({ records: [] });

    const events = await collect(session.stream('Ready to begin.'));
    const committed = events.find((event) => event.type === 'committed');
    const end = events.at(-1) as Extract<SessionEvent, { type: 'turn-end' }>;
    expect(committed).toBeDefined();
    expect(end.result.trace.templateSelected.step).toBe('closing');
    const creation = end.result.creation!;
    expect(creation).toMatchObject({
      engagement: { name: 'Crumbs Weekly', status: 'active' },
      induction: { status: 'induction-pass-clean', findings: [] },
      session: session.id,
      seed: {
        name: 'Crumbs Weekly',
        constraints: ['Never mention discounts in the subject line', 'Keep it under 300 words'],
        additionalAssertions: [
          { key: 'Sender', value: 'The head baker, by first name' },
          { key: 'Schedule', value: 'Every Thursday at 7am' },
        ],
      },
    });
    expect(Object.values(end.result.state.coverage).every((field) => field.status === 'confirmed')).toBe(true);
    expect(end.result.state.phase).toBe('committed');

    const memory = await store.listEvents(creation.engagement.id);
    expect(memory.map((event: MemoryEvent) => event.type)).toEqual([
      'engagement_created',
      'discovery_record_uploaded',
      'discovery_to_seed_extracted',
      'seed_inducted',
      'engagement_activated',
      'assertion_committed',
      'assertion_committed',
    ]);
    expect(await verifyMemory(store)).toEqual({ ok: true, engagements: 1, events: 7 });
    expect(await store.listPendingAnchors(100)).toHaveLength(7);
    const [document] = await store.listDocuments(creation.engagement.id);
    expect(document).toMatchObject({ kind: 'discovery-record', format: 'discovery-record/v1', sessionId: session.id });
    expect(document!.content).toContain('## How we got here');
    await expect(session.send('one more thing')).rejects.toMatchObject({ code: 'E_SESSION_STATE' });
  });

  it('commits straight away when confirmation is off, with content before the phrase applied first', async () => {
    const { store, session } = await newSession({ policy: { confirmBeforeCommit: false } });
    let last = await session.start();
    while (last.state.asking !== 'success') last = await session.send(answers[last.state.asking as keyof typeof answers]);
    const result = await session.send("Half of subscribers open it. That's everything.");
    expect(result.trace.classified.terminal).toMatchObject({ terminal: true });
    expect(result.creation?.seed.success).toEqual(['Half of subscribers open it.']);
    // The record-only call and the closing call are both stored, exactly as sent.
    const turns = await store.listTurns(session.id);
    const requests = turns.at(-1)!.request as { recordOnly: boolean; step: string | null }[];
    expect(requests.map((request) => [request.recordOnly, request.step])).toEqual([
      [true, null],
      [false, 'closing'],
    ]);
    expect(result.creation?.seed.additionalAssertions).toEqual([]);
  });

  it('names what is missing instead of committing, and "create it anyway" makes a failing candidate', async () => {
    const { store, session } = await newSession({ policy: { confirmBeforeCommit: false } });
    await session.start();
    await session.send(answers.purpose);
    await session.send(answers.name);
    const gate = await session.send("That's everything.");
    expect(gate.trace.templateSelected.step).toBe('missing');
    expect(gate.state.phase).toBe('eliciting');
    expect(gate.state.asking).toBe('audience');
    expect((await store.scan('engagements')).records).toHaveLength(0);

    const forced = await session.send('Create it anyway.');
    expect(forced.creation).toMatchObject({ engagement: { status: 'candidate' }, induction: { status: 'induction-fail' } });
    expect(forced.creation!.induction.findings.map((finding) => finding.code)).toContain('INDUCTION_FIELD_MISSING');
    const types = (await store.listEvents(forced.creation!.engagement.id)).map((event) => event.type);
    expect(types).not.toContain('engagement_activated');
    expect(await verifyMemory(store)).toMatchObject({ ok: true });
  });

  it('takes the short-summary path when the Operator asks for it', async () => {
    const { store, session } = await newSession({ policy: { confirmBeforeCommit: false } });
    await answerEverything(session, await session.start());
    const result = await session.send("That's everything, commit it as a brief.");
    expect(result.state.path).toBe('brief');
    const engagementId = result.creation!.engagement.id;
    expect((await store.listEvents(engagementId)).map((event) => event.type)).toContain('seed_committed_from_brief');
    expect((await store.listDocuments(engagementId))[0]).toMatchObject({ kind: 'brief', format: 'brief/v1' });
    expect(result.creation!.induction.status).toBe('induction-pass-clean');
  });

  it('takes "a short summary please" in answer to the review-or-begin question as the path', async () => {
    const { store, session } = await newSession();
    await answerEverything(session, await session.start());
    await session.send("That's everything.");
    const chosen = await session.send('A short summary please.');
    expect(chosen.state).toMatchObject({ path: 'brief', phase: 'confirming', asking: 'confirm' });
    expect(chosen.reply).toContain('A short summary it is.');
    const begun = await session.send('begin');
    expect((await store.listDocuments(begun.creation!.engagement.id))[0]?.kind).toBe('brief');
  });

  it('shows everything on "review" and commits on "begin"', async () => {
    const { session } = await newSession();
    await answerEverything(session, await session.start());
    await session.send("That's all.");
    const review = await session.send('Let me review it first.');
    expect(review.trace.templateSelected.step).toBe('review');
    expect(review.state.phase).toBe('confirming');
    expect(review.reply).toContain('Keep it under 300 words');
    const begin = await session.send('begin');
    expect(begin.trace.classified.terminal).toMatchObject({ terminal: true, reason: 'reply-to-close' });
    expect(begin.creation?.engagement.status).toBe('active');
  });
});

describe('faults and resumption', () => {
  const commitWrites = [
    ['insertEngagement', 1],
    ['insertDocument', 1],
    ['insertSeedVersion', 1],
    ['appendEvents', 1],
    ['enqueueAnchors', 1],
    ['updateEngagement', 1],
    ['appendEvents', 2],
    ['updateSession', 1],
  ] as const;

  it.each(commitWrites)('a failure in %s (call %i) of the commit leaves no engagement and a resumable session', async (method, nth) => {
    const faulty = createFaultyStore(createMemoryStore());
    const { session } = await newSession({ store: faulty, policy: { confirmBeforeCommit: false } });
    await answerEverything(session, await session.start());
    faulty.arm({ method, nth });
    await expect(session.send("That's everything.")).rejects.toSatisfy((error) => LoomworksError.is(error, 'E_STORE'));
    expect((await faulty.scan('engagements')).records).toEqual([]);
    expect((await faulty.scan('events')).records).toEqual([]);
    expect((await faulty.scan('outbox')).records).toEqual([]);
    expect(session.state()).toMatchObject({ phase: 'eliciting', pending: { text: "That's everything." }, creation: null });

    const resumed = await resumeCreationSession(session.id, { companion: createGuidedCompanion(), store: faulty, operator });
    expect(resumed.state().pending).not.toBeNull();
    const result = await resumed.retry();
    expect(result.creation?.engagement.status).toBe('active');
    expect((await faulty.scan('engagements')).records).toHaveLength(1);
    expect(await verifyMemory(faulty)).toMatchObject({ ok: true, engagements: 1 });
  });

  it('keeps the Operator message when the Companion fails, and retry answers it without duplicating turns', async () => {
    const store = createMemoryStore();
    const companion = createFakeCompanion({ fallback: createGuidedCompanion(), faults: [{ call: 2, error: new Error('socket hang up'), afterText: 'Thanks — ' }] });
    const { session } = await newSession({ store, companion });
    await session.start();
    await expect(session.send(answers.purpose)).rejects.toMatchObject({ code: 'E_COMPANION' });
    expect(session.state().pending).toEqual({ turn: 2, text: answers.purpose });
    await expect(session.send('another message')).rejects.toMatchObject({ code: 'E_SESSION_STATE' });
    const events = await collect(session.streamRetry());
    const retried = (events.at(-1) as Extract<SessionEvent, { type: 'turn-end' }>).result;
    expect(retried.state.draft.purpose).toBe(answers.purpose);
    await expect(session.retry()).rejects.toMatchObject({ code: 'E_SESSION_STATE' });
    expect((await store.listTurns(session.id)).map((turn) => turn.role)).toEqual(['companion', 'operator', 'companion']);
  });

  it('commits once when the closing words fail: retry says them, and the engagement is not created twice', async () => {
    const store = createMemoryStore();
    let calls = 0;
    const guided = createGuidedCompanion();
    const flaky = {
      id: 'guided',
      respond(request: Parameters<typeof guided.respond>[0]) {
        calls += 1;
        if (request.step === 'closing' && calls < 100) {
          calls = 100;
          throw new Error('overloaded');
        }
        return guided.respond(request);
      },
    };
    const { session } = await newSession({ store, companion: flaky as never, policy: { confirmBeforeCommit: false } });
    await answerEverything(session, await session.start());
    await expect(session.send("That's everything.")).rejects.toMatchObject({ code: 'E_COMPANION' });
    expect(session.state()).toMatchObject({ phase: 'committed', pending: { text: "That's everything." } });
    expect(session.state().creation?.engagement.status).toBe('active');
    const closing = await session.retry();
    expect(closing.trace.templateSelected.step).toBe('closing');
    expect(closing.creation?.engagement.id).toBe(session.state().creation?.engagement.id);
    expect((await store.scan('engagements')).records).toHaveLength(1);
  });

  it('resumes a committed session with the same engagement', async () => {
    const { store, session } = await newSession({ policy: { confirmBeforeCommit: false } });
    await answerEverything(session, await session.start());
    const { creation } = await session.send("That's everything.");
    const resumed = await resumeCreationSession(session.id, { companion: createGuidedCompanion(), store, operator });
    expect(resumed.state().creation).toEqual(creation);
    await expect(resumed.send('hello')).rejects.toMatchObject({ code: 'E_SESSION_STATE' });
  });

  it('refuses to resume another Operator’s session', async () => {
    const { store, session } = await newSession();
    await expect(resumeCreationSession(session.id, { companion: createGuidedCompanion(), store, operator: { id: 'someone-else' } })).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
  });
});
