// The request bytes Claude receives: a cached prefix that never changes, history the API accepts, and the
// per-turn notes after every breakpoint — asserted on real requests of real conversations, without HTTP.
import type Anthropic from '@anthropic-ai/sdk';
import { PART_ORDER, SEED_LIMITS, type CompanionRequest } from '@loomworks/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONVERSATION_START, buildMessagesRequest, toolUseId, type MessagesRequest } from './build-messages-request';
import { BAKERY, MARKETING, liveRequests, scriptedRequests } from './guided-requests';
import { TURN_NOTES_OPEN } from './turn-notes';

type Block = Anthropic.ContentBlockParam;

function blocksOf(body: MessagesRequest): { location: string; block: Block | Anthropic.TextBlockParam }[] {
  const system = (body.system as Anthropic.TextBlockParam[]).map((block, index) => ({ location: `system.${index}`, block }));
  const messages = body.messages.flatMap((message, messageIndex) =>
    (message.content as Block[]).map((block, blockIndex) => ({ location: `messages.${messageIndex}.${blockIndex}`, block })),
  );
  return [...system, ...messages];
}

function breakpoints(body: MessagesRequest): string[] {
  const tools = (body.tools ?? []).flatMap((tool, index) => ('cache_control' in tool && tool.cache_control ? [`tools.${index}`] : []));
  return [...tools, ...blocksOf(body).flatMap(({ location, block }) => ('cache_control' in block && block.cache_control ? [location] : []))];
}

/** The cached prefix as bytes: tools, system, and the messages up to and including `upTo` blocks, cache_control removed. */
function prefixBytes(body: MessagesRequest, messageBlocks: number): string {
  const strip = (block: object) => Object.fromEntries(Object.entries(block).filter(([key]) => key !== 'cache_control'));
  const messages: unknown[] = [];
  let remaining = messageBlocks;
  for (const message of body.messages) {
    if (remaining <= 0) break;
    const content = (message.content as Block[]).slice(0, remaining).map(strip);
    remaining -= content.length;
    messages.push({ role: message.role, content });
  }
  return JSON.stringify({ tools: body.tools, system: (body.system as object[]).map(strip), messages });
}

/** How many message blocks come before (and including) the block at `location`. */
function blocksUpTo(body: MessagesRequest, location: string): number {
  const [, messageIndex, blockIndex] = location.split('.').map(Number) as [number, number, number];
  return body.messages.slice(0, messageIndex).reduce((sum, message) => sum + (message.content as Block[]).length, 0) + blockIndex + 1;
}

let marketing: CompanionRequest[];
let bakery: CompanionRequest[];
let live: CompanionRequest[];
beforeAll(async () => {
  [marketing, bakery, live] = await Promise.all([scriptedRequests(MARKETING), scriptedRequests(BAKERY), liveRequests()]);
});

function everyBody(): MessagesRequest[] {
  return [...marketing, ...bakery, ...live].map((request) => buildMessagesRequest(request));
}

describe('the cached prefix', () => {
  it('is byte-identical (tools + system) on every turn of a session and across sessions', () => {
    const prefixes = new Set(everyBody().map((body) => JSON.stringify({ tools: body.tools, system: body.system })));
    expect(prefixes.size).toBe(1);
    const [body] = everyBody();
    expect((body!.system as Anthropic.TextBlockParam[])[0]).toEqual({ type: 'text', text: marketing[0]!.system.text, cache_control: { type: 'ephemeral' } });
  });

  it('carries the conversation so far: each turn reads back, byte for byte, the prefix the previous turn wrote', () => {
    for (const requests of [marketing, live]) {
      const bodies = requests.map((request) => buildMessagesRequest(request));
      for (let index = 1; index < bodies.length; index += 1) {
        const previous = bodies[index - 1]!;
        const current = bodies[index]!;
        const written = breakpoints(previous).at(-1)!;
        // The current request has a breakpoint at the same position, over the same bytes.
        const sameEnd = breakpoints(current).find((location) => location === written);
        expect(sameEnd, `turn ${index}`).toBe(written);
        expect(prefixBytes(current, blocksUpTo(current, written))).toBe(prefixBytes(previous, blocksUpTo(previous, written)));
      }
    }
  });

  it('keeps the per-turn notes after every breakpoint, as the very last block', () => {
    for (const body of everyBody()) {
      const blocks = blocksOf(body);
      const notes = blocks.findIndex(({ block }) => block.type === 'text' && block.text.startsWith(TURN_NOTES_OPEN));
      expect(notes).toBe(blocks.length - 1);
      const lastBreakpoint = breakpoints(body).at(-1)!;
      expect(blocks.findIndex(({ location }) => location === lastBreakpoint)).toBeLessThan(notes);
      // Nothing that changes per turn leaks into the cached part.
      expect(JSON.stringify(blocks.slice(0, -1))).not.toContain('"nextPart"');
    }
  });

  it('sets at most 4 breakpoints on every request, none with cache off, and the 1-hour TTL when asked', () => {
    for (const request of [...marketing, ...live]) {
      expect(breakpoints(buildMessagesRequest(request)).length).toBeLessThanOrEqual(4);
      expect(breakpoints(buildMessagesRequest(request, { cache: false }))).toEqual([]);
      const hour = buildMessagesRequest(request, { cache: '1h' });
      for (const { block } of blocksOf(hour)) if ('cache_control' in block && block.cache_control) expect(block.cache_control).toEqual({ type: 'ephemeral', ttl: '1h' });
    }
  });
});

describe('the history', () => {
  it('is valid for the API: starts with a user turn, alternates, and answers every tool_use with a tool_result first thing', () => {
    for (const body of everyBody()) {
      expect(body.messages[0]!.role).toBe('user');
      expect(((body.messages[0]!.content as Block[])[0] as Anthropic.TextBlockParam).text).toBe(CONVERSATION_START);
      body.messages.forEach((message, index) => {
        if (index > 0) expect(message.role).not.toBe(body.messages[index - 1]!.role);
        const content = message.content as Block[];
        expect(content.length).toBeGreaterThan(0);
        for (const block of content) if (block.type === 'text') expect(block.text.trim()).not.toBe('');
        if (message.role !== 'assistant') return;
        const ids = content.flatMap((block) => (block.type === 'tool_use' ? [block.id] : []));
        const answers = (body.messages[index + 1]!.content as Block[]).slice(0, ids.length);
        expect(answers.map((block) => (block.type === 'tool_result' ? block.tool_use_id : null))).toEqual(ids);
      });
      expect(body.messages.at(-1)!.role).toBe('user');
    }
  });

  it("replays each Companion turn's words and the values it recorded as a record_fields call", () => {
    const request = marketing[3]!;
    const body = buildMessagesRequest(request);
    const companion = request.history.filter((message) => message.role === 'companion');
    const assistants = body.messages.filter((message) => message.role === 'assistant');
    expect(assistants).toHaveLength(companion.length);
    assistants.forEach((message, index) => {
      const turn = companion[index]!;
      expect(message.content).toEqual([
        { type: 'text', text: turn.text },
        { type: 'tool_use', id: toolUseId(turn.turn), name: 'record_fields', input: { values: turn.record!.values, asking: turn.record!.asking } },
      ]);
    });
    // The final user message: the tool result, the Operator's words, then the notes.
    const final = body.messages.at(-1)!.content as Block[];
    expect(final.map((block) => block.type)).toEqual(['tool_result', 'text', 'text']);
    expect((final[1] as Anthropic.TextBlockParam).text).toBe(request.message);
  });

  it('opens with the start line and the notes when nothing has been said yet', () => {
    const body = buildMessagesRequest(marketing[0]!);
    expect(body.messages).toHaveLength(1);
    const [start, notes] = body.messages[0]!.content as Anthropic.TextBlockParam[];
    expect(start).toEqual({ type: 'text', text: CONVERSATION_START, cache_control: { type: 'ephemeral' } });
    expect(notes!.text).toContain('"template":"create_engagement_entry"');
  });
});

describe('the record_fields tool', () => {
  it('forces the tool on record-only turns and leaves the choice to Claude otherwise', () => {
    const recordOnly = live.find((request) => request.recordOnly)!;
    expect(buildMessagesRequest(recordOnly).tool_choice).toEqual({ type: 'tool', name: 'record_fields' });
    expect(buildMessagesRequest(live[1]!).tool_choice).toEqual({ type: 'auto' });
  });

  it("is strict, with an input schema generated from core's per-field schemas", () => {
    const [tool] = buildMessagesRequest(marketing[0]!).tools as Anthropic.Tool[];
    expect(tool).toMatchObject({ name: 'record_fields', strict: true });
    const schema = tool!.input_schema as unknown as { properties: Record<string, { properties?: Record<string, { description?: string }> }>; required: string[]; additionalProperties: boolean };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['values', 'asking']);
    expect(Object.keys(schema.properties.values!.properties!)).toEqual([...PART_ORDER]);
    // Limits strict mode cannot enforce travel in the descriptions, taken from the schema, not copied.
    expect(schema.properties.values!.properties!.name!.description).toContain(`maxLength: ${SEED_LIMITS.name}`);
  });

  it('makes the request a pure function of the Companion request', () => {
    expect(JSON.stringify(buildMessagesRequest(live[8]!))).toBe(JSON.stringify(buildMessagesRequest(structuredClone(live[8]!))));
  });
});
