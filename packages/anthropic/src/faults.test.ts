// Companion faults of SPEC §13 through the real SDK client against the fake Anthropic API, inside real
// sessions: bounded retries, typed errors that keep the SDK error as cause, and never a lost or doubled turn.
import { APIConnectionTimeoutError, OverloadedError, RateLimitError } from '@anthropic-ai/sdk';
import { LoomworksError, createCreationSession, createMemoryStore, type CreationSession, type LoomworksStore } from '@loomworks/core';
import { createFakeAnthropicFetch, type FakeAnthropicFault, type FakeAnthropicFetch, type FakeAnthropicOptions } from '@loomworks/testkit';
import { describe, expect, it } from 'vitest';
import type { AnthropicCompanionWarning } from './cacheable-prefix';
import { createAnthropicCompanion, type AnthropicCompanionOptions } from './create-anthropic-companion';

const operator = { id: 'op-1' };
const ANSWER = 'A weekly email newsletter for the bakery.';

type Setup = { fetch: FakeAnthropicFetch; session: CreationSession; store: LoomworksStore; warnings: AnthropicCompanionWarning[] };

async function openSession(options: Partial<AnthropicCompanionOptions> = {}, fake: FakeAnthropicOptions = {}): Promise<Setup> {
  const fetch = createFakeAnthropicFetch(fake);
  const warnings: AnthropicCompanionWarning[] = [];
  const companion = createAnthropicCompanion({ apiKey: 'sk-test', fetch, retryDelayMs: 1, cacheCheck: false, onWarning: (warning) => warnings.push(warning), ...options });
  const store = createMemoryStore();
  const session = await createCreationSession({ companion, store, operator });
  await session.start();
  return { fetch, session, store, warnings };
}

/** The Messages API calls made since the opening turn. */
function turnCalls(fetch: FakeAnthropicFetch): number {
  return fetch.requests.filter((request) => request.path === '/v1/messages').length - 1;
}

async function rejection(promise: Promise<unknown>): Promise<LoomworksError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!LoomworksError.is(error)) throw new Error(`expected a LoomworksError, got ${String(error)}`);
  return error;
}

/** The stored conversation: each Operator message once, each answered once. */
async function storedTurns(store: LoomworksStore, session: CreationSession): Promise<string[]> {
  return (await store.listTurns(session.id)).map((turn) => `${turn.role}: ${turn.role === 'operator' ? turn.text : '…'}`);
}

async function expectAnsweredOnce(setup: Setup): Promise<void> {
  expect(setup.session.state().pending).toBeNull();
  expect(setup.session.state().draft.purpose).toBe(ANSWER);
  expect(await storedTurns(setup.store, setup.session)).toEqual(['companion: …', `operator: ${ANSWER}`, 'companion: …']);
}

describe('HTTP errors', () => {
  it('says how long the API asked to wait on a final 429', async () => {
    const setup = await openSession({ maxRetries: 0 });
    setup.fetch.inject({ kind: 'http', status: 429, retryAfterSeconds: 30 });
    expect((await rejection(setup.session.send(ANSWER))).details).toMatchObject({ status: 429, type: 'rate_limit_error', retryAfter: '30' });
  });

  it('retries 429 and 529 in the SDK, within maxRetries, and the turn goes through', async () => {
    const setup = await openSession({ maxRetries: 2 });
    setup.fetch.inject({ kind: 'http', status: 429, retryAfterMs: 1 }, { kind: 'http', status: 529, retryAfterMs: 1 });
    const turn = await setup.session.send(ANSWER);
    expect(turn.reply).toMatch(/what should we call it\?/i);
    expect(turnCalls(setup.fetch)).toBe(3);
    await expectAnsweredOnce(setup);
  });

  it.each([
    [429, 'E_COMPANION_RATE_LIMITED', RateLimitError],
    [529, 'E_COMPANION_OVERLOADED', OverloadedError],
  ] as const)('stops after maxRetries on %i with %s; the message stays stored and retry() answers it', async (status, code, sdkError) => {
    const setup = await openSession({ maxRetries: 1 });
    const fault: FakeAnthropicFault = { kind: 'http', status, retryAfterMs: 1 };
    setup.fetch.inject(fault, fault);
    const error = await rejection(setup.session.send(ANSWER));
    expect(error.code).toBe(code);
    expect(error.cause).toBeInstanceOf(sdkError);
    expect(error.details).toMatchObject({ status, requestId: expect.stringMatching(/^req_/) });
    expect(turnCalls(setup.fetch)).toBe(2);
    expect(setup.session.state().pending).toEqual({ turn: 2, text: ANSWER });

    await setup.session.retry();
    await expectAnsweredOnce(setup);
  });

  it('reports a rejected key as E_COMPANION_AUTH with a hint, without retrying', async () => {
    const setup = await openSession({ apiKey: 'sk-right' }, { apiKey: 'sk-right' });
    const companion = createAnthropicCompanion({ apiKey: 'sk-wrong', fetch: setup.fetch, cacheCheck: false });
    const session = await createCreationSession({ companion, store: createMemoryStore(), operator });
    const error = await rejection(session.start());
    expect(error).toMatchObject({ code: 'E_COMPANION_AUTH', hint: expect.stringContaining('ANTHROPIC_API_KEY') });
    expect(setup.fetch.requests.filter((request) => request.status === 401)).toHaveLength(1);
  });
});

describe('an overloaded_error inside the stream', () => {
  it('before the first token: the adapter asks again and the reply arrives once', async () => {
    const setup = await openSession();
    setup.fetch.inject({ kind: 'stream-error', afterTextDeltas: 0, errorType: 'overloaded_error' });
    const deltas: string[] = [];
    let reply = '';
    for await (const event of setup.session.stream(ANSWER)) {
      if (event.type === 'text-delta') deltas.push(event.text);
      if (event.type === 'turn-end') reply = event.result.reply;
    }
    expect(turnCalls(setup.fetch)).toBe(2);
    expect(deltas.join('')).toBe(reply);
    expect(reply.match(/what should we call it\?/gi)).toHaveLength(1);
    await expectAnsweredOnce(setup);
  });

  it('after text was shown: E_COMPANION_OVERLOADED at once, the message kept, and retry() completes the turn', async () => {
    const setup = await openSession();
    setup.fetch.inject({ kind: 'stream-error', afterTextDeltas: 2, errorType: 'overloaded_error' });
    const shown: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const event of setup.session.stream(ANSWER)) if (event.type === 'text-delta') shown.push(event.text);
      })(),
    );
    expect(shown).toHaveLength(2);
    expect(error.code).toBe('E_COMPANION_OVERLOADED');
    expect(error.cause).toMatchObject({ type: 'overloaded_error' });
    expect(turnCalls(setup.fetch)).toBe(1);
    expect(setup.session.state().pending).toEqual({ turn: 2, text: ANSWER });

    const retried = await setup.session.retry();
    expect(retried.reply).toMatch(/what should we call it\?/i);
    await expectAnsweredOnce(setup);
  });

  it('gives up after maxRetries when every attempt is overloaded before any text', async () => {
    const setup = await openSession({ maxRetries: 1 });
    const fault: FakeAnthropicFault = { kind: 'stream-error', afterTextDeltas: 0, errorType: 'overloaded_error' };
    setup.fetch.inject(fault, fault);
    expect((await rejection(setup.session.send(ANSWER))).code).toBe('E_COMPANION_OVERLOADED');
    expect(turnCalls(setup.fetch)).toBe(2);
  });
});

describe('timeouts and aborts', () => {
  it('times out when the response never starts (E_COMPANION_TIMEOUT, cause kept)', async () => {
    const setup = await openSession({ timeoutMs: 100, maxRetries: 0 });
    setup.fetch.inject({ kind: 'hang' });
    const error = await rejection(setup.session.send(ANSWER));
    expect(error.code).toBe('E_COMPANION_TIMEOUT');
    expect(error.cause).toBeInstanceOf(APIConnectionTimeoutError);
    expect(setup.session.state().pending).toEqual({ turn: 2, text: ANSWER });
  });

  it('times out when a started reply goes silent', async () => {
    const setup = await openSession({ timeoutMs: 100, maxRetries: 0 });
    setup.fetch.inject({ kind: 'latency', betweenEventsMs: 400 });
    const error = await rejection(setup.session.send(ANSWER));
    expect(error.code).toBe('E_COMPANION_TIMEOUT');
    await setup.session.retry();
    await expectAnsweredOnce(setup);
  });

  it('honours an AbortSignal mid-reply with E_ABORTED, keeping the message', async () => {
    const setup = await openSession();
    setup.fetch.inject({ kind: 'latency', betweenEventsMs: 20 });
    const controller = new AbortController();
    const error = await rejection(
      (async () => {
        for await (const event of setup.session.stream(ANSWER, { signal: controller.signal })) if (event.type === 'text-delta') controller.abort();
      })(),
    );
    expect(error.code).toBe('E_ABORTED');
    expect(setup.session.state().pending).toEqual({ turn: 2, text: ANSWER });
  });
});

describe('malformed tool input', () => {
  it('fails the turn with E_COMPANION_OUTPUT when the input is not JSON; retry() answers it', async () => {
    const setup = await openSession();
    setup.fetch.inject({ kind: 'malformed-tool-input', form: 'invalid-json' });
    const error = await rejection(setup.session.send(ANSWER));
    expect(error.code).toBe('E_COMPANION_OUTPUT');
    expect(error.cause).toBeInstanceOf(SyntaxError);
    await setup.session.retry();
    await expectAnsweredOnce(setup);
  });

  it('keeps the reply but records nothing when the JSON does not fit the tool, and warns', async () => {
    const setup = await openSession();
    setup.fetch.inject({ kind: 'malformed-tool-input', form: 'schema', input: { values: { purpose: 42 }, asking: 'nonsense' } });
    const turn = await setup.session.send(ANSWER);
    expect(turn.trace.responseShaped.rejected).toEqual([{ part: 'purpose', issues: [expect.stringContaining('purpose')] }]);
    expect(turn.state.draft).toEqual({});
    // Claude's `asking` was unusable: the open question stays open.
    expect(turn.state.asking).toBe('purpose');
    expect(setup.warnings.map((warning) => warning.code)).toEqual(['invalid-tool-values']);
  });
});
