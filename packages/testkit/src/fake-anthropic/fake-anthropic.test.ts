// The fake speaks the Messages API well enough for the real SDK client, unmodified, over HTTP and in-process:
// replies, streams, tool input deltas, count_tokens, error bodies, retries, mid-stream errors, latency.
import Anthropic, { APIError } from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeAnthropicFetch } from './create-fake-anthropic-fetch';
import { startFakeAnthropic } from './start-fake-anthropic';
import { countRequestTokens } from './tokens';
import type { FakeAnthropicControls, FakeAnthropicOptions } from './types';

const MODEL = 'claude-sonnet-5-5';
const API_KEY = 'sk-ant-test-0123456789abcdef';
const hello = { model: MODEL, max_tokens: 200, messages: [{ role: 'user' as const, content: 'Hello' }] };
const tool: Anthropic.Tool = {
  name: 'record_note',
  description: 'Records a note.',
  input_schema: { type: 'object', properties: { note: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } }, required: ['note', 'tags'], additionalProperties: false },
  strict: true,
};

type Fake = { client(options?: { maxRetries?: number; timeout?: number }): Anthropic; fake: FakeAnthropicControls; fetchRaw(path: string, body: unknown): Promise<Response> };

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const transports: { name: string; start(options?: FakeAnthropicOptions): Promise<Fake> }[] = [
  {
    name: 'over HTTP (startFakeAnthropic)',
    async start(options) {
      const server = await startFakeAnthropic(options);
      closers.push(() => server.close());
      return {
        fake: server,
        client: (clientOptions = {}) => new Anthropic({ apiKey: API_KEY, baseURL: server.url, maxRetries: 0, ...clientOptions }),
        fetchRaw: (path, body) =>
          fetch(`${server.url}${path}`, { method: 'POST', headers: { 'x-api-key': API_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      };
    },
  },
  {
    name: 'in-process (createFakeAnthropicFetch)',
    async start(options) {
      const fakeFetch = createFakeAnthropicFetch(options);
      return {
        fake: fakeFetch,
        client: (clientOptions = {}) => new Anthropic({ apiKey: API_KEY, fetch: fakeFetch, maxRetries: 0, ...clientOptions }),
        fetchRaw: (path, body) =>
          fakeFetch(`https://api.example${path}`, { method: 'POST', headers: { 'x-api-key': API_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      };
    },
  },
];

/** The SSE event names of a raw streamed response, in order. */
async function eventNames(response: Response): Promise<{ names: string[]; data: unknown[] }> {
  const text = await response.text();
  const frames = text.split('\n\n').filter((frame) => frame.trim() !== '');
  return {
    names: frames.map((frame) => /^event: (.+)$/m.exec(frame)?.[1] ?? ''),
    data: frames.map((frame) => JSON.parse(/^data: (.+)$/m.exec(frame)?.[1] ?? 'null') as unknown),
  };
}

describe.each(transports)('the fake Anthropic API $name', ({ start }) => {
  it('answers a plain request with a Message whose usage matches count_tokens', async () => {
    const { client } = await start({ responder: [{ text: 'Hello there.' }] });
    const message = await client().messages.create(hello);
    expect(message.content).toEqual([{ type: 'text', text: 'Hello there.', citations: null }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.model).toBe(MODEL);
    const counted = await client().messages.countTokens({ model: MODEL, messages: hello.messages });
    expect(counted.input_tokens).toBe(countRequestTokens(hello));
    expect(message.usage.input_tokens).toBe(counted.input_tokens);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it('streams text as text deltas in the API event order, with a ping', async () => {
    const { client, fetchRaw } = await start({ responder: [{ text: ['Hello ', 'there', '.'] }, { text: 'Hi again.' }] });
    const deltas: string[] = [];
    const types: string[] = [];
    for await (const event of await client().messages.create({ ...hello, stream: true })) {
      types.push(event.type);
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') deltas.push(event.delta.text);
    }
    expect(deltas).toEqual(['Hello ', 'there', '.']);
    expect(types).toEqual(['message_start', 'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);

    const raw = await eventNames(await fetchRaw('/v1/messages', { ...hello, stream: true }));
    expect(raw.names).toEqual(['message_start', 'content_block_start', 'ping', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
  });

  it('streams tool input as input_json_delta pieces that the SDK reassembles', async () => {
    const input = { note: 'Remember the “milk” — two pints 🥛', tags: ['shopping', 'today'] };
    const { client, fetchRaw } = await start({ responder: [{ text: 'Noting it.', toolUse: { name: 'record_note', input } }, { toolUse: { name: 'record_note', input } }] });
    const message = await client().messages.stream({ ...hello, tools: [tool] }).finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Noting it.' });
    expect(message.content[1]).toMatchObject({ type: 'tool_use', name: 'record_note', input });

    const raw = await eventNames(await fetchRaw('/v1/messages', { ...hello, tools: [tool], stream: true }));
    const pieces = raw.data.flatMap((data) => {
      const delta = (data as { delta?: { type?: string; partial_json?: string } }).delta;
      return delta?.type === 'input_json_delta' ? [delta.partial_json as string] : [];
    });
    expect(pieces.filter((piece) => piece !== '').length).toBeGreaterThan(1);
    expect(JSON.parse(pieces.join(''))).toEqual(input);
  });

  it('cuts a reply at max_tokens and says so', async () => {
    const { client } = await start({ responder: [{ text: 'word '.repeat(200) }] });
    const message = await client().messages.create({ ...hello, max_tokens: 10 });
    expect(message.stop_reason).toBe('max_tokens');
    expect(message.usage.output_tokens).toBeLessThanOrEqual(10);
  });

  it.each([
    { status: 400, errorClass: Anthropic.BadRequestError, type: 'invalid_request_error' },
    { status: 401, errorClass: Anthropic.AuthenticationError, type: 'authentication_error' },
    { status: 429, errorClass: Anthropic.RateLimitError, type: 'rate_limit_error' },
    { status: 500, errorClass: Anthropic.InternalServerError, type: 'api_error' },
    { status: 529, errorClass: Anthropic.InternalServerError, type: 'overloaded_error' },
  ])('answers an injected $status with the API error body, surfacing as the SDK typed error', async ({ status, errorClass, type }) => {
    const { client, fake } = await start({ faults: [{ kind: 'http', status }] });
    const error = await client().messages.create(hello).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toMatchObject({ status, type, error: { type: 'error', error: { type } } });
    expect(fake.requests.map((request) => request.status)).toEqual([status]);
  });

  it('lets the SDK retry a 529 itself: one call succeeds, two requests recorded', async () => {
    const { client, fake } = await start({ faults: [{ kind: 'http', status: 529, retryAfterMs: 1 }], responder: [{ text: 'Made it.' }] });
    const message = await client({ maxRetries: 2 }).messages.create(hello);
    expect(message.content[0]).toMatchObject({ text: 'Made it.' });
    expect(fake.requests.map((request) => request.status)).toEqual([529, 200]);
    expect(fake.requests[1]?.headers['x-stainless-retry-count']).toBe('1');
  });

  it('sends retry-after with a 429, which the SDK honours before succeeding', async () => {
    const { client, fake } = await start({ faults: [{ kind: 'http', status: 429, retryAfterSeconds: 0.01 }] });
    await client({ maxRetries: 1 }).messages.create(hello);
    expect(fake.requests.map((request) => request.status)).toEqual([429, 200]);
  });

  it('hits the scheduled call and leaves the others alone', async () => {
    const { client, fake } = await start({ faults: [{ kind: 'http', status: 500, call: 2 }] });
    await client().messages.create(hello);
    await expect(client().messages.create(hello)).rejects.toBeInstanceOf(Anthropic.InternalServerError);
    await client().messages.create(hello);
    fake.inject({ kind: 'http', status: 401 });
    await expect(client().messages.create(hello)).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
    expect(fake.requests.map((request) => [request.call, request.status])).toEqual([
      [1, 200],
      [2, 500],
      [3, 200],
      [4, 401],
    ]);
  });

  it('raises a mid-stream overloaded error from the iterator before any text', async () => {
    const { client } = await start({ faults: [{ kind: 'stream-error' }], responder: [{ text: 'Never seen.' }] });
    const text: string[] = [];
    const failure = await (async () => {
      for await (const event of await client().messages.create({ ...hello, stream: true })) {
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text.push(event.delta.text);
      }
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Anthropic.APIError);
    expect(failure).toMatchObject({ type: 'overloaded_error' });
    expect(text).toEqual([]);
  });

  it('raises a mid-stream overloaded error after the first text delta', async () => {
    const { client } = await start({ faults: [{ kind: 'stream-error', afterTextDeltas: 1 }], responder: [{ text: ['First ', 'second.'] }] });
    const text: string[] = [];
    const failure = await (async () => {
      for await (const event of await client().messages.create({ ...hello, stream: true })) {
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text.push(event.delta.text);
      }
    })().catch((error: unknown) => error);
    expect(failure).toMatchObject({ type: 'overloaded_error' });
    expect(text).toEqual(['First ']);
  });

  it('sends unusable tool input when asked: JSON that does not parse, or JSON that fails the schema', async () => {
    const input = { note: 'n', tags: [] };
    const { fetchRaw } = await start({
      responder: [{ toolUse: { name: 'record_note', input } }, { toolUse: { name: 'record_note', input } }],
      faults: [
        { kind: 'malformed-tool-input', form: 'invalid-json' },
        { kind: 'malformed-tool-input', form: 'schema', input: { note: 7 } },
      ],
    });
    const joined = async () => {
      const raw = await eventNames(await fetchRaw('/v1/messages', { ...hello, tools: [tool], stream: true }));
      return raw.data.map((data) => (data as { delta?: { partial_json?: string } }).delta?.partial_json ?? '').join('');
    };
    const broken = await joined();
    expect(() => JSON.parse(broken)).toThrow(SyntaxError);
    expect(JSON.parse(await joined())).toEqual({ note: 7 });
  });

  it('holds the response while latency is injected, and times out a hanging request', async () => {
    const { client, fake } = await start({ faults: [{ kind: 'latency', beforeHeadersMs: 20, betweenEventsMs: 5 }, { kind: 'hang' }], responder: [{ text: 'Slow but sure.' }] });
    let text = '';
    for await (const event of await client().messages.create({ ...hello, stream: true })) {
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
    }
    expect(text).toBe('Slow but sure.');
    await expect(client({ timeout: 100 }).messages.create(hello)).rejects.toBeInstanceOf(Anthropic.APIConnectionTimeoutError);
    expect(fake.requests[1]?.fault).toEqual({ kind: 'hang' });
  });

  it('records every request with credentials redacted, its body, time and billed usage', async () => {
    const { client, fake } = await start({ responder: [{ text: 'Noted.' }], clock: { now: () => Date.UTC(2026, 10, 26, 10) } });
    await client().messages.create({ ...hello, metadata: { user_id: 'u-1' } });
    const [recorded] = fake.requests;
    expect(recorded).toMatchObject({ method: 'POST', path: '/v1/messages', status: 200, stream: false, body: { ...hello, metadata: { user_id: 'u-1' } } });
    expect(recorded?.at).toBe(Date.UTC(2026, 10, 26, 10));
    expect(recorded?.usage).toMatchObject({ input_tokens: countRequestTokens(hello), cache_read_input_tokens: 0 });
    expect(JSON.stringify(fake.requests)).not.toContain(API_KEY);
    const credentials = Object.entries(recorded?.headers ?? {}).filter(([name]) => name === 'x-api-key' || name === 'authorization');
    expect(credentials.length).toBeGreaterThan(0);
    for (const [, value] of credentials) expect(value).toBe('[redacted]');
  });

  it('rejects a request without the expected key as the API does', async () => {
    const { client } = await start({ apiKey: 'sk-ant-the-right-one' });
    await expect(client().messages.create(hello)).rejects.toMatchObject({ status: 401, type: 'authentication_error' });
  });
});

describe('request validation (400 invalid_request_error naming the problem)', () => {
  const start = () => {
    const fakeFetch = createFakeAnthropicFetch();
    return new Anthropic({ apiKey: API_KEY, fetch: fakeFetch, maxRetries: 0 });
  };
  const use = (id: string): Anthropic.MessageParam => ({ role: 'assistant', content: [{ type: 'tool_use', id, name: 'record_note', input: { note: 'a', tags: [] } }] });
  const result = (id: string, text = 'More.'): Anthropic.MessageParam => ({ role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: 'ok' }, { type: 'text', text }] });
  const cached = (text: string, ttl?: '5m' | '1h'): Anthropic.TextBlockParam => ({ type: 'text', text, cache_control: { type: 'ephemeral', ...(ttl ? { ttl } : {}) } });

  it.each([
    { case: 'an unknown model', body: { ...hello, model: 'claude-nonesuch-9' }, status: 404, message: /model: claude-nonesuch-9/ },
    { case: 'a missing max_tokens', body: { model: MODEL, messages: hello.messages }, status: 400, message: /max_tokens: Field required/ },
    { case: 'no messages', body: { ...hello, messages: [] }, status: 400, message: /at least one message/ },
    {
      case: 'two user messages in a row',
      body: { ...hello, messages: [...hello.messages, { role: 'user', content: 'Again' }] },
      status: 400,
      message: /roles must alternate/,
    },
    { case: 'an empty text block', body: { ...hello, messages: [{ role: 'user', content: [{ type: 'text', text: '' }] }] }, status: 400, message: /messages\.0\.content\.0\.text: text content blocks must be non-empty/ },
    {
      case: 'a tool_use without its tool_result',
      body: { ...hello, tools: [tool], messages: [...hello.messages, use('toolu_1'), { role: 'user', content: 'Next' }] },
      status: 400,
      message: /tool_use` ids were found without `tool_result` blocks immediately after: toolu_1/,
    },
    {
      case: 'a tool_result for an unknown tool_use',
      body: {
        ...hello,
        tools: [tool],
        messages: [
          ...hello.messages,
          use('toolu_1'),
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1' }, { type: 'tool_result', tool_use_id: 'toolu_2' }] },
        ],
      },
      status: 400,
      message: /unexpected `tool_use_id` found in `tool_result` blocks: toolu_2/,
    },
    {
      case: 'a strict tool call whose input fails the schema',
      body: { ...hello, tools: [tool], messages: [...hello.messages, { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'record_note', input: { note: 1 } }] }, result('t1')] },
      status: 400,
      message: /does not match the input_schema of strict tool record_note/,
    },
    {
      case: 'a strict tool with an open object',
      body: { ...hello, tools: [{ ...tool, input_schema: { type: 'object', properties: { note: { type: 'string' } } } }] },
      status: 400,
      message: /additionalProperties/,
    },
    {
      case: 'five cache breakpoints',
      body: { ...hello, system: [cached('a'), cached('b'), cached('c'), cached('d'), cached('e')] },
      status: 400,
      message: /A maximum of 4 blocks with cache_control may be provided. Found 5/,
    },
    {
      case: 'a 1h breakpoint after a 5m one',
      body: { ...hello, system: [cached('a', '5m'), cached('b', '1h')] },
      status: 400,
      message: /ttl='1h'.*must not come after.*ttl='5m'/,
    },
  ])('rejects $case', async ({ body, status, message }) => {
    const error = await start()
      .messages.create(body as Anthropic.MessageCreateParamsNonStreaming)
      .catch((caught: unknown) => caught as APIError);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as APIError).status).toBe(status);
    expect((error as APIError).apiMessage).toMatch(message);
  });

  it('accepts a well-formed tool conversation with four breakpoints', async () => {
    const body = {
      ...hello,
      system: [cached('a'), cached('b')],
      tools: [tool],
      messages: [...hello.messages, use('toolu_1'), { role: 'user' as const, content: [{ type: 'tool_result' as const, tool_use_id: 'toolu_1', content: 'ok' }, cached('More.')] }],
      cache_control: { type: 'ephemeral' as const },
    };
    await expect(start().messages.create(body)).resolves.toMatchObject({ type: 'message' });
  });
});
