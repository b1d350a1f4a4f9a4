// Whole creations with Claude as the Companion: the real SDK client over HTTP against the fake Anthropic
// server, through the same session engine as the guided Companion — and the same Seed at the end.
import { createFromContent, createGuidedCompanion, createMemoryStore, verifyMemory } from '@loomworks/core';
import { startFakeAnthropic, type FakeAnthropicServer, type RecordedRequest } from '@loomworks/testkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAnthropicCompanion } from './create-anthropic-companion';
import { BAKERY, MARKETING } from './guided-requests';
import { TURN_NOTES_OPEN } from './turn-notes';

const operator = { id: 'op-1' };

let server: FakeAnthropicServer;
beforeAll(async () => {
  server = await startFakeAnthropic();
});
afterAll(async () => {
  await server.close();
  vi.unstubAllEnvs();
});

function messageCalls(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((request) => request.path === '/v1/messages');
}

type Body = { tools: unknown; system: unknown; messages: { content: { type: string; text?: string }[] }[] };

describe('a scripted creation with the Anthropic Companion', () => {
  it('commits the marketing project with a clean induction and the Seed the guided Companion produces', async () => {
    // Configured the way an integrator deploys it: the key and the base URL from the environment.
    vi.stubEnv('ANTHROPIC_API_KEY', 'sk-test-scripted');
    vi.stubEnv('ANTHROPIC_BASE_URL', server.url);
    const companion = createAnthropicCompanion({ onWarning: () => {} });
    const store = createMemoryStore();
    const before = server.requests.length;
    const result = await createFromContent(MARKETING, { companion, store, operator });
    const guided = await createFromContent(MARKETING, { companion: createGuidedCompanion(), store: createMemoryStore(), operator });

    expect(result.induction).toEqual({ status: 'induction-pass-clean', findings: [] });
    expect(result.engagement).toMatchObject({ name: 'Loomworks launch marketing', status: 'active' });
    expect(result.seed).toEqual(guided.seed);
    expect(await verifyMemory(store)).toMatchObject({ ok: true, engagements: 1 });

    const calls = messageCalls(server.requests.slice(before));
    expect(calls).toHaveLength((await store.listTurns(result.session!)).filter((turn) => turn.role === 'companion').length);
    expect(calls.every((call) => call.headers['authorization'] === '[redacted]' || call.headers['x-api-key'] === '[redacted]')).toBe(true);
    // Caching takes effect from the second turn.
    expect(calls[0]!.usage!.cache_read_input_tokens).toBe(0);
    for (const call of calls.slice(1)) expect(call.usage!.cache_read_input_tokens).toBeGreaterThan(0);
    // Each turn stores the usage the API billed for it.
    const stored = (await store.listTurns(result.session!)).filter((turn) => turn.role === 'companion').map((turn) => turn.usage);
    expect(stored).toEqual(
      calls.map((call) => ({
        inputTokens: call.usage!.input_tokens,
        outputTokens: call.usage!.output_tokens,
        cacheWriteTokens: call.usage!.cache_creation_input_tokens,
        cacheReadTokens: call.usage!.cache_read_input_tokens,
      })),
    );
  });

  it('sends the same cached prefix bytes on every turn of two different sessions, with the turn notes always last', async () => {
    const companion = createAnthropicCompanion({ apiKey: 'sk-test', baseURL: server.url, onWarning: () => {} });
    const before = server.requests.length;
    await createFromContent(MARKETING, { companion, store: createMemoryStore(), operator });
    const between = server.requests.length;
    await createFromContent(BAKERY, { companion, store: createMemoryStore(), operator: { id: 'op-2' } });
    const bodies = messageCalls(server.requests.slice(before)).map((call) => call.body as Body);
    expect(bodies.length).toBeGreaterThan(15);
    expect(new Set(bodies.map((body) => JSON.stringify({ tools: body.tools, system: body.system }))).size).toBe(1);
    for (const body of bodies) {
      const last = body.messages.at(-1)!.content.at(-1)!;
      expect(last.text?.startsWith(TURN_NOTES_OPEN)).toBe(true);
    }
    // The second session's very first turn reads the prefix the first session wrote (tools, system prompt and
    // the opening line), so it writes nothing of its own.
    const [secondOpening] = messageCalls(server.requests.slice(between));
    expect(secondOpening!.cache).toEqual({ read: 'messages.0.content.0', written: [] });
  });
});
