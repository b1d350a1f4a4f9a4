// The Messages API wire format: a scripted reply becomes a `Message` JSON body, or the exact SSE event
// sequence of a stream (message_start, content blocks with their deltas, ping, message_delta, message_stop).
import { countOutputTokens, countTextTokens } from './tokens';
import type { FakeReply } from './types';
import type { ApiErrorBody, ApiErrorType, ContentBlock, StopReason, WireMessage, WireUsage } from './wire-types';

/** A reply ready to send: each block with the pieces it streams in. */
export type PlannedBlock =
  | { type: 'text'; text: string; chunks: string[] }
  | { type: 'tool_use'; id: string; name: string; input: unknown; chunks: string[] };

export type PlannedReply = { blocks: PlannedBlock[]; stopReason: StopReason; outputTokens: number };

/** One delta per word (with the space after it), as a live model streams. */
export function wordChunks(text: string): string[] {
  if (text === '') return [];
  return text.match(/\S+\s*|\s+/gu) ?? [text];
}

/** JSON text in short pieces, cut anywhere (the API's partial_json pieces are not JSON on their own). */
export function jsonChunks(json: string, size = 24): string[] {
  const pieces: string[] = [];
  const characters = Array.from(json);
  for (let start = 0; start < characters.length; start += size) pieces.push(characters.slice(start, start + size).join(''));
  return pieces;
}

/** The longest start of `text` within `budget` tokens. */
function truncateToTokens(text: string, budget: number): string {
  if (countTextTokens(text) <= budget) return text;
  const characters = Array.from(text);
  let low = 0;
  let high = characters.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (countTextTokens(characters.slice(0, middle).join('')) <= budget) low = middle;
    else high = middle - 1;
  }
  return characters.slice(0, low).join('');
}

/**
 * Normalises a scripted reply and applies `max_tokens`: text past the budget is cut, a tool call that does
 * not fit is dropped, and the stop reason becomes `max_tokens`.
 */
export function planReply(reply: FakeReply, maxTokens: number, newToolUseId: () => string): PlannedReply {
  const requested = reply.content ?? [
    ...(reply.text !== undefined ? [{ type: 'text' as const, text: reply.text }] : []),
    ...(reply.toolUse ? [{ type: 'tool_use' as const, ...reply.toolUse }] : []),
  ];
  const blocks: PlannedBlock[] = [];
  let budget = maxTokens;
  let cut = false;
  for (const block of requested) {
    if (cut) break;
    if (block.type === 'text') {
      const chunks = typeof block.text === 'string' ? wordChunks(block.text) : [...block.text];
      const text = chunks.join('');
      const kept = truncateToTokens(text, budget);
      if (kept !== text) cut = true;
      if (kept === '') continue;
      budget -= countTextTokens(kept);
      blocks.push({ type: 'text', text: kept, chunks: kept === text ? chunks : wordChunks(kept) });
      continue;
    }
    const id = block.id ?? newToolUseId();
    const cost = countOutputTokens([{ type: 'tool_use', name: block.name, input: block.input }]);
    if (cost > budget) {
      cut = true;
      continue;
    }
    budget -= cost;
    const chunks = block.jsonChunks ? [...block.jsonChunks] : jsonChunks(JSON.stringify(block.input ?? {}));
    blocks.push({ type: 'tool_use', id, name: block.name, input: block.input, chunks });
  }
  const callsTool = blocks.some((block) => block.type === 'tool_use');
  const stopReason: StopReason = cut ? 'max_tokens' : (reply.stopReason ?? (callsTool ? 'tool_use' : 'end_turn'));
  const outputTokens = countOutputTokens(blocks.map((block) => (block.type === 'text' ? { type: 'text', text: block.text } : { type: 'tool_use', name: block.name, input: block.input })));
  return { blocks, stopReason, outputTokens };
}

function contentOf(block: PlannedBlock): ContentBlock {
  return block.type === 'text' ? { type: 'text', text: block.text, citations: null } : { type: 'tool_use', id: block.id, name: block.name, input: block.input };
}

export function messageBody(id: string, model: string, plan: PlannedReply, usage: WireUsage): WireMessage {
  return {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content: plan.blocks.map(contentOf),
    stop_reason: plan.stopReason,
    stop_sequence: null,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage,
  };
}

export function errorBody(type: ApiErrorType, message: string, requestId?: string): ApiErrorBody {
  return { type: 'error', error: { type, message }, ...(requestId ? { request_id: requestId } : {}) };
}

/** One server-sent event, as the API frames it. */
export function sseFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export type StreamEvent = { event: string; data: unknown; textDelta: boolean };

/** The full event sequence of a streamed reply. */
export function streamEvents(id: string, model: string, plan: PlannedReply, usage: WireUsage): StreamEvent[] {
  const events: StreamEvent[] = [];
  const push = (event: string, data: unknown, textDelta = false) => events.push({ event, data, textDelta });
  const startUsage: WireUsage = { ...usage, output_tokens: Math.min(1, usage.output_tokens) };
  push('message_start', { type: 'message_start', message: { ...messageBody(id, model, plan, startUsage), content: [], stop_reason: null } });
  let pinged = false;
  const ping = () => {
    if (!pinged) push('ping', { type: 'ping' });
    pinged = true;
  };
  plan.blocks.forEach((block, index) => {
    if (block.type === 'text') {
      push('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '', citations: null } });
      ping();
      for (const text of block.chunks) push('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text } }, true);
    } else {
      push('content_block_start', { type: 'content_block_start', index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } });
      ping();
      for (const partial_json of ['', ...block.chunks]) {
        push('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } });
      }
    }
    push('content_block_stop', { type: 'content_block_stop', index });
  });
  ping();
  push('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: plan.stopReason, stop_sequence: null, stop_details: null, container: null },
    usage: {
      input_tokens: usage.input_tokens,
      cache_creation_input_tokens: usage.cache_creation_input_tokens,
      cache_read_input_tokens: usage.cache_read_input_tokens,
      output_tokens: usage.output_tokens,
      server_tool_use: null,
      output_tokens_details: null,
    },
  });
  push('message_stop', { type: 'message_stop' });
  return events;
}
