// Cache-aware prompt assembly: one Companion turn as a Messages API request, laid out so the stable parts
// form a prefix that is byte-identical from turn to turn and session to session.
//
// Layout (cache breakpoints marked ▲; the cacheable prefix runs tools → system → messages):
//   tools:    [record_fields]
//   system:   [the assembled system prompt ▲]                       — same bytes for every turn of every session
//   messages: user      [START]                                      — the conversation always opens with this
//             assistant [Companion text, tool_use record_fields]     — one per Companion turn in the history
//             user      [tool_result, Operator text]                 — one per Operator turn in the history
//             …         (the previous turn's last Operator block ▲) — what the previous request wrote, read back
//             user      [tool_result, this turn's Operator text ▲, <turn_notes>]
// The per-turn notes come after every breakpoint, so the changing state never breaks the cached prefix.
import type Anthropic from '@anthropic-ai/sdk';
import type { CompanionMessage, CompanionRequest } from '@loomworks/core';
import { DEFAULT_MODEL } from './models';
import { RECORD_FIELDS, RECORD_FIELDS_TOOL, recordFieldsInput } from './record-fields-tool';
import { renderTurnNotes } from './turn-notes';

/** The user message every conversation starts with (the Messages API starts with a user turn; the Companion speaks first). */
export const CONVERSATION_START = '(The conversation starts: ask the first question.)';
/** Stands in for the Operator's words on a turn without a message that is not the opening. */
const NO_MESSAGE = '(No new message.)';
/** What each recorded tool call is answered with in the next user message. */
const RECORDED = 'Recorded.';

export const DEFAULT_MAX_TOKENS = 4096;

export type CacheSetting = '5m' | '1h' | false;

export type BuildMessagesRequestOptions = {
  /** Default `DEFAULT_MODEL`. */
  model?: string;
  /** Cache lifetime of the breakpoints, or `false` for none. Default `'5m'`. */
  cache?: CacheSetting;
  /** Default 4096. */
  maxTokens?: number;
};

/** The body of a streaming Messages API request. */
export type MessagesRequest = Anthropic.MessageCreateParamsStreaming;

type Block = Anthropic.ContentBlockParam;
type Message = { role: 'user' | 'assistant'; content: Block[] };

/** The deterministic id of the tool call a Companion turn made: the same on every rebuild, so the prefix stays identical. */
export function toolUseId(turn: number): string {
  return `toolu_loomworks_${turn}`;
}

function cacheControl(cache: CacheSetting): Anthropic.CacheControlEphemeral | null {
  if (cache === false) return null;
  return cache === '1h' ? { type: 'ephemeral', ttl: '1h' } : { type: 'ephemeral' };
}

function text(value: string): Anthropic.TextBlockParam {
  return { type: 'text', text: value };
}

function companionBlocks(message: CompanionMessage): Block[] {
  const blocks: Block[] = [];
  if (message.text.trim() !== '') blocks.push(text(message.text));
  if (message.record) {
    blocks.push({ type: 'tool_use', id: toolUseId(message.turn), name: RECORD_FIELDS, input: recordFieldsInput(message.record.values, message.record.asking) });
  }
  return blocks;
}

/** Appends a message, merging it into the previous one when the role repeats (the API wants strict alternation). */
function push(messages: Message[], role: Message['role'], content: Block[]): void {
  if (content.length === 0) return;
  const last = messages[messages.length - 1];
  if (last && last.role === role) last.content.push(...content);
  else messages.push({ role, content });
}

/** Starts each user message that follows a tool call with the matching tool results. */
function answerToolCalls(messages: Message[]): void {
  for (let index = 0; index < messages.length; index += 1) {
    const message = messages[index]!;
    if (message.role !== 'assistant') continue;
    const ids = message.content.flatMap((block) => (block.type === 'tool_use' ? [block.id] : []));
    const next = messages[index + 1];
    if (ids.length === 0 || !next) continue;
    next.content.unshift(...ids.map((id): Block => ({ type: 'tool_result', tool_use_id: id, content: RECORDED })));
  }
}

function markLastBlock(message: Message | undefined, control: Anthropic.CacheControlEphemeral): void {
  const block = message?.content[message.content.length - 1];
  if (block && (block.type === 'text' || block.type === 'tool_result' || block.type === 'tool_use')) block.cache_control = control;
}

/** The Messages API request for one Companion turn. Pure: the same request and options always give the same body. */
export function buildMessagesRequest(request: CompanionRequest, options: BuildMessagesRequestOptions = {}): MessagesRequest {
  const control = cacheControl(options.cache ?? '5m');
  const messages: Message[] = [{ role: 'user', content: [text(CONVERSATION_START)] }];
  for (const message of request.history) {
    if (message.role === 'companion') push(messages, 'assistant', companionBlocks(message));
    else if (message.text.trim() !== '') push(messages, 'user', [text(message.text)]);
  }
  const operatorWords = request.message ?? (request.history.length === 0 ? null : NO_MESSAGE);
  // On the opening turn the START message is itself the final user message.
  if (operatorWords !== null) push(messages, 'user', [text(operatorWords)]);
  answerToolCalls(messages);

  if (control) {
    // This turn's conversation so far, and the same position of the previous turn (written by the previous
    // request): a request reads a cached prefix only where one of its own breakpoints ends it.
    markLastBlock(messages[messages.length - 1], control);
    const previousUser = messages.slice(0, -1).findLast((message) => message.role === 'user');
    markLastBlock(previousUser, control);
  }
  messages[messages.length - 1]!.content.push(text(renderTurnNotes(request)));

  const system: Anthropic.TextBlockParam = control ? { ...text(request.system.text), cache_control: control } : text(request.system.text);
  return {
    model: options.model ?? DEFAULT_MODEL,
    max_tokens: options.maxTokens ?? DEFAULT_MAX_TOKENS,
    system: [system],
    tools: [RECORD_FIELDS_TOOL],
    tool_choice: request.recordOnly ? { type: 'tool', name: RECORD_FIELDS } : { type: 'auto' },
    messages,
    stream: true,
  };
}
