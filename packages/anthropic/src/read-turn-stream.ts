// Reads one streamed Messages API response: forwards text deltas as they arrive and gathers the tool input,
// the stop reason and the usage.
import type Anthropic from '@anthropic-ai/sdk';
import type { TokenUsage } from '@loomworks/core';
import { RECORD_FIELDS } from './record-fields-tool';

export type TurnStreamResult = {
  /** The raw JSON text of each `record_fields` call, in order. */
  toolInputs: string[];
  stopReason: Anthropic.StopReason | null;
  usage: TokenUsage;
  /** True once `message_stop` arrived: a stream that ends without it was cut off. */
  complete: boolean;
};

export const ZERO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 };

type UsageFields = { input_tokens?: number | null; output_tokens?: number | null; cache_creation_input_tokens?: number | null; cache_read_input_tokens?: number | null };

/** Usage fields override what came before: `message_delta` carries cumulative counts. */
function withUsage(usage: TokenUsage, fields: UsageFields | null | undefined): TokenUsage {
  if (!fields) return usage;
  return {
    inputTokens: fields.input_tokens ?? usage.inputTokens,
    outputTokens: fields.output_tokens ?? usage.outputTokens,
    cacheWriteTokens: fields.cache_creation_input_tokens ?? usage.cacheWriteTokens,
    cacheReadTokens: fields.cache_read_input_tokens ?? usage.cacheReadTokens,
  };
}

export function emptyTurnStreamResult(): TurnStreamResult {
  return { toolInputs: [], stopReason: null, usage: ZERO_USAGE, complete: false };
}

/**
 * Yields each text delta of `events` and fills `result` as the message goes (so a stream that fails midway
 * still reports the usage it had). `onEvent` runs on every event (the idle timeout uses it). Errors inside
 * the stream (an `error` event) are thrown by the SDK's iterator.
 */
export async function* readTurnStream(
  events: AsyncIterable<Anthropic.RawMessageStreamEvent>,
  result: TurnStreamResult,
  onEvent: () => void,
): AsyncGenerator<string, TurnStreamResult> {
  const textBlocks = new Set<number>();
  const toolBlocks = new Map<number, { json: string; initial: unknown }>();
  const finishTool = (index: number) => {
    const block = toolBlocks.get(index);
    if (!block) return;
    toolBlocks.delete(index);
    // A tool block without deltas carries its whole input on content_block_start.
    result.toolInputs.push(block.json !== '' ? block.json : JSON.stringify(block.initial ?? {}));
  };
  for await (const event of events) {
    onEvent();
    switch (event.type) {
      case 'message_start':
        result.usage = withUsage(result.usage, event.message.usage);
        break;
      case 'content_block_start': {
        const block = event.content_block;
        if (block.type === 'text') {
          textBlocks.add(event.index);
          if (block.text !== '') yield block.text;
        } else if (block.type === 'tool_use' && block.name === RECORD_FIELDS) {
          toolBlocks.set(event.index, { json: '', initial: block.input });
        }
        break;
      }
      case 'content_block_delta': {
        const delta = event.delta;
        if (delta.type === 'text_delta' && textBlocks.has(event.index)) {
          if (delta.text !== '') yield delta.text;
        } else if (delta.type === 'input_json_delta') {
          const block = toolBlocks.get(event.index);
          if (block) block.json += delta.partial_json;
        }
        break;
      }
      case 'content_block_stop':
        finishTool(event.index);
        break;
      case 'message_delta':
        result.stopReason = event.delta.stop_reason ?? result.stopReason;
        result.usage = withUsage(result.usage, event.usage);
        break;
      case 'message_stop':
        result.complete = true;
        break;
    }
  }
  // A tool block the stream never closed (cut off by max_tokens) still counts: its JSON is judged later.
  for (const index of [...toolBlocks.keys()]) finishTool(index);
  return result;
}
