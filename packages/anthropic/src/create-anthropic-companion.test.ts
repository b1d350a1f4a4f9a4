// The adapter through the real SDK client over small hand-written fetch stubs: what it sends, how the
// streamed reply becomes Companion events, and what it does when Claude's tool call is incomplete or wrong.
import { LoomworksError, type CompanionEvent, type CompanionRequest } from '@loomworks/core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildMessagesRequest } from './build-messages-request';
import type { AnthropicCompanionWarning } from './cacheable-prefix';
import { createAnthropicCompanion, type AnthropicCompanionOptions } from './create-anthropic-companion';
import { MARKETING, scriptedRequests } from './guided-requests';
import { jsonResponse, replyEvents, sseResponse, stubFetch, type StubReply } from './stub-fetch';

let requests: CompanionRequest[];
beforeAll(async () => {
  requests = await scriptedRequests(MARKETING);
});

/** The request answering "what should we call it?" (the Companion asked for the name). */
function nameTurn(): CompanionRequest {
  return requests.find((request) => request.state.lastAsking === 'name')!;
}

async function collect(events: AsyncIterable<CompanionEvent>): Promise<CompanionEvent[]> {
  const collected: CompanionEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}

function companionFor(replies: StubReply[], options: AnthropicCompanionOptions = {}) {
  const warnings: AnthropicCompanionWarning[] = [];
  const fetch = stubFetch((call, index) => {
    if (call.url.endsWith('/count_tokens')) return jsonResponse(200, { input_tokens: 4500 });
    return sseResponse(replyEvents(replies[Math.min(index, replies.length) - 1] ?? replies[0]!));
  });
  const companion = createAnthropicCompanion({ apiKey: 'sk-test', fetch, onWarning: (warning) => warnings.push(warning), cacheCheck: false, ...options });
  return { companion, fetch, warnings };
}

describe('createAnthropicCompanion', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('sends the assembled request and turns the stream into text deltas, one validated draft update, usage and finish', async () => {
    const { companion, fetch } = companionFor([
      {
        text: ['“Loomworks launch ', 'marketing” it is. ', 'Who is it for?'],
        toolJson: ['{"values":{"name":"  Loomworks launch', ' marketing "},', '"asking":"audience"}'],
        usage: { input_tokens: 310, output_tokens: 42, cache_creation_input_tokens: 120, cache_read_input_tokens: 4400 },
      },
    ]);
    expect(companion.id).toBe('anthropic:claude-sonnet-5-5');
    const events = await collect(companion.respond(nameTurn()));
    expect(events).toEqual([
      { type: 'text-delta', text: '“Loomworks launch ' },
      { type: 'text-delta', text: 'marketing” it is. ' },
      { type: 'text-delta', text: 'Who is it for?' },
      // Values come out normalised by core's schema (trimmed).
      { type: 'draft-update', values: { name: 'Loomworks launch marketing' }, asking: 'audience' },
      { type: 'usage', usage: { inputTokens: 310, outputTokens: 42, cacheWriteTokens: 120, cacheReadTokens: 4400 } },
      { type: 'finish', reason: 'tool' },
    ]);
    const [call] = fetch.calls;
    expect(call!.url).toMatch(/\/v1\/messages$/);
    expect(call!.body).toEqual(JSON.parse(JSON.stringify(buildMessagesRequest(nameTurn()))));
    expect(call!.headers.authorization).toBe('Bearer sk-test');
  });

  it('passes values that fail their schema on for the engine to reject (and trace), and warns about them', async () => {
    const { companion, warnings } = companionFor([
      { text: ['Noted.'], toolJson: [JSON.stringify({ values: { name: 'Two\nlines', audience: 'Bakers' }, asking: 'voice' })] },
    ]);
    const events = await collect(companion.respond(nameTurn()));
    expect(events.find((event) => event.type === 'draft-update')).toEqual({ type: 'draft-update', values: { name: 'Two\nlines', audience: 'Bakers' }, asking: 'voice' });
    expect(warnings).toMatchObject([{ code: 'invalid-tool-values', details: { invalid: [{ part: 'name' }] } }]);
  });

  it('keeps the open question open when Claude answers without the tool', async () => {
    const { companion, warnings } = companionFor([{ text: ['Could you say that again?'] }]);
    const events = await collect(companion.respond(nameTurn()));
    expect(events.filter((event) => event.type !== 'text-delta')).toEqual([
      { type: 'draft-update', values: {}, asking: 'name' },
      { type: 'usage', usage: { inputTokens: 20, outputTokens: 1, cacheWriteTokens: 0, cacheReadTokens: 0 } },
      { type: 'finish', reason: 'end' },
    ]);
    expect(warnings.map((warning) => warning.code)).toEqual(['no-tool-call']);
  });

  it('fails the turn with E_COMPANION_OUTPUT, keeping the cause, when the tool input is not JSON', async () => {
    const { companion } = companionFor([{ text: ['Got it.'], toolJson: ['{"values":{"name":"Loom'], stopReason: 'max_tokens' }]);
    const error = await collect(companion.respond(nameTurn())).catch((caught: unknown) => caught);
    expect(LoomworksError.is(error, 'E_COMPANION_OUTPUT')).toBe(true);
    expect((error as LoomworksError).cause).toBeInstanceOf(SyntaxError);
    expect((error as LoomworksError).details).toMatchObject({ stopReason: 'max_tokens' });
  });

  it('refuses to start without an API key, with a hint, and reads ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL', async () => {
    vi.stubEnv('ANTHROPIC_API_KEY', '');
    expect(() => createAnthropicCompanion()).toThrow(expect.objectContaining({ code: 'E_COMPANION_AUTH', hint: expect.stringContaining('ANTHROPIC_API_KEY') }));
    vi.stubEnv('ANTHROPIC_API_KEY', 'sk-from-env');
    vi.stubEnv('ANTHROPIC_BASE_URL', 'http://anthropic.invalid:9');
    const fetch = stubFetch(() => sseResponse(replyEvents({ text: ['Hi.'] })));
    await collect(createAnthropicCompanion({ fetch, cacheCheck: false, onWarning: () => {} }).respond(nameTurn()));
    expect(fetch.calls[0]).toMatchObject({ url: 'http://anthropic.invalid:9/v1/messages', headers: { authorization: 'Bearer sk-from-env' } });
  });

  it('rejects options it cannot honour with E_USAGE, naming each problem', () => {
    expect(() => createAnthropicCompanion({ apiKey: 'sk-test', maxRetries: -1, timeoutMs: 0 })).toThrow(
      expect.objectContaining({ code: 'E_USAGE', details: { problems: ['maxRetries must be a whole number ≥ 0', 'timeoutMs must be a positive number'] } }),
    );
  });

  it('answers one-shot tasks with a plain (non-streaming) call: the prompt, then the earlier exchanges', async () => {
    const fetch = stubFetch(() =>
      jsonResponse(200, {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-5-5',
        content: [{ type: 'text', text: '{"intent":"create_engagement_entry"}' }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 50, output_tokens: 9, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      }),
    );
    const companion = createAnthropicCompanion({ apiKey: 'sk-test', fetch, cacheCheck: false });
    const result = await companion.complete({
      task: 'extraction',
      prompt: 'Read this.',
      history: [
        { role: 'assistant', text: '{}' },
        { role: 'user', text: 'That answer did not validate.' },
      ],
      maxTokens: 300,
    });
    expect(result).toEqual({ text: '{"intent":"create_engagement_entry"}', usage: { inputTokens: 50, outputTokens: 9, cacheWriteTokens: 0, cacheReadTokens: 0 } });
    expect(fetch.calls[0]!.body).toEqual({
      model: 'claude-sonnet-5-5',
      max_tokens: 300,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Read this.', cache_control: { type: 'ephemeral' } }] },
        { role: 'assistant', content: [{ type: 'text', text: '{}' }] },
        { role: 'user', content: [{ type: 'text', text: 'That answer did not validate.' }] },
      ],
    });
  });
});

describe('the cache-minimum check', () => {
  it('counts the prefix once with count_tokens and warns once when it is too short to cache', async () => {
    const warnings: AnthropicCompanionWarning[] = [];
    const fetch = stubFetch((call) => (call.url.endsWith('/count_tokens') ? jsonResponse(200, { input_tokens: 700 }) : sseResponse(replyEvents({ text: ['Hi.'] }))));
    const companion = createAnthropicCompanion({ apiKey: 'sk-test', fetch, model: 'claude-haiku-5-5', onWarning: (warning) => warnings.push(warning) });
    await collect(companion.respond(nameTurn()));
    await collect(companion.respond(nameTurn()));
    expect(fetch.calls.map((call) => new URL(call.url).pathname)).toEqual(['/v1/messages/count_tokens', '/v1/messages', '/v1/messages']);
    expect(fetch.calls[0]!.body).toMatchObject({ model: 'claude-haiku-5-5', system: buildMessagesRequest(nameTurn()).system });
    expect(warnings.filter((warning) => warning.code === 'prefix-below-cache-minimum')).toEqual([
      expect.objectContaining({ code: 'prefix-below-cache-minimum', details: { model: 'claude-haiku-5-5', prefixTokens: 700, minimumTokens: 2048, counted: 'count-tokens' } }),
    ]);
  });

  it('falls back to a local estimate when count_tokens fails, and never fails the turn for it', async () => {
    const warnings: AnthropicCompanionWarning[] = [];
    const fetch = stubFetch((call) =>
      call.url.endsWith('/count_tokens') ? jsonResponse(500, { type: 'error', error: { type: 'api_error', message: 'boom' } }) : sseResponse(replyEvents({ text: ['Hi.'] })),
    );
    const companion = createAnthropicCompanion({ apiKey: 'sk-test', fetch, model: 'claude-sonnet-4-6', onWarning: (warning) => warnings.push(warning) });
    const events = await collect(companion.respond(nameTurn()));
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'end' });
    // One count attempt (no retries for advice), then the turn itself.
    expect(fetch.calls.map((call) => new URL(call.url).pathname)).toEqual(['/v1/messages/count_tokens', '/v1/messages']);
    // The real prefix (~4k tokens by estimate) is above Sonnet's 1024 minimum: no warning.
    expect(warnings.filter((warning) => warning.code === 'prefix-below-cache-minimum')).toEqual([]);
  });
});
