// The fake's token counter: a deterministic approximation of the real tokenizer, used identically for
// `count_tokens`, for usage and for the cache minimum, so tests can predict every number.
//
// Rules (all lengths are UTF-8 bytes, every division rounds up):
// - text: bytes / 4;
// - a tool definition: 8 + (name + description + JSON of input_schema) / 4;
// - a message: 4, plus its blocks; a string content is one text block;
// - a tool_use block: 4 + name / 4 + JSON of input / 4; a tool_result block: 4 + its content;
// - any other block: its JSON (without cache_control) / 4;
// - every request: 3 more at the end (the start of the reply), which are never cached.
import { canonicalJson } from '@loomworks/core';
import type { ContentBlockParam, MessagesRequest, ToolParam } from './wire-types';

export const TOKEN_OVERHEAD = { tool: 8, message: 4, toolUse: 4, toolResult: 4, request: 3 } as const;

const encoder = new TextEncoder();

/** Tokens of a text: its UTF-8 length divided by 4, rounded up. */
export function countTextTokens(text: string): number {
  return Math.ceil(encoder.encode(text).length / 4);
}

export function countToolTokens(tool: ToolParam): number {
  return TOKEN_OVERHEAD.tool + countTextTokens(`${tool.name}\n${tool.description ?? ''}\n${JSON.stringify(tool.input_schema)}`);
}

export function withoutCacheControl<Block extends { cache_control?: unknown }>(block: Block): Omit<Block, 'cache_control'> {
  const { cache_control: _ignored, ...rest } = block;
  return rest;
}

export function countBlockTokens(block: ContentBlockParam): number {
  switch (block.type) {
    case 'text':
      return countTextTokens(String(block.text));
    case 'tool_use':
      return TOKEN_OVERHEAD.toolUse + countTextTokens(String(block.name)) + countTextTokens(JSON.stringify(block.input ?? {}));
    case 'tool_result': {
      const content = block.content;
      if (content === undefined) return TOKEN_OVERHEAD.toolResult;
      if (typeof content === 'string') return TOKEN_OVERHEAD.toolResult + countTextTokens(content);
      return TOKEN_OVERHEAD.toolResult + (content as ContentBlockParam[]).reduce((sum, inner) => sum + countBlockTokens(inner), 0);
    }
    default:
      return countTextTokens(canonicalJson(withoutCacheControl(block)));
  }
}

/** The content of a message as blocks (a string is shorthand for one text block). */
export function contentBlocks(content: string | ContentBlockParam[]): ContentBlockParam[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

/** The system prompt as text blocks. */
export function systemBlocks(system: MessagesRequest['system']): ContentBlockParam[] {
  if (system === undefined) return [];
  return typeof system === 'string' ? (system === '' ? [] : [{ type: 'text', text: system }]) : system;
}

/** Every input token of a request, as `count_tokens` reports it (caching does not change the total). */
export function countRequestTokens(request: Pick<MessagesRequest, 'tools' | 'system' | 'messages'>): number {
  let total = TOKEN_OVERHEAD.request;
  for (const tool of request.tools ?? []) total += countToolTokens(tool);
  for (const block of systemBlocks(request.system)) total += countBlockTokens(block);
  for (const message of request.messages) {
    total += TOKEN_OVERHEAD.message;
    for (const block of contentBlocks(message.content)) total += countBlockTokens(block);
  }
  return total;
}

/** Output tokens of a reply: its text and tool calls, at least 1 (as the API reports even for an empty reply). */
export function countOutputTokens(blocks: readonly ({ type: 'text'; text: string } | { type: 'tool_use'; name: string; input: unknown })[]): number {
  let total = 0;
  for (const block of blocks) {
    total += block.type === 'text' ? countTextTokens(block.text) : TOKEN_OVERHEAD.toolUse + countTextTokens(block.name) + countTextTokens(JSON.stringify(block.input ?? {}));
  }
  return Math.max(1, total);
}
