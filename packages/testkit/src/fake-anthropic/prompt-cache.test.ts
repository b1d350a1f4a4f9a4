// Faithful prompt caching, rule by rule, through the real SDK client: usage is what the API would report.
import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { createFakeAnthropicFetch } from './create-fake-anthropic-fetch';
import { TOKEN_OVERHEAD, countRequestTokens } from './tokens';
import type { FakeAnthropicFetch, FakeAnthropicOptions } from './types';

const MODEL = 'claude-sonnet-5-5';
const MINUTE = 60_000;
/** About 1,500 tokens: above the Sonnet minimum (1,024), below Haiku's (2,048). */
const SYSTEM = Array.from({ length: 100 }, (_, index) => `Rule ${index}: be kind, be brief, be clear, and say it plainly.`).join('\n');

type Turn = { system?: string; ttl?: '5m' | '1h'; messages?: Anthropic.MessageParam[]; model?: string };

function setup(options: FakeAnthropicOptions = {}) {
  const fakeFetch: FakeAnthropicFetch = createFakeAnthropicFetch({ clock: { now: () => 0 }, responder: () => ({ text: 'Sure.' }), ...options });
  const client = new Anthropic({ apiKey: 'test', fetch: fakeFetch, maxRetries: 0 });
  const body = (turn: Turn = {}): Anthropic.MessageCreateParamsNonStreaming => ({
    model: turn.model ?? MODEL,
    max_tokens: 100,
    system: [{ type: 'text', text: turn.system ?? SYSTEM, cache_control: { type: 'ephemeral', ...(turn.ttl ? { ttl: turn.ttl } : {}) } }],
    messages: turn.messages ?? [{ role: 'user', content: 'Hello' }],
  });
  const ask = async (turn: Turn = {}) => (await client.messages.create(body(turn))).usage;
  return { fakeFetch, client, body, ask };
}

/** Tokens of the system block alone (the prefix its breakpoint ends). */
const systemTokens = countRequestTokens({ system: SYSTEM, messages: [] }) - countRequestTokens({ messages: [] });

describe('prompt caching in the fake', () => {
  it('writes the prefix on the first request and reads it on the second', async () => {
    const { ask, body } = setup();
    const total = countRequestTokens(body() as never);
    const first = await ask();
    expect(first).toMatchObject({ cache_creation_input_tokens: systemTokens, cache_read_input_tokens: 0, cache_creation: { ephemeral_5m_input_tokens: systemTokens, ephemeral_1h_input_tokens: 0 } });
    expect(first.input_tokens).toBe(total - systemTokens);
    const second = await ask();
    expect(second).toMatchObject({ cache_creation_input_tokens: 0, cache_read_input_tokens: systemTokens, input_tokens: total - systemTokens });
  });

  it('misses when one byte before the breakpoint changes', async () => {
    const { ask } = setup();
    await ask();
    const changed = await ask({ system: `${SYSTEM.slice(0, 500)}!${SYSTEM.slice(501)}` });
    expect(changed.cache_read_input_tokens).toBe(0);
    expect(changed.cache_creation_input_tokens).toBeGreaterThan(0);
  });

  it('keeps the hit when only what comes after the breakpoint changes', async () => {
    const { ask } = setup();
    await ask();
    const later = await ask({ messages: [{ role: 'user', content: 'Something else entirely, and longer this time.' }] });
    expect(later.cache_read_input_tokens).toBe(systemTokens);
    expect(later.cache_creation_input_tokens).toBe(0);
  });

  it('never caches across models', async () => {
    const { ask } = setup();
    await ask();
    expect((await ask({ model: 'claude-opus-5-5' })).cache_read_input_tokens).toBe(0);
  });

  it('expires a 5-minute entry after 5 minutes without a hit, and refreshes it on each hit', async () => {
    const { ask, fakeFetch } = setup();
    await ask();
    fakeFetch.advanceTime(4 * MINUTE);
    expect((await ask()).cache_read_input_tokens).toBe(systemTokens);
    fakeFetch.advanceTime(4 * MINUTE);
    // Eight minutes after the write, but four after the refreshing hit.
    expect((await ask()).cache_read_input_tokens).toBe(systemTokens);
    fakeFetch.advanceTime(5 * MINUTE);
    const expired = await ask();
    expect(expired.cache_read_input_tokens).toBe(0);
    expect(expired.cache_creation_input_tokens).toBe(systemTokens);
  });

  it('keeps a 1-hour entry for an hour and bills its write as 1-hour tokens', async () => {
    const { ask, fakeFetch } = setup();
    const first = await ask({ ttl: '1h' });
    expect(first.cache_creation).toEqual({ ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: systemTokens });
    expect(fakeFetch.cache.entries()).toMatchObject([{ ttl: '1h', location: 'system.0', tokens: systemTokens, expiresAt: 60 * MINUTE }]);
    fakeFetch.advanceTime(50 * MINUTE);
    expect((await ask({ ttl: '1h' })).cache_read_input_tokens).toBe(systemTokens);
    fakeFetch.advanceTime(61 * MINUTE);
    expect((await ask({ ttl: '1h' })).cache_read_input_tokens).toBe(0);
  });

  it('never caches a prefix shorter than the model minimum (no error, no cache activity)', async () => {
    const { ask, fakeFetch } = setup();
    const short = 'Be kind. '.repeat(100);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const usage = await ask({ system: short });
      expect(usage).toMatchObject({ cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
    }
    // Haiku's minimum is higher: the same 1,500-token prefix that Sonnet caches is too short for it.
    expect((await ask({ model: 'claude-haiku-5-5' })).cache_creation_input_tokens).toBe(0);
    expect((await ask()).cache_creation_input_tokens).toBe(systemTokens);
    expect(fakeFetch.cache.entries()).toHaveLength(1);
  });

  it('honours a minimumCacheableTokens override', async () => {
    const { ask } = setup({ minimumCacheableTokens: 10 });
    await ask({ system: 'Be kind. '.repeat(20) });
    expect((await ask({ system: 'Be kind. '.repeat(20) })).cache_read_input_tokens).toBeGreaterThan(0);
  });

  it('reads the previous turn from a growing conversation and writes only the new part', async () => {
    const { ask, body } = setup();
    const cachedText = (text: string): Anthropic.TextBlockParam => ({ type: 'text', text, cache_control: { type: 'ephemeral' } });
    const turn1: Anthropic.MessageParam[] = [{ role: 'user', content: [cachedText('We are making a newsletter about bread.')] }];
    const first = await ask({ messages: turn1 });
    const prefix1 = countRequestTokens(body({ messages: turn1 }) as never) - TOKEN_OVERHEAD.request;
    expect(first.cache_creation_input_tokens).toBe(prefix1);

    const turn2: Anthropic.MessageParam[] = [
      { role: 'user', content: [{ type: 'text', text: 'We are making a newsletter about bread.' }] },
      { role: 'assistant', content: 'Lovely. Who is it for?' },
      { role: 'user', content: [cachedText('Home bakers.')] },
    ];
    const second = await ask({ messages: turn2 });
    const prefix2 = countRequestTokens(body({ messages: turn2 }) as never) - TOKEN_OVERHEAD.request;
    // The breakpoint moved, but the earlier prefix is within the lookback window of the new one.
    expect(second).toMatchObject({ cache_read_input_tokens: prefix1, cache_creation_input_tokens: prefix2 - prefix1, input_tokens: TOKEN_OVERHEAD.request });
  });

  it('reports every input token as uncached when caching is off (the baseline)', async () => {
    const { ask, body, fakeFetch } = setup({ cache: false });
    const total = countRequestTokens(body() as never);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      expect(await ask()).toMatchObject({ input_tokens: total, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
    }
    expect(fakeFetch.cache.entries()).toEqual([]);
  });

  it('records where each request read and wrote the cache', async () => {
    const { ask, fakeFetch } = setup();
    await ask();
    await ask();
    expect(fakeFetch.requests.map((request) => request.cache)).toEqual([
      { read: null, written: ['system.0'] },
      { read: 'system.0', written: [] },
    ]);
  });
});
