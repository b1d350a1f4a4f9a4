// The guided Companion inside the real session engine: a whole conversation, and scripted creation, end to end.
import { describe, expect, it } from 'vitest';
import { renderDiscoveryRecord } from '../../discovery';
import { createSequentialIds, type Clock } from '../../runtime';
import type { Seed } from '../../seed';
import { createCreationSession, createFromContent } from '../../session';
import type { TurnResult } from '../../session';
import { createMemoryStore } from '../../store';
import { COPY, QUESTIONS } from './copy';
import { createGuidedCompanion } from './create-guided-companion';

const operator = { id: 'op-1', name: 'Robin' };

function fakeClock(start = Date.parse('2026-11-26T10:00:00.000Z')): Clock {
  let now = start;
  return { now: () => (now += 1000) };
}

async function newSession() {
  const store = createMemoryStore();
  const session = await createCreationSession({ companion: createGuidedCompanion(), store, operator, clock: fakeClock(), ids: createSequentialIds('id') });
  return { store, session };
}

function expectPlainTerms(turn: TurnResult): void {
  expect(turn.trace.responseShaped.plainTerms, turn.reply).toEqual([]);
}

describe('a live conversation with the guided Companion', () => {
  it('goes from the opening question to an active project, through a skip, a question, a correction, the missing step, the recap and the review', async () => {
    const { session } = await newSession();
    const turns: TurnResult[] = [];
    const send = async (text: string) => {
      const turn = await session.send(text);
      turns.push(turn);
      return turn;
    };

    const opening = await session.start();
    turns.push(opening);
    expect(opening.reply).toBe(COPY.opening);

    await send('A weekly email newsletter for the bakery: new bakes and opening hours.');
    expect((await send("Let's call it “Crumb Notes”.")).state.draft.name).toBe('Crumb Notes');
    expect((await send('skip')).state.asking).toBe('voice');
    const explained = await send('what do you mean?');
    expect(explained.reply.endsWith(QUESTIONS.voice)).toBe(true);
    await send('Warm and a bit cheeky, like a chat over the counter.');
    await send('- Never mention prices\n- Always sign off from the whole team');
    await send('actually the tone is warm and plain');
    await send('1. People mention it at the till\n2. More pre-orders on Fridays');
    const closing = await send('Launch date: 1 March\nOwner: Sam at the Harbour Street shop');
    expect(closing.state.asking).toBe('close');
    expect(closing.reply).toContain("We skipped who it's for.");

    const missing = await send("That's everything.");
    expect(missing.trace.templateSelected.step).toBe('missing');
    expect(missing.reply).toBe("Before I put it together, I still need to know who it's for. Who is it for?");
    await send('Regulars who pop in before work.');

    const recap = await send("That's everything.");
    expect(recap.trace.templateSelected.step).toBe('confirm');
    expect(recap.reply).toContain('How it should sound: “warm and plain”');
    expect(recap.reply.endsWith(COPY.confirm)).toBe(true);

    const review = await send('Can I see it first?');
    expect(review.trace.templateSelected.step).toBe('review');
    expect(review.reply).toContain('- “Owner: Sam at the Harbour Street shop”');

    const done = await send('Begin.');
    expect(done.creation).toMatchObject({ engagement: { name: 'Crumb Notes', status: 'active' }, induction: { status: 'induction-pass-clean' } });
    expect(done.creation?.seed).toEqual({
      name: 'Crumb Notes',
      purpose: 'A weekly email newsletter for the bakery: new bakes and opening hours.',
      audience: 'Regulars who pop in before work.',
      voice: 'warm and plain',
      constraints: ['Never mention prices', 'Always sign off from the whole team'],
      success: ['People mention it at the till', 'More pre-orders on Fridays'],
      additionalAssertions: [
        { key: 'Launch date', value: '1 March' },
        { key: 'Owner', value: 'Sam at the Harbour Street shop' },
      ],
    });
    expect(done.reply).toBe(
      "“Crumb Notes” is set up, and you'll find it in your list of projects. The final check found nothing to fix. Everything we said is kept in Memory.",
    );
    expect(session.state().coverage.voice.history.map((old) => old.value)).toEqual(['Warm and a bit cheeky, like a chat over the counter.']);
    for (const turn of turns) expectPlainTerms(turn);
  });
});

describe('scripted creation with the guided Companion', () => {
  const seed: Seed = {
    name: 'Crumb Notes',
    purpose: 'A monthly email newsletter for the bakery.\n\nNew bakes, opening hours, the odd recipe.',
    audience: 'Our regulars; mostly people who pop in before work.',
    voice: 'Warm and a bit cheeky — like a chat over the counter.',
    constraints: ['Never mention prices; they change too often', 'Always sign off\nfrom the whole team', '- keep it short'],
    success: ['People mention it at the till'],
    additionalAssertions: [
      { key: 'Launch date', value: '1 March' },
      { key: 'Opening time', value: '07:30: sharp' },
    ],
  };

  it('records every answer exactly as written and creates an active project', async () => {
    const result = await createFromContent(renderDiscoveryRecord(seed), { companion: createGuidedCompanion(), store: createMemoryStore(), operator, clock: fakeClock() });
    expect(result.seed).toEqual(seed);
    expect(result.engagement).toMatchObject({ name: 'Crumb Notes', status: 'active' });
    expect(result.induction.status).toBe('induction-pass-clean');
  });

  it('records an empty last part as nothing else', async () => {
    const empty = { ...seed, additionalAssertions: [] };
    const result = await createFromContent(renderDiscoveryRecord(empty), { companion: createGuidedCompanion(), store: createMemoryStore(), operator, clock: fakeClock() });
    expect(result.seed).toEqual(empty);
  });
});
