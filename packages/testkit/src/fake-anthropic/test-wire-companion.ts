// Test support only (imports the SDK, a devDependency): the smallest Companion that talks to the fake over the
// real SDK in the adapter's documented request layout (anthropic-common.md) — START message, history with
// record_fields calls answered by tool results, breakpoints on the system prompt and the latest Operator
// words, per-turn state last. It lets the fake's own tests run whole creations without the adapter package.
import Anthropic from '@anthropic-ai/sdk';
import type { AskingTarget, Companion, CompanionEvent, CompanionRequest, CompletionRequest, CompletionResult, DraftValues, SeedPart, TokenUsage } from '@loomworks/core';

const RECORD_FIELDS: Anthropic.Tool = {
  name: 'record_fields',
  description: "Record what the Operator's latest message answered, and what your reply asks next.",
  strict: true,
  input_schema: {
    type: 'object',
    properties: {
      values: {
        type: 'object',
        properties: {
          purpose: { type: 'string' },
          name: { type: 'string' },
          audience: { type: 'string' },
          voice: { type: 'string' },
          constraints: { type: 'array', items: { type: 'string' } },
          success: { type: 'array', items: { type: 'string' } },
          additionalAssertions: {
            type: 'array',
            items: { type: 'object', properties: { key: { type: 'string' }, value: { type: 'string' } }, required: ['key', 'value'], additionalProperties: false },
          },
        },
        additionalProperties: false,
      },
      asking: { anyOf: [{ enum: ['purpose', 'name', 'audience', 'voice', 'constraints', 'success', 'additionalAssertions', 'close', 'confirm'] }, { type: 'null' }] },
      skipped: { type: 'array', items: { enum: ['purpose', 'name', 'audience', 'voice', 'constraints', 'success', 'additionalAssertions'] } },
    },
    required: ['values', 'asking'],
    additionalProperties: false,
  },
};

type Block = Anthropic.ContentBlockParam;
type Message = { role: 'user' | 'assistant'; content: Block[] };

function usageOf(usage: { input_tokens?: number | null; output_tokens?: number | null; cache_creation_input_tokens?: number | null; cache_read_input_tokens?: number | null }): TokenUsage {
  return {
    inputTokens: usage.input_tokens ?? 0,
    outputTokens: usage.output_tokens ?? 0,
    cacheWriteTokens: usage.cache_creation_input_tokens ?? 0,
    cacheReadTokens: usage.cache_read_input_tokens ?? 0,
  };
}

export type TestWireCompanionOptions = { fetch: typeof fetch; cache?: boolean; model?: string };

export type TestWireCompanion = Companion & { readonly usages: TokenUsage[] };

export function buildTurnRequest(request: CompanionRequest, cache = true, model = 'claude-sonnet-5-5'): Anthropic.MessageCreateParamsStreaming {
  const control = cache ? { type: 'ephemeral' as const } : null;
  const messages: Message[] = [];
  const push = (role: Message['role'], content: Block[]) => {
    if (content.length === 0) return;
    const last = messages[messages.length - 1];
    if (last?.role === role) last.content.push(...content);
    else messages.push({ role, content });
  };
  push('user', [{ type: 'text', text: '(The conversation starts.)' }]);
  for (const message of request.history) {
    if (message.role === 'operator') push('user', [{ type: 'text', text: message.text }]);
    else {
      const blocks: Block[] = message.text.trim() === '' ? [] : [{ type: 'text', text: message.text }];
      if (message.record) blocks.push({ type: 'tool_use', id: `toolu_turn_${message.turn}`, name: 'record_fields', input: { values: message.record.values, asking: message.record.asking } });
      push('assistant', blocks);
    }
  }
  if (request.message !== null) push('user', [{ type: 'text', text: request.message }]);
  messages.forEach((message, index) => {
    const ids = message.role === 'assistant' ? message.content.flatMap((block) => (block.type === 'tool_use' ? [block.id] : [])) : [];
    messages[index + 1]?.content.unshift(...ids.map((id): Block => ({ type: 'tool_result', tool_use_id: id, content: 'Recorded.' })));
  });
  const last = messages[messages.length - 1] as Message;
  const lastBlock = last.content[last.content.length - 1] as Anthropic.TextBlockParam;
  if (control) {
    lastBlock.cache_control = control;
    const previous = messages.slice(0, -1).findLast((message) => message.role === 'user');
    const previousLast = previous?.content[previous.content.length - 1] as Anthropic.TextBlockParam | undefined;
    if (previousLast) previousLast.cache_control = control;
  }
  const { state } = request;
  const notes = {
    template: request.intent,
    step: request.step,
    recordOnly: request.recordOnly,
    lastAsking: state.lastAsking,
    skipped: state.skipped,
    missing: state.missing,
    draft: state.draft,
    terminal: request.terminal,
    creation: state.creation,
  };
  last.content.push({ type: 'text', text: `<turn_notes>\n${JSON.stringify(notes)}\n</turn_notes>` });
  return {
    model,
    max_tokens: 4096,
    system: [{ type: 'text', text: request.system.text, ...(control ? { cache_control: control } : {}) }],
    tools: [RECORD_FIELDS],
    tool_choice: request.recordOnly ? { type: 'tool', name: 'record_fields' } : { type: 'auto' },
    messages,
    stream: true,
  };
}

export function createTestWireCompanion(options: TestWireCompanionOptions): TestWireCompanion {
  const client = new Anthropic({ apiKey: 'test', fetch: options.fetch, maxRetries: 0 });
  const usages: TokenUsage[] = [];

  async function* respond(request: CompanionRequest): AsyncGenerator<CompanionEvent> {
    const stream = client.messages.stream(buildTurnRequest(request, options.cache ?? true, options.model));
    for await (const event of stream) {
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') yield { type: 'text-delta', text: event.delta.text };
    }
    const message = await stream.finalMessage();
    const call = message.content.find((block): block is Anthropic.ToolUseBlock => block.type === 'tool_use');
    if (call) {
      const input = call.input as { values: DraftValues; asking: AskingTarget; skipped?: SeedPart[] };
      yield { type: 'draft-update', values: input.values, asking: input.asking, ...(input.skipped ? { skipped: input.skipped } : {}) };
    }
    const usage = usageOf(message.usage);
    usages.push(usage);
    yield { type: 'usage', usage };
    yield { type: 'finish', reason: call ? 'tool' : 'end' };
  }

  async function complete(request: CompletionRequest): Promise<CompletionResult> {
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: request.prompt }, ...(request.history ?? []).map((entry) => ({ role: entry.role, content: entry.text }))];
    const message = await client.messages.create({ model: options.model ?? 'claude-sonnet-5-5', max_tokens: request.maxTokens ?? 4096, messages, ...(request.system ? { system: request.system } : {}) });
    const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
    return { text, usage: usageOf(message.usage) };
  }

  return { id: 'anthropic:test-wire', usages, respond, complete };
}
