// Claude as the Companion (SPEC §8): streams each reply, records values through the strict record_fields
// tool, assembles prompts so the stable prefix is cached, and turns every fault into a coded, resumable error.
import Anthropic from '@anthropic-ai/sdk';
import {
  COMPANION_PROTOCOL_VERSION,
  LoomworksError,
  type AskingTarget,
  type Companion,
  type CompanionEvent,
  type CompanionRequest,
  type CompanionRespondOptions,
  type CompletionRequest,
  type CompletionResult,
  type DraftValues,
  type SeedPart,
  type TokenUsage,
} from '@loomworks/core';
import { buildMessagesRequest, type CacheSetting, type MessagesRequest, DEFAULT_MAX_TOKENS } from './build-messages-request';
import { checkCacheablePrefix, type AnthropicCompanionWarning, type CacheCheck } from './cacheable-prefix';
import { DEFAULT_MODEL } from './models';
import { readTurnStream, emptyTurnStreamResult, ZERO_USAGE, type TurnStreamResult } from './read-turn-stream';
import { RECORD_FIELDS, readRecordFields } from './record-fields-tool';
import { AUTH_HINT, isMidStreamOverload, toCompanionError } from './to-companion-error';

export type AnthropicCompanionOptions = {
  /** Default `ANTHROPIC_API_KEY`. Without either, creation fails with E_COMPANION_AUTH. */
  apiKey?: string;
  /** Default `DEFAULT_MODEL`. */
  model?: string;
  /** Default `ANTHROPIC_BASE_URL`, else the Anthropic API. */
  baseURL?: string;
  /** Injectable fetch (tests, proxies). Default the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** HTTP retries of 408/409/429/5xx/connection errors by the SDK, and of mid-stream overloads by the adapter. Default 2. */
  maxRetries?: number;
  /** Longest wait for a response to start (each attempt) and between two events of a streamed reply. Default 60 000. */
  timeoutMs?: number;
  /** Prompt-cache lifetime, or `false` to send no cache breakpoints. Default `'5m'`. */
  cache?: CacheSetting;
  /** `max_tokens` of each reply. Default 4096. */
  maxTokens?: number;
  defaultHeaders?: Record<string, string>;
  /** Advice that needs no error (a prefix too short to cache, tool values that failed validation). Default: console.warn, once per process for each kind and model. */
  onWarning?: (warning: AnthropicCompanionWarning) => void;
  /**
   * How the prefix length is measured for the cache-minimum warning: `count-tokens` (one count_tokens call per
   * model and prefix per process, before the first reply), `estimate` (about four bytes a token, no call), or
   * `false` (no check). Default `count-tokens`.
   */
  cacheCheck?: CacheCheck;
  /** First delay of the adapter's own retries (a mid-stream overload before any text), doubled each time up to 8 s. Default 500. */
  retryDelayMs?: number;
};

export type AnthropicCompanion = Companion & {
  readonly id: `anthropic:${string}`;
  readonly model: string;
  complete(request: CompletionRequest, options?: CompanionRespondOptions): Promise<CompletionResult>;
};

const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_RETRY_DELAY_MS = 8_000;

const warnedInProcess = new Set<string>();

function warnOncePerProcess(warning: AnthropicCompanionWarning): void {
  const key = `${warning.code}\n${warning.details.model}`;
  if (warnedInProcess.has(key)) return;
  warnedInProcess.add(key);
  console.warn(`@loomworks/anthropic: ${warning.message}`);
}

function addUsage(left: TokenUsage, right: TokenUsage): TokenUsage {
  return {
    inputTokens: left.inputTokens + right.inputTokens,
    outputTokens: left.outputTokens + right.outputTokens,
    cacheWriteTokens: left.cacheWriteTokens + right.cacheWriteTokens,
    cacheReadTokens: left.cacheReadTokens + right.cacheReadTokens,
  };
}

function abortedError(model: string): LoomworksError {
  return new LoomworksError('E_ABORTED', 'The Companion call was aborted', { details: { model } });
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function readEnv(name: string): string | undefined {
  return typeof process === 'undefined' ? undefined : process.env[name] || undefined;
}

function checkOptions(options: AnthropicCompanionOptions): void {
  const wholeNumber = (value: number | undefined, minimum: number) => value === undefined || (Number.isInteger(value) && value >= minimum);
  const problems = [
    wholeNumber(options.maxRetries, 0) ? null : 'maxRetries must be a whole number ≥ 0',
    wholeNumber(options.maxTokens, 1) ? null : 'maxTokens must be a whole number ≥ 1',
    options.timeoutMs === undefined || (Number.isFinite(options.timeoutMs) && options.timeoutMs > 0) ? null : 'timeoutMs must be a positive number',
    options.retryDelayMs === undefined || (Number.isFinite(options.retryDelayMs) && options.retryDelayMs >= 0) ? null : 'retryDelayMs must be a number ≥ 0',
    options.cache === undefined || options.cache === false || options.cache === '5m' || options.cache === '1h' ? null : "cache must be '5m', '1h' or false",
  ].filter((problem) => problem !== null);
  if (problems.length > 0) throw new LoomworksError('E_USAGE', `Invalid Anthropic Companion options: ${problems.join('; ')}`, { details: { problems } });
}

/**
 * What a turn asks when Claude did not say (no tool call, or no usable `asking`): the conservative reading —
 * the question still open stays open.
 */
export function inferAsking(request: CompanionRequest): AskingTarget {
  const { state } = request;
  if (request.intent === 'create_engagement_entry') return 'purpose';
  if (request.intent === 'create_engagement_commit' && !request.recordOnly) {
    switch (request.step) {
      case 'missing':
        return state.missing[0] ?? 'close';
      case 'confirm':
      case 'review':
        return 'confirm';
      case 'closing':
        return null;
      case null:
        break;
    }
  }
  return state.lastAsking ?? state.nextPart ?? 'close';
}

const FINISH_REASONS: Partial<Record<Anthropic.StopReason, 'end' | 'max-tokens' | 'tool'>> = {
  end_turn: 'end',
  stop_sequence: 'end',
  max_tokens: 'max-tokens',
  tool_use: 'tool',
};

/**
 * Creates the Anthropic Companion. The API key is checked here, not on the first call: a missing key fails
 * at once with E_COMPANION_AUTH (and a hint), before any session starts.
 */
export function createAnthropicCompanion(options: AnthropicCompanionOptions = {}): AnthropicCompanion {
  checkOptions(options);
  const apiKey = options.apiKey ?? readEnv('ANTHROPIC_API_KEY');
  if (!apiKey) {
    throw new LoomworksError('E_COMPANION_AUTH', 'No Anthropic API key: pass apiKey or set ANTHROPIC_API_KEY', { hint: AUTH_HINT });
  }
  const model = options.model ?? DEFAULT_MODEL;
  const maxRetries = options.maxRetries ?? 2;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const cache = options.cache ?? '5m';
  const maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS;
  const retryDelayMs = options.retryDelayMs ?? 500;
  const cacheCheck = options.cacheCheck ?? 'count-tokens';
  const onWarning = options.onWarning ?? warnOncePerProcess;
  const baseURL = options.baseURL ?? readEnv('ANTHROPIC_BASE_URL');
  const client = new Anthropic({
    apiKey,
    maxRetries,
    timeout: timeoutMs,
    ...(baseURL ? { baseURL } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.defaultHeaders ? { defaultHeaders: options.defaultHeaders } : {}),
  });
  const checkedPrefixes = new Set<string>();

  async function warnIfUncacheable(body: MessagesRequest): Promise<void> {
    if (cache === false || cacheCheck === false) return;
    const { key, warning } = await checkCacheablePrefix(client, body, cacheCheck);
    if (!warning || checkedPrefixes.has(key)) return;
    checkedPrefixes.add(key);
    onWarning(warning);
  }

  /** One streamed call. Text deltas are yielded (and `progress.emitted` set) as they arrive. */
  async function* attempt(body: MessagesRequest, signal: AbortSignal | undefined, progress: { emitted: boolean; result: TurnStreamResult }): AsyncGenerator<string, void> {
    const idle = new AbortController();
    const combined = signal ? AbortSignal.any([signal, idle.signal]) : idle.signal;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => idle.abort(), timeoutMs);
    };
    try {
      const stream = await client.messages.create(body, { signal: combined });
      arm();
      for await (const chunk of readTurnStream(stream, progress.result, arm)) {
        progress.emitted = true;
        // A slow consumer is not a silent server: the idle clock stops while the caller holds the text.
        clearTimeout(timer);
        yield chunk;
        arm();
      }
      // The SDK ends an aborted stream quietly; say why it ended.
      if (signal?.aborted) throw abortedError(model);
      if (idle.signal.aborted) {
        throw new LoomworksError('E_COMPANION_TIMEOUT', `Claude (${model}) sent nothing for ${timeoutMs} ms in the middle of a reply`, {
          details: { model, timeoutMs },
          hint: 'Try again; raise timeoutMs if it keeps happening.',
        });
      }
      if (!progress.result.complete) {
        throw new LoomworksError('E_COMPANION', `Claude's (${model}) reply stopped before its end`, { details: { model } });
      }
    } finally {
      clearTimeout(timer);
    }
  }

  function readToolCalls(request: CompanionRequest, result: TurnStreamResult): Extract<CompanionEvent, { type: 'draft-update' }> {
    const values: DraftValues = {};
    const skipped: SeedPart[] = [];
    const invalid: { part: SeedPart; issues: string[] }[] = [];
    const ignored: string[] = [];
    let asking: AskingTarget | undefined;
    for (const json of result.toolInputs) {
      let input: unknown;
      try {
        input = JSON.parse(json);
      } catch (error) {
        throw new LoomworksError('E_COMPANION_OUTPUT', `Claude (${model}) sent ${RECORD_FIELDS} input that is not JSON`, {
          cause: error,
          details: { model, tool: RECORD_FIELDS, stopReason: result.stopReason, input: json.slice(0, 500) },
          hint: result.stopReason === 'max_tokens' ? 'The reply hit max_tokens; raise maxTokens, then retry the turn.' : 'Retry the turn; your message is kept.',
        });
      }
      const reading = readRecordFields(input);
      Object.assign(values, reading.values);
      for (const part of reading.skipped) if (!skipped.includes(part)) skipped.push(part);
      invalid.push(...reading.invalid);
      ignored.push(...reading.ignored);
      if (reading.asking !== undefined) asking = reading.asking;
    }
    if (invalid.length > 0 || ignored.length > 0) {
      onWarning({
        code: 'invalid-tool-values',
        message: `Claude (${model}) sent ${RECORD_FIELDS} values the schema rejects (${invalid.map((item) => item.part).join(', ') || 'none'}) or does not know (${ignored.join(', ') || 'none'}); they are not recorded.`,
        details: { model, turn: request.turn, invalid, ignored },
      });
    }
    const wantsTool = request.recordOnly || request.intent === 'create_engagement_active';
    if (result.toolInputs.length === 0 && wantsTool) {
      onWarning({
        code: 'no-tool-call',
        message: `Claude (${model}) replied without calling ${RECORD_FIELDS}; nothing was recorded this turn.`,
        details: { model, turn: request.turn, asking: inferAsking(request) },
      });
    }
    return { type: 'draft-update', values, asking: asking === undefined ? inferAsking(request) : asking, ...(skipped.length > 0 ? { skipped } : {}) };
  }

  async function* respond(request: CompanionRequest, respondOptions: CompanionRespondOptions = {}): AsyncGenerator<CompanionEvent, void> {
    const signal = respondOptions.signal;
    if (signal?.aborted) throw abortedError(model);
    if (request.protocol !== COMPANION_PROTOCOL_VERSION) {
      throw new LoomworksError('E_USAGE', `The Anthropic Companion speaks protocol ${COMPANION_PROTOCOL_VERSION}, not ${String(request.protocol)}`, {
        details: { protocol: request.protocol },
      });
    }
    const body = buildMessagesRequest(request, { model, cache, maxTokens });
    await warnIfUncacheable(body);
    const progress = { emitted: false, result: emptyTurnStreamResult() };
    let usage = ZERO_USAGE;
    for (let retries = 0; ; retries += 1) {
      progress.result = emptyTurnStreamResult();
      try {
        for await (const chunk of attempt(body, signal, progress)) yield { type: 'text-delta', text: chunk };
        usage = addUsage(usage, progress.result.usage);
        break;
      } catch (error) {
        // A failed attempt was still billed for what the server reported.
        usage = addUsage(usage, progress.result.usage);
        // Overloaded inside the stream: safe to ask again only while the Operator has seen nothing of this reply.
        if (isMidStreamOverload(error) && !progress.emitted && retries < maxRetries && !signal?.aborted) {
          try {
            await sleep(Math.min(retryDelayMs * 2 ** retries, MAX_RETRY_DELAY_MS), signal);
          } catch (abort) {
            throw toCompanionError(abort, { model, aborted: true });
          }
          continue;
        }
        throw toCompanionError(error, { model, aborted: signal?.aborted === true });
      }
    }
    yield readToolCalls(request, progress.result);
    yield { type: 'usage', usage };
    yield { type: 'finish', reason: (progress.result.stopReason && FINISH_REASONS[progress.result.stopReason]) || 'end' };
  }

  async function complete(request: CompletionRequest, completeOptions: CompanionRespondOptions = {}): Promise<CompletionResult> {
    const signal = completeOptions.signal;
    if (signal?.aborted) throw abortedError(model);
    const prompt: Anthropic.TextBlockParam = { type: 'text', text: request.prompt };
    // Repair loops send the same prompt again: a breakpoint on it lets the retries read it from the cache.
    if (cache !== false) prompt.cache_control = cache === '1h' ? { type: 'ephemeral', ttl: '1h' } : { type: 'ephemeral' };
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: [prompt] }];
    for (const turn of request.history ?? []) {
      const last = messages[messages.length - 1]!;
      const block: Anthropic.TextBlockParam = { type: 'text', text: turn.text };
      if (last.role === turn.role && Array.isArray(last.content)) last.content.push(block);
      else messages.push({ role: turn.role, content: [block] });
    }
    try {
      const message = await client.messages.create(
        { model, max_tokens: request.maxTokens ?? maxTokens, ...(request.system ? { system: request.system } : {}), messages },
        signal ? { signal } : {},
      );
      const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
      const usage = message.usage;
      return {
        text,
        usage: {
          inputTokens: usage.input_tokens,
          outputTokens: usage.output_tokens,
          cacheWriteTokens: usage.cache_creation_input_tokens ?? 0,
          cacheReadTokens: usage.cache_read_input_tokens ?? 0,
        },
      };
    } catch (error) {
      throw toCompanionError(error, { model, aborted: signal?.aborted === true });
    }
  }

  return { id: `anthropic:${model}`, model, respond, complete };
}
