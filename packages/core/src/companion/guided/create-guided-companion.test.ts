import { describe, expect, it } from 'vitest';
import { PART_ORDER, type SeedPart } from '../../fields';
import type { SeedDraft } from '../../seed';
import type { AskingTarget, CompanionEvent, CompanionRequest } from '../types';
import { COPY, QUESTIONS } from './copy';
import { createGuidedCompanion } from './create-guided-companion';
import { testRequest, withoutParts, type TestRequestOptions } from './test-request';

async function collect(events: AsyncIterable<CompanionEvent>): Promise<CompanionEvent[]> {
  const collected: CompanionEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}

type Reply = { text: string; update: Extract<CompanionEvent, { type: 'draft-update' }>; events: CompanionEvent[] };

async function respond(options: TestRequestOptions): Promise<Reply> {
  const events = await collect(createGuidedCompanion().respond(testRequest(options)));
  const updates = events.filter((event) => event.type === 'draft-update');
  expect(updates).toHaveLength(1);
  const text = events.map((event) => (event.type === 'text-delta' ? event.text : '')).join('');
  return { text, update: updates[0] as Reply['update'], events };
}

const FULL_DRAFT: SeedDraft = {
  purpose: 'A monthly email newsletter for the bakery',
  name: 'Crumb Notes',
  audience: 'Our regulars',
  voice: 'Warm and a bit cheeky',
  constraints: ['Never mention prices', 'Always sign off from the team'],
  success: ['People mention it at the till'],
  additionalAssertions: [{ key: 'Launch date', value: '1 March' }],
};

describe('createGuidedCompanion', () => {
  it("is the offline Companion 'guided', without one-shot completions", () => {
    const companion = createGuidedCompanion();
    expect(companion.id).toBe('guided');
    expect(companion.complete).toBeUndefined();
    expect(createGuidedCompanion({ id: 'guided:demo' }).id).toBe('guided:demo');
  });

  it('streams text, then exactly one draft update, zero usage and the finish', async () => {
    const { events } = await respond({ lastAsking: 'audience', draft: { purpose: 'p', name: 'n' }, message: 'Our regulars' });
    const types = events.map((event) => event.type);
    expect(types.slice(-3)).toEqual(['draft-update', 'usage', 'finish']);
    expect(types.slice(0, -3).every((type) => type === 'text-delta')).toBe(true);
    expect(types.filter((type) => type === 'text-delta').length).toBeGreaterThan(1);
    expect(events.at(-2)).toEqual({ type: 'usage', usage: { inputTokens: 0, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 } });
  });

  it('gives the same events for the same request', async () => {
    const options: TestRequestOptions = { lastAsking: 'constraints', draft: { purpose: 'p', name: 'n', audience: 'a', voice: 'v' }, message: '- one\n- two' };
    const first = await collect(createGuidedCompanion().respond(testRequest(options)));
    const second = await collect(createGuidedCompanion().respond(testRequest(options)));
    expect(second).toEqual(first);
  });

  it('refuses a request of another protocol version with E_USAGE', async () => {
    const wrong = { ...testRequest(), protocol: 2 } as unknown as CompanionRequest;
    await expect(collect(createGuidedCompanion().respond(wrong))).rejects.toMatchObject({ code: 'E_USAGE' });
  });

  it('stops before saying anything when the turn is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(collect(createGuidedCompanion().respond(testRequest(), { signal: controller.signal }))).rejects.toMatchObject({ code: 'E_ABORTED' });
  });
});

describe('the opening turn', () => {
  it('asks what we are making straight away, without a greeting', async () => {
    const { text, update } = await respond({ intent: 'create_engagement_entry' });
    expect(text).toBe("Let's set up your new project. What are we making?");
    expect(text).not.toMatch(/^(hi|hello|hey|welcome|good (morning|afternoon|evening))\b/i);
    expect(text).not.toMatch(/how can I help|what would you like to do/i);
    expect(update).toMatchObject({ values: {}, asking: 'purpose' });
  });
});

describe('the question-and-answer turns', () => {
  // The scripted answers: text parts as written, lists as bullets, the last part as Key: value lines.
  const ANSWERS: Record<SeedPart, string> = {
    purpose: 'A monthly email newsletter for the bakery',
    name: "Let's call it Crumb Notes.",
    audience: 'Our regulars',
    voice: 'Warm and a bit cheeky',
    constraints: '- Never mention prices\n- Always sign off from the team',
    success: '- People mention it at the till',
    additionalAssertions: 'Launch date: 1 March',
  };

  it('asks every part in order, records each answer under the part asked, then asks to close', async () => {
    let draft: SeedDraft = {};
    let asking: AskingTarget = 'purpose';
    const asked: AskingTarget[] = [];
    for (let turn = 0; turn < PART_ORDER.length; turn++) {
      const part = asking as SeedPart;
      const { text, update } = await respond({ lastAsking: asking, draft, message: ANSWERS[part] });
      expect(Object.keys(update.values)).toEqual([part]);
      expect(ANSWERS[part]).toContain(update.evidence?.[part]);
      draft = { ...draft, ...(update.values as SeedDraft) };
      asking = update.asking;
      asked.push(asking);
      expect(text.endsWith(asking === 'close' ? COPY.close : QUESTIONS[asking as SeedPart])).toBe(true);
    }
    expect(asked).toEqual([...PART_ORDER.slice(1), 'close']);
    expect(draft).toEqual(FULL_DRAFT);
  });

  it('asks what we are making, then what to call it: Field 1 is two questions', async () => {
    const { text, update } = await respond({ lastAsking: 'purpose', message: 'A monthly newsletter' });
    expect(text).toBe('So we\'re making “A monthly newsletter”. What should we call it?');
    expect(update.asking).toBe('name');
  });

  it("reflects the Operator's words in quotes, cut with an ellipsis past 60 characters", async () => {
    const purpose = 'A monthly email newsletter for the bakery with new bakes, opening hours and the odd recipe';
    const { text } = await respond({ lastAsking: 'purpose', message: purpose });
    expect(text).toBe('So we\'re making “A monthly email newsletter for the bakery with new bakes,…”. What should we call it?');
  });

  it('acknowledges a list with its size and first item', async () => {
    const draft = { purpose: 'p', name: 'n', audience: 'a', voice: 'v' };
    const { text } = await respond({ lastAsking: 'constraints', draft, message: '- Never mention prices\n- Keep it short' });
    expect(text).toBe(`I've noted 2 rules, starting with “Never mention prices”. ${QUESTIONS.success}`);
  });

  it('moves on after a skip and leaves the skipped part for later', async () => {
    const { text, update } = await respond({ lastAsking: 'audience', draft: { purpose: 'p', name: 'n' }, message: 'skip' });
    expect(text).toBe(`${COPY.skipped} ${QUESTIONS.voice}`);
    expect(update).toMatchObject({ values: {}, skipped: ['audience'], asking: 'voice' });
  });

  it('names skipped parts when it reaches the close question', async () => {
    const draft = withoutParts(FULL_DRAFT, 'audience', 'additionalAssertions');
    const { text, update } = await respond({ lastAsking: 'additionalAssertions', draft, skipped: ['audience'], message: 'none' });
    expect(text).toBe(`${COPY.acknowledgeNothingElse} We skipped who it's for. If you'd like to add anything there, just tell me. ${COPY.close}`);
    expect(update).toMatchObject({ values: { additionalAssertions: [] }, asking: 'close' });
  });

  it('explains a question about the question with an example, then asks the same part again', async () => {
    const { text, update } = await respond({ lastAsking: 'constraints', draft: { purpose: 'p', name: 'n', audience: 'a', voice: 'v' }, message: 'what do you mean by rules?' });
    expect(text).toBe(
      'By rules I mean things it must always or never do, like “always use British spelling” or “never mention prices”. What rules should it always follow?',
    );
    expect(update).toMatchObject({ values: {}, asking: 'constraints' });
  });

  it('asks for a shorter name and records nothing', async () => {
    const { text, update } = await respond({ lastAsking: 'name', draft: { purpose: 'p' }, message: 'N'.repeat(121) });
    expect(text).toBe(`That's a bit long for a name — I need something short, on one line, of 120 characters or fewer. ${QUESTIONS.name}`);
    expect(update).toMatchObject({ values: {}, asking: 'name' });
  });

  it('applies a correction of another part, says what changed, and asks the open part again', async () => {
    const { text, update } = await respond({
      lastAsking: 'voice',
      draft: { purpose: 'p', name: 'n', audience: 'teachers' },
      message: 'Actually, the audience is new parents',
    });
    expect(text).toBe(`Got it — I've changed who it's for to “new parents”. ${QUESTIONS.voice}`);
    expect(update).toMatchObject({ values: { audience: 'new parents' }, asking: 'voice', evidence: { audience: 'new parents' } });
  });

  it('notes a part given early, and does not ask it again', async () => {
    const { text, update } = await respond({ lastAsking: 'audience', draft: { purpose: 'p', name: 'n' }, message: 'the voice is calm' });
    expect(text).toBe(`Got it — I've noted how it should sound as “calm”. ${QUESTIONS.audience}`);
    const after = await respond({ lastAsking: 'audience', draft: { purpose: 'p', name: 'n', voice: 'calm' }, message: 'Parents' });
    expect(after.update.asking).toBe('constraints');
    expect(update.values).toEqual({ voice: 'calm' });
  });

  it('after the close question: adds Key: value lines and asks to close again', async () => {
    const { text, update } = await respond({ lastAsking: 'close', draft: FULL_DRAFT, message: 'Owner: Sam' });
    expect(text).toBe(`I've noted “Owner: Sam”. ${COPY.close}`);
    expect(update).toMatchObject({
      values: { additionalAssertions: [{ key: 'Launch date', value: '1 March' }, { key: 'Owner', value: 'Sam' }] },
      asking: 'close',
    });
  });

  it('after the close question: adds a rule, applies a change, or asks what anything else is', async () => {
    const added = await respond({ lastAsking: 'close', draft: FULL_DRAFT, message: 'add a rule: keep it short' });
    expect(added.text).toBe(`Got it — I've added “keep it short” to the rules it should follow. ${COPY.close}`);
    expect(added.update.values).toEqual({ constraints: ['Never mention prices', 'Always sign off from the team', 'keep it short'] });

    const changed = await respond({ lastAsking: 'close', draft: FULL_DRAFT, message: 'change the tone to calm' });
    expect(changed.text).toBe(`Got it — I've changed how it should sound to “calm”. ${COPY.close}`);

    const unsure = await respond({ lastAsking: 'close', draft: FULL_DRAFT, message: 'we never name competitors' });
    expect(unsure.text).toBe(`${COPY.closeUnsure} ${COPY.close}`);
    expect(unsure.update).toMatchObject({ values: {}, asking: 'close' });
  });

  it('at the review-or-begin question: applies a change and asks again, or hints how to go on', async () => {
    const changed = await respond({ lastAsking: 'confirm', draft: FULL_DRAFT, message: 'actually, call it The Crumb' });
    expect(changed.text).toBe(`Got it — I've changed what to call it to “The Crumb”. ${COPY.confirm}`);
    expect(changed.update).toMatchObject({ values: { name: 'The Crumb' }, asking: 'confirm' });

    const other = await respond({ lastAsking: 'confirm', draft: FULL_DRAFT, message: 'hmm' });
    expect(other.text).toBe(`Say “begin” when you're ready, or tell me what to change. ${COPY.confirm}`);
    expect(other.update).toMatchObject({ values: {}, asking: 'confirm' });
  });
});

describe('the finish', () => {
  it('records the content of a terminal message without saying anything', async () => {
    const { events, update } = await respond({
      intent: 'create_engagement_commit',
      recordOnly: true,
      lastAsking: 'audience',
      draft: { purpose: 'p', name: 'n' },
      message: "The audience is bakers. That's everything.",
      terminal: { phrase: "that's everything", content: 'The audience is bakers.' },
    });
    expect(events.some((event) => event.type === 'text-delta')).toBe(false);
    expect(update).toMatchObject({ values: { audience: 'The audience is bakers.' }, evidence: { audience: 'The audience is bakers.' } });
  });

  it('records a correction carried by a terminal message at the review-or-begin question', async () => {
    const { events, update } = await respond({
      intent: 'create_engagement_commit',
      recordOnly: true,
      lastAsking: 'confirm',
      draft: FULL_DRAFT,
      message: 'Actually the tone is calm. Ready to begin.',
      terminal: { phrase: 'ready to begin', content: 'Actually the tone is calm.' },
    });
    expect(events.some((event) => event.type === 'text-delta')).toBe(false);
    expect(update.values).toEqual({ voice: 'calm.' });
  });

  it('names what is still missing in plain words and asks for the first of it', async () => {
    const { text, update } = await respond({ intent: 'create_engagement_commit', step: 'missing', draft: { purpose: 'p', name: 'n', voice: 'v', success: ['s'] } });
    expect(text).toBe("Before I put it together, I still need to know who it's for and the rules it should follow. Who is it for?");
    expect(update).toMatchObject({ values: {}, asking: 'audience' });
  });

  it('recaps in plain words with the Operator’s words quoted, offers both write-ups and asks review-or-begin', async () => {
    const { text, update } = await respond({ intent: 'create_engagement_commit', step: 'confirm', draft: FULL_DRAFT });
    expect(text).toBe(
      [
        "Here's what I've gathered.",
        'Name: “Crumb Notes”',
        'What we\'re making: “A monthly email newsletter for the bakery”',
        'Who it\'s for: “Our regulars”',
        'How it should sound: “Warm and a bit cheeky”',
        'Rules to follow:',
        '- “Never mention prices”',
        '- “Always sign off from the team”',
        "Signs it's working:",
        '- “People mention it at the till”',
        'Also true:',
        '- “Launch date: 1 March”',
        '',
        'I can keep a full write-up of our conversation, or a short summary — whichever you prefer.',
        "Would you like to review what I've gathered, or are you ready to begin?",
      ].join('\n'),
    );
    expect(update).toMatchObject({ values: {}, asking: 'confirm' });
  });

  it('says "nothing else" for an empty last part, and marks unanswered parts in a recap', async () => {
    const { text } = await respond({ intent: 'create_engagement_commit', step: 'confirm', draft: { ...withoutParts(FULL_DRAFT, 'success'), additionalAssertions: [] } });
    expect(text).toContain("\nSigns it's working: not answered yet\n");
    expect(text).toContain('\nAlso true: nothing else\n');
  });

  it('shows everything in full on review, then asks review-or-begin again', async () => {
    const purpose = `A monthly email newsletter for the bakery.\nNew bakes, opening hours, and ${'the odd recipe, '.repeat(5)}too.`;
    const { text, update } = await respond({ intent: 'create_engagement_commit', step: 'review', draft: { ...FULL_DRAFT, purpose } });
    expect(text.startsWith("Here's everything I've gathered, in full.\n")).toBe(true);
    expect(text).toContain(`What we're making: “${purpose}”`);
    expect(text).toContain('- “Always sign off from the team”');
    expect(text).toContain('- “Launch date: 1 March”');
    expect(text.endsWith(`\n\n${COPY.confirm}`)).toBe(true);
    expect(text).not.toContain('write-up');
    expect(update.asking).toBe('confirm');
  });

  it.each([
    ['induction-pass-clean', 0, 'The final check found nothing to fix.'],
    ['induction-pass-with-notes', 1, "The final check left 1 note for you to look at; you'll see it there."],
    ['induction-pass-with-notes', 3, "The final check left 3 notes for you to look at; you'll see them there."],
    ['induction-fail', 2, "The final check found something to fix before it can start; you'll see what in your list of projects."],
  ] as const)('closes with the name, the project list, the final check (%s, %i notes) and Memory', async (inductionStatus, notes, outcome) => {
    const { text, update } = await respond({
      intent: 'create_engagement_commit',
      step: 'closing',
      draft: FULL_DRAFT,
      creation: { name: 'Crumb Notes', status: inductionStatus === 'induction-fail' ? 'candidate' : 'active', inductionStatus, notes },
    });
    expect(text).toBe(`“Crumb Notes” is set up, and you'll find it in your list of projects. ${outcome} Everything we said is kept in Memory.`);
    expect(update).toMatchObject({ values: {}, asking: null });
  });
});
