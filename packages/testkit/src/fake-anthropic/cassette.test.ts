// Cassettes: recorded against the fake over HTTP, replayed with no server; drift named; credentials never stored.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { LoomworksError } from '@loomworks/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CASSETTE_DRIFT_CODE, createCassetteFetch, type CassetteFile } from './cassette';
import { startFakeAnthropic } from './start-fake-anthropic';

const API_KEY = 'sk-ant-api03-very-secret-key-value';
const MODEL = 'claude-sonnet-5-5';

/** An assembled system prompt: one `<section id="…">` per prompt asset, as @loomworks/prompts builds it. */
function systemPrompt(activeText = 'Ask one question at a time.'): string {
  return [
    '<section id="voice_principles">\nSpeak plainly.\n</section>',
    `<section id="create_engagement_active">\n${activeText}\n</section>`,
    '<section id="create_engagement/voice">\nAsk how it should sound.\n</section>',
  ].join('\n\n');
}

function turn(system = systemPrompt()): Anthropic.MessageCreateParamsStreaming {
  return {
    model: MODEL,
    max_tokens: 500,
    system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: 'We are making a newsletter.' }],
    metadata: { user_id: 'run-specific-id' },
    stream: true,
  };
}

async function streamedText(client: Anthropic, body: Anthropic.MessageCreateParamsStreaming): Promise<string> {
  let text = '';
  for await (const event of await client.messages.create(body)) {
    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
  }
  return text;
}

let directory = '';
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'loomworks-cassette-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Records a streamed turn, a count_tokens call and a retried call against the fake over HTTP, then stops it. */
async function recordCassette(path: string): Promise<{ baseURL: string; text: string; counted: number }> {
  const server = await startFakeAnthropic({ responder: [{ text: 'Lovely. What should we call it?' }, { text: 'After a retry.' }], faults: [{ kind: 'http', status: 529, call: 2, retryAfterMs: 1 }] });
  try {
    const cassette = createCassetteFetch({ mode: 'record', path });
    const client = new Anthropic({ apiKey: API_KEY, baseURL: server.url, fetch: cassette, maxRetries: 1 });
    const text = await streamedText(client, turn());
    const counted = (await client.messages.countTokens({ model: MODEL, messages: [{ role: 'user', content: 'Hello' }] })).input_tokens;
    await client.messages.create({ model: MODEL, max_tokens: 50, messages: [{ role: 'user', content: 'Again' }] });
    return { baseURL: server.url, text, counted };
  } finally {
    await server.close();
  }
}

const noNetwork: typeof fetch = async () => {
  throw new Error('replay must not touch the network');
};

describe('cassettes', () => {
  it('replays a cassette recorded against the fake with no server running', async () => {
    const path = join(directory, 'turn.json');
    const recorded = await recordCassette(path);
    const replay = createCassetteFetch({ mode: 'replay', path, upstream: noNetwork });
    const client = new Anthropic({ apiKey: 'a-different-key', baseURL: recorded.baseURL, fetch: replay, maxRetries: 1 });

    // Volatile fields (metadata) are not part of the match.
    expect(await streamedText(client, { ...turn(), metadata: { user_id: 'another-run' } })).toBe(recorded.text);
    expect(recorded.text).toBe('Lovely. What should we call it?');
    expect((await client.messages.countTokens({ model: MODEL, messages: [{ role: 'user', content: 'Hello' }] })).input_tokens).toBe(recorded.counted);
    // The recorded 529 and its retry replay in order: the SDK retries exactly as it did live.
    const again = await client.messages.create({ model: MODEL, max_tokens: 50, messages: [{ role: 'user', content: 'Again' }] });
    expect(again.content[0]).toMatchObject({ text: 'After a retry.' });
    expect(replay.exchanges.map((exchange) => exchange.response.status)).toEqual([200, 200, 529, 200]);
  });

  it('never writes the API key into the file', async () => {
    const path = join(directory, 'turn.json');
    await recordCassette(path);
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain(API_KEY);
    const file = JSON.parse(text) as CassetteFile;
    for (const exchange of file.exchanges) {
      for (const [name, value] of Object.entries(exchange.request.headers)) {
        if (/key|auth/i.test(name)) expect(value).toBe('[redacted]');
      }
    }
    expect(file.exchanges[0]?.request.headers).toHaveProperty('authorization', '[redacted]');
  });

  it('reports drift naming the prompt that changed, instead of replaying a stale answer', async () => {
    const path = join(directory, 'turn.json');
    await recordCassette(path);
    const replay = createCassetteFetch({ mode: 'replay', path, upstream: noNetwork });
    const body = turn(systemPrompt('Ask two questions at a time.'));
    const failure = await replay('https://api.anthropic.com/v1/messages', { method: 'POST', body: JSON.stringify(body) }).catch((error: unknown) => error);

    expect(LoomworksError.is(failure, CASSETTE_DRIFT_CODE)).toBe(true);
    const error = failure as LoomworksError;
    expect(error.details).toMatchObject({ reason: 'cassette-drift', endpoint: '/v1/messages' });
    expect(error.details.differences).toEqual([expect.stringMatching(/^system prompt changed: sha256 [0-9a-f]{12} → [0-9a-f]{12}$/), 'prompt create_engagement_active changed']);

    // Through the SDK, the drift error is the cause of the connection error it raises.
    const client = new Anthropic({ apiKey: API_KEY, fetch: replay, maxRetries: 0 });
    const viaSdk = await streamedText(client, { ...body, model: 'claude-opus-5-5' }).catch((caught: unknown) => caught);
    expect(viaSdk).toBeInstanceOf(Anthropic.APIConnectionError);
    expect(LoomworksError.is((viaSdk as Error).cause, CASSETTE_DRIFT_CODE)).toBe(true);
    expect(((viaSdk as Error).cause as LoomworksError).details.differences).toContain('model changed: claude-sonnet-5-5 → claude-opus-5-5');
  });

  it('names a changed message when the conversation differs', async () => {
    const path = join(directory, 'turn.json');
    await recordCassette(path);
    const replay = createCassetteFetch({ mode: 'replay', path, upstream: noNetwork });
    const body = { ...turn(), messages: [{ role: 'user', content: 'We are making a podcast.' }] };
    const failure = await replay('https://api.anthropic.com/v1/messages', { method: 'POST', body: JSON.stringify(body) }).catch((error: unknown) => error);
    expect((failure as LoomworksError).details.differences).toEqual([expect.stringMatching(/^messages\.0 changed: .*newsletter.* → .*podcast/)]);
  });

  it('refuses to replay a cassette that was never recorded', async () => {
    const replay = createCassetteFetch({ mode: 'replay', path: join(directory, 'missing.json'), upstream: noNetwork });
    await expect(replay('https://api.anthropic.com/v1/messages', { method: 'POST', body: '{}' })).rejects.toSatisfy((error) => LoomworksError.is(error, 'E_NOT_FOUND'));
  });
});
