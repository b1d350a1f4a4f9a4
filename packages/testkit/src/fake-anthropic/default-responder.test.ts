// The default responder plays a plausible Companion from the request alone: the same answer-reading rules as
// the guided Companion (so a scripted creation gives the same Seed), the commit steps, and the one-shot tasks.
import { readFileSync } from 'node:fs';
import {
  classifyIntent,
  createFromContent,
  createGuidedCompanion,
  createMemoryStore,
  extractSeed,
  extractSeedWithCompanion,
  renderDiscoveryRecord,
  type Seed,
} from '@loomworks/core';
import { lintPlainTerms } from '@loomworks/prompts';
import { describe, expect, it } from 'vitest';
import { ASK_TO_CLOSE, OPENING, QUESTIONS, REVIEW_OR_BEGIN, closingText, confirmText, missingText, reviewText } from './companion-copy';
import { createFakeAnthropicFetch } from './create-fake-anthropic-fetch';
import { defaultReply } from './default-responder';
import { createTestWireCompanion } from './test-wire-companion';
import type { MessagesRequest } from './wire-types';

const operator = { id: 'op-1' };
const marketing = readFileSync(new URL('../../../../examples/marketing/content.md', import.meta.url), 'utf8');
const recordFields = { name: 'record_fields', input_schema: { type: 'object' } };

/** A Companion turn in the adapter's layout, from the history's tool calls and (optionally) a state block. */
function turnRequest(options: {
  history?: { companion: string; values: Record<string, unknown>; asking: string | null; operator: string }[];
  message?: string;
  state?: Record<string, unknown>;
  forceTool?: boolean;
}): MessagesRequest {
  const messages: MessagesRequest['messages'] = [];
  let user: MessagesRequest['messages'][number] = { role: 'user', content: [{ type: 'text', text: '(The conversation starts.)' }] };
  (options.history ?? []).forEach((turn, index) => {
    messages.push(user, {
      role: 'assistant',
      content: [
        { type: 'text', text: turn.companion },
        { type: 'tool_use', id: `toolu_${index}`, name: 'record_fields', input: { values: turn.values, asking: turn.asking } },
      ],
    });
    user = { role: 'user', content: [{ type: 'tool_result', tool_use_id: `toolu_${index}`, content: 'Recorded.' }, { type: 'text', text: turn.operator }] };
  });
  if (options.message !== undefined) (user.content as { type: string; text?: string }[]).push({ type: 'text', text: options.message });
  if (options.state) (user.content as { type: string; text?: string }[]).push({ type: 'text', text: `<turn_notes>\n${JSON.stringify(options.state)}\n</turn_notes>` });
  messages.push(user);
  return {
    model: 'claude-sonnet-5-5',
    max_tokens: 1000,
    tools: [recordFields],
    ...(options.forceTool ? { tool_choice: { type: 'tool', name: 'record_fields' } } : {}),
    messages,
  };
}

describe('the default responder on Companion turns', () => {
  it('opens by asking what we are making, and records that it asked', async () => {
    const reply = await defaultReply(turnRequest({ state: { template: 'create_engagement_entry', lastAsking: null } }));
    expect(reply).toEqual({ text: OPENING, toolUse: { name: 'record_fields', input: { values: {}, asking: 'purpose' } } });
  });

  it("records the answer to what it asked, read with the guided Companion's rules, then asks the next part", async () => {
    const reply = await defaultReply(
      turnRequest({
        history: [
          { companion: OPENING, values: {}, asking: 'purpose', operator: 'A monthly newsletter for the bakery.' },
          { companion: QUESTIONS.name, values: { purpose: 'A monthly newsletter for the bakery.' }, asking: 'name', operator: 'Call it "Crumb Notes".' },
          { companion: QUESTIONS.audience, values: { name: 'Crumb Notes' }, asking: 'audience', operator: 'Our regulars.' },
          { companion: QUESTIONS.voice, values: { audience: 'Our regulars.' }, asking: 'voice', operator: 'Warm.' },
        ],
        message: undefined,
      }),
    );
    // No state block: the draft and the last question come from the history's record_fields calls.
    expect(reply.toolUse?.input).toEqual({ values: { voice: 'Warm.' }, asking: 'constraints' });
    expect(reply.text).toContain('“Warm.”');
    expect(reply.text).toMatch(/What rules should it always follow\?$/);
  });

  it('splits a list answer into items and handles "skip" and questions like the guided Companion', async () => {
    const history = [{ companion: QUESTIONS.constraints, values: {}, asking: 'constraints', operator: '- Never mention prices\n- Always British spelling' }];
    const listed = await defaultReply(turnRequest({ history, state: { lastAsking: 'constraints', draft: { purpose: 'p', name: 'n', audience: 'a', voice: 'v' }, skipped: [] } }));
    expect(listed.toolUse?.input).toEqual({ values: { constraints: ['Never mention prices', 'Always British spelling'] }, asking: 'success' });

    const skipHistory = [{ companion: QUESTIONS.audience, values: {}, asking: 'audience', operator: 'skip' }];
    const skipped = await defaultReply(turnRequest({ history: skipHistory, state: { lastAsking: 'audience', draft: { purpose: 'p', name: 'n' }, skipped: [] } }));
    expect(skipped.toolUse?.input).toEqual({ values: {}, asking: 'voice', skipped: ['audience'] });

    const questionHistory = [{ companion: QUESTIONS.voice, values: {}, asking: 'voice', operator: 'What do you mean?' }];
    const question = await defaultReply(turnRequest({ history: questionHistory, state: { lastAsking: 'voice', draft: { purpose: 'p', name: 'n', audience: 'a' } } }));
    expect(question.toolUse?.input).toEqual({ values: {}, asking: 'voice' });
  });

  it('records without a word when the turn is record-only (a forced tool call)', async () => {
    const request = turnRequest({
      history: [{ companion: QUESTIONS.audience, values: {}, asking: 'audience', operator: 'Bakers. That’s everything.' }],
      state: { template: 'create_engagement_commit', step: null, recordOnly: true, lastAsking: 'audience', draft: { purpose: 'p', name: 'n' }, terminal: { phrase: "that's everything", content: 'Bakers.' } },
      forceTool: true,
    });
    const reply = await defaultReply(request);
    expect(reply.text).toBeUndefined();
    expect(reply.toolUse?.input).toEqual({ values: { audience: 'Bakers.' }, asking: 'voice' });
  });

  it('puts each commit step into words: missing, the recap with the review-or-begin question, the review, the closing', async () => {
    const draft = { purpose: 'A newsletter', name: 'Crumb Notes', audience: 'Regulars', voice: 'Warm', constraints: ['No prices'], success: ['More orders'], additionalAssertions: [] };
    const commit = (state: Record<string, unknown>) => defaultReply(turnRequest({ history: [{ companion: ASK_TO_CLOSE, values: {}, asking: 'close', operator: "That's everything." }], state: { template: 'create_engagement_commit', draft, ...state } }));

    const missing = await commit({ step: 'missing', missing: ['voice', 'success'] });
    expect(missing).toEqual({ text: missingText(['voice', 'success']), toolUse: { name: 'record_fields', input: { values: {}, asking: 'voice' } } });
    const confirm = await commit({ step: 'confirm' });
    expect(confirm.text).toBe(confirmText(draft));
    expect(confirm.text).toContain(REVIEW_OR_BEGIN);
    expect(confirm.toolUse?.input).toEqual({ values: {}, asking: 'confirm' });
    const review = await commit({ step: 'review' });
    expect(review.text).toBe(reviewText(draft));
    const creation = { name: 'Crumb Notes', status: 'active', inductionStatus: 'induction-pass-clean', notes: 0 };
    const closing = await commit({ step: 'closing', creation });
    // The closing asks nothing, so it calls no tool and the turn ends.
    expect(closing).toEqual({ text: closingText(creation as never) });
  });

  it('says everything in plain terms', () => {
    const draft = { purpose: 'p', name: 'n', audience: 'a', voice: 'v', constraints: ['c'], success: ['s'], additionalAssertions: [{ key: 'k', value: 'v' }] };
    const lines = [
      OPENING,
      ASK_TO_CLOSE,
      ...Object.values(QUESTIONS),
      missingText(['audience', 'voice']),
      confirmText(draft),
      reviewText(draft),
      closingText({ name: 'n', status: 'active', inductionStatus: 'induction-pass-with-notes', notes: 2 }),
      closingText({ name: 'n', status: 'candidate', inductionStatus: 'induction-fail', notes: 1 }),
    ];
    for (const line of lines) expect(lintPlainTerms(line), line).toEqual([]);
  });
});

describe('a scripted creation through the fake', () => {
  async function createBoth(content: string) {
    const guided = await createFromContent(content, { companion: createGuidedCompanion(), store: createMemoryStore(), operator });
    const fakeFetch = createFakeAnthropicFetch();
    const companion = createTestWireCompanion({ fetch: fakeFetch });
    const wire = await createFromContent(content, { companion, store: createMemoryStore(), operator });
    return { guided, wire, fakeFetch, companion };
  }

  it('ends with the same Seed as the guided Companion, caching from the second turn', async () => {
    const { guided, wire, fakeFetch, companion } = await createBoth(marketing);
    expect(wire.seed).toEqual(guided.seed);
    expect(wire.engagement).toMatchObject({ name: guided.engagement.name, status: 'active' });
    expect(wire.induction.status).toBe(guided.induction.status);
    // Every request was valid for the API, and the system prompt was cached from the second turn on.
    expect(fakeFetch.requests.every((request) => request.status === 200)).toBe(true);
    expect(companion.usages[0]?.cacheReadTokens).toBe(0);
    expect(companion.usages.slice(1).every((usage) => usage.cacheReadTokens > 3000)).toBe(true);
  });

  it('ends the same way when the content lacks parts: skipped, then created anyway as a failing candidate', async () => {
    const partial = "# Half a plan\n\n## What we're making\nA zine about birds.\n\n## Who it's for\nBirdwatchers.\n";
    const { guided, wire } = await createBoth(partial);
    expect(wire.seed).toEqual(guided.seed);
    expect(wire.engagement.status).toBe('candidate');
  });

  it('gives the same Seed for content with corrections-looking text, lists and entries', async () => {
    const seed: Seed = {
      name: 'Harbour Street “bakes”',
      purpose: 'Actually, a weekly email.\nWith two paragraphs.',
      audience: 'People who pop in before work; and their friends',
      voice: 'Warm — like a chat over the counter 🥐',
      constraints: ['Never mention prices', 'Always British spelling', 'one more rule: keep it short'],
      success: ['People mention it at the till'],
      additionalAssertions: [
        { key: 'Launch date', value: '1 March' },
        { key: 'Owner', value: 'Sam: Harbour Street' },
      ],
    };
    const { guided, wire } = await createBoth(renderDiscoveryRecord(seed));
    expect(wire.seed).toEqual(guided.seed);
  });

  it('bills a whole creation with caching at most 0.35× of the same conversation uncached (SPEC §13)', async () => {
    const cost = async (cache: boolean) => {
      const fakeFetch = createFakeAnthropicFetch({ cache });
      const companion = createTestWireCompanion({ fetch: fakeFetch, cache });
      await createFromContent(marketing, { companion, store: createMemoryStore(), operator });
      return { turns: companion.usages.length, cost: companion.usages.reduce((sum, usage) => sum + usage.inputTokens + 0.1 * usage.cacheReadTokens + 1.25 * usage.cacheWriteTokens, 0) };
    };
    const cached = await cost(true);
    const baseline = await cost(false);
    expect(cached.turns).toBeGreaterThanOrEqual(10);
    expect(cached.turns).toBe(baseline.turns);
    expect(cached.cost / baseline.cost).toBeLessThanOrEqual(0.35);
  });
});

describe('the default responder on one-shot tasks', () => {
  const companion = () => createTestWireCompanion({ fetch: createFakeAnthropicFetch() });

  it('answers the extraction prompt with the Seed that extractSeed reads from the document', async () => {
    const result = await extractSeedWithCompanion(marketing, { companion: companion() });
    const expected = extractSeed(marketing);
    expect(expected.ok).toBe(true);
    expect(result).toMatchObject({ ok: true, attempts: 1, seed: expected.ok ? expected.seed : null });
  });

  it('leaves parts empty rather than inventing them when the document has no structure', async () => {
    const result = await extractSeedWithCompanion('Just some musings about bread, nothing more.', { companion: companion(), repairBudget: 0 });
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.attempt).toMatchObject({ purpose: '', audience: '', constraints: [], additionalAssertions: [] });
  });

  it("classifies a message with classifyIntent's rules", async () => {
    const general = await classifyIntent('Can you recommend a good accountant?', { companion: companion() });
    expect(general).toMatchObject({ intent: 'general_conversation', source: 'companion' });
    const done = await classifyIntent("That's everything, create it", { companion: companion() });
    expect(done).toMatchObject({ intent: 'create_engagement_entry', source: 'companion' });
  });
});
