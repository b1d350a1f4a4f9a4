// The fake API itself, independent of transport: a Fetch-API Request in, a Response out. The HTTP server and
// the in-process fetch both wrap it, so they behave identically.
import { systemClock } from '@loomworks/core';
import { defaultReply } from './default-responder';
import { minimumCacheableTokens } from './models';
import { createPromptCache, type CacheAccounting } from './prompt-cache';
import { prefixBlocks } from './prompt-prefix';
import { countRequestTokens } from './tokens';
import type { FakeAnthropicControls, FakeAnthropicFault, FakeAnthropicOptions, FakeReply, RecordedRequest } from './types';
import { validateRequest, type RequestEndpoint } from './validate-request';
import { errorBody, messageBody, planReply, sseFrame, streamEvents, type PlannedReply } from './wire';
import { errorTypeOfStatus, ERROR_STATUS, type ApiErrorType, type MessagesRequest, type WireUsage } from './wire-types';

export type FakeAnthropicEngine = FakeAnthropicControls & {
  handle(request: Request): Promise<Response>;
};

const ENDPOINTS: Record<string, RequestEndpoint> = { '/v1/messages': 'messages', '/v1/messages/count_tokens': 'count_tokens' };

/** Headers whose values are credentials: never recorded. */
const SECRET_HEADER = /key|token|secret|auth|cookie|session/i;

export const REDACTED = '[redacted]';

function redactHeaders(headers: Headers): Record<string, string> {
  const recorded: Record<string, string> = {};
  headers.forEach((value, name) => {
    recorded[name] = SECRET_HEADER.test(name) ? REDACTED : value;
  });
  return recorded;
}

class Aborted extends Error {}

/** Waits `milliseconds` of real time; rejects when `signal` aborts first. */
function sleep(milliseconds: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new Aborted());
  if (milliseconds <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Aborted());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function waitForAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(new Aborted());
    else signal.addEventListener('abort', () => reject(new Aborted()), { once: true });
  });
}

/** Builds the engine. `defaultReply` answers whenever no scripted reply does. */
export function createFakeAnthropicEngine(options: FakeAnthropicOptions = {}): FakeAnthropicEngine {
  const clock = options.clock ?? systemClock;
  let offset = 0;
  const now = () => clock.now() + offset;
  const cache = createPromptCache(now);
  const requests: RecordedRequest[] = [];
  const scheduled: FakeAnthropicFault[] = [];
  const queued: Record<RequestEndpoint, FakeAnthropicFault[]> = { messages: [], count_tokens: [] };
  const calls: Record<RequestEndpoint, number> = { messages: 0, count_tokens: 0 };
  const scripted = Array.isArray(options.responder) ? [...(options.responder as readonly FakeReply[])] : null;
  const responder = typeof options.responder === 'function' ? options.responder : null;
  let messageCount = 0;
  let toolUseCount = 0;
  let requestCount = 0;

  function inject(...faults: FakeAnthropicFault[]): void {
    for (const fault of faults) {
      if (fault.call !== undefined) scheduled.push(fault);
      else queued[fault.endpoint ?? 'messages'].push(fault);
    }
  }
  inject(...(options.faults ?? []));

  function takeFault(endpoint: RequestEndpoint, call: number): FakeAnthropicFault | null {
    const index = scheduled.findIndex((fault) => fault.call === call && (fault.endpoint ?? 'messages') === endpoint);
    if (index >= 0) return scheduled.splice(index, 1)[0] as FakeAnthropicFault;
    return queued[endpoint].shift() ?? null;
  }

  const pad = (count: number) => String(count).padStart(4, '0');

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const requestId = `req_fake_${pad(++requestCount)}`;
    const signal = request.signal;
    const text = await request.text();
    let body: unknown = null;
    let parsed = text !== '';
    if (parsed) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
        parsed = false;
      }
    }
    const endpoint = request.method === 'POST' ? ENDPOINTS[url.pathname] : undefined;
    const call = endpoint ? ++calls[endpoint] : 0;
    const record: RecordedRequest = {
      method: request.method,
      path: url.pathname,
      headers: redactHeaders(request.headers),
      body,
      at: now(),
      call,
      status: 0,
      stream: typeof body === 'object' && body !== null && (body as { stream?: unknown }).stream === true,
      fault: null,
      usage: null,
      cache: null,
      error: null,
    };
    requests.push(record);

    const answerError = (type: ApiErrorType, message: string, status = ERROR_STATUS[type], headers: Record<string, string> = {}): Response => {
      record.status = status;
      record.error = { type, message };
      return Response.json(errorBody(type, message, requestId), { status, headers: { 'request-id': requestId, ...headers } });
    };

    if (!endpoint) return answerError('not_found_error', `Not found: ${request.method} ${url.pathname}`);
    const fault = takeFault(endpoint, call);
    record.fault = fault;

    try {
      await sleep(options.latencyMs ?? 0, signal);
      if (fault?.kind === 'latency') await sleep(fault.beforeHeadersMs ?? 0, signal);
      if (fault?.kind === 'hang') await waitForAbort(signal);
    } catch (error) {
      if (error instanceof Aborted) throw abortError();
      throw error;
    }

    const key = request.headers.get('x-api-key') ?? request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') ?? null;
    if (!key) return answerError('authentication_error', 'x-api-key header is required');
    if (options.apiKey !== undefined && key !== options.apiKey) return answerError('authentication_error', 'invalid x-api-key');
    if (!request.headers.get('anthropic-version')) return answerError('invalid_request_error', 'anthropic-version: header is required');

    if (fault?.kind === 'http' || (fault?.kind === 'stream-error' && !record.stream)) {
      const type = fault.errorType ?? (fault.kind === 'http' ? errorTypeOfStatus(fault.status) : 'overloaded_error');
      const status = fault.kind === 'http' ? fault.status : ERROR_STATUS[type];
      const headers: Record<string, string> = {};
      if (fault.kind === 'http') {
        const seconds = fault.retryAfterSeconds ?? (status === 429 ? 1 : undefined);
        if (seconds !== undefined) headers['retry-after'] = String(seconds);
        if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
      }
      return answerError(type, fault.message ?? defaultErrorMessage(type), status, headers);
    }

    if (!parsed) return answerError('invalid_request_error', text === '' ? 'The request body is empty.' : 'The request body is not valid JSON.');
    const validation = validateRequest(body, endpoint);
    if (!validation.ok) return answerError(validation.problem.type, validation.problem.message);
    const valid = validation.request;

    if (endpoint === 'count_tokens') {
      record.status = 200;
      return Response.json({ input_tokens: countRequestTokens(valid) }, { headers: { 'request-id': requestId } });
    }

    let reply: FakeReply;
    try {
      reply = await replyFor(valid, call);
    } catch (error) {
      // A broken custom responder is a test bug: say so plainly, and tell the SDK not to retry it.
      return answerError('api_error', `The fake's responder threw: ${error instanceof Error ? error.message : String(error)}`, 500, { 'x-should-retry': 'false' });
    }
    const plan = planReply(reply, valid.max_tokens, () => `toolu_fake_${pad(++toolUseCount)}`);
    if (fault?.kind === 'malformed-tool-input') malformToolInput(plan, fault, record.stream);
    const accounting = accountCache(valid);
    const usage = usageOf(accounting, plan, reply.usage);
    record.usage = usage;
    record.cache = { read: accounting.read, written: accounting.written };
    record.status = 200;
    const id = `msg_fake_${pad(++messageCount)}`;

    if (!record.stream) return Response.json(messageBody(id, valid.model, plan, usage), { headers: { 'request-id': requestId } });

    const events = streamEvents(id, valid.model, plan, usage);
    const streamFault = fault?.kind === 'stream-error' ? fault : null;
    const betweenEventsMs = fault?.kind === 'latency' ? (fault.betweenEventsMs ?? 0) : 0;
    return new Response(sseBody(events, streamFault, betweenEventsMs, signal), {
      headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'request-id': requestId },
    });
  }

  async function replyFor(request: MessagesRequest, call: number): Promise<FakeReply> {
    const fallback = () => defaultReply(request);
    if (scripted && scripted.length > 0) return scripted.shift() as FakeReply;
    if (responder) return responder(request, { call, defaultReply: fallback });
    return fallback();
  }

  function accountCache(request: MessagesRequest): CacheAccounting {
    const total = countRequestTokens(request);
    if (options.cache === false) {
      return { readTokens: 0, creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 }, uncachedTokens: total, read: null, written: [] };
    }
    const minimum = options.minimumCacheableTokens ?? minimumCacheableTokens(request.model);
    return cache.account(request.model, prefixBlocks(request), total, minimum);
  }

  return {
    handle,
    requests,
    cache: { entries: () => cache.entries(), clear: () => cache.clear() },
    advanceTime(milliseconds: number) {
      offset += milliseconds;
    },
    now,
    inject,
  };
}

function defaultErrorMessage(type: ApiErrorType): string {
  switch (type) {
    case 'rate_limit_error':
      return 'Number of request tokens has exceeded your per-minute rate limit';
    case 'overloaded_error':
      return 'Overloaded';
    case 'api_error':
      return 'Internal server error';
    case 'authentication_error':
      return 'invalid x-api-key';
    case 'invalid_request_error':
      return 'Invalid request';
    default:
      return type.replace(/_/g, ' ');
  }
}

function usageOf(accounting: CacheAccounting, plan: PlannedReply, overrides: FakeReply['usage']): WireUsage {
  const creation = accounting.creation.ephemeral_5m_input_tokens + accounting.creation.ephemeral_1h_input_tokens;
  return {
    input_tokens: accounting.uncachedTokens,
    cache_creation_input_tokens: creation,
    cache_read_input_tokens: accounting.readTokens,
    cache_creation: { ...accounting.creation },
    output_tokens: plan.outputTokens,
    service_tier: 'standard',
    server_tool_use: null,
    inference_geo: null,
    output_tokens_details: null,
    speed: null,
    ...overrides,
  };
}

/** Breaks the first tool call's input as the fault asks. */
function malformToolInput(plan: PlannedReply, fault: Extract<FakeAnthropicFault, { kind: 'malformed-tool-input' }>, stream: boolean): void {
  const index = plan.blocks.findIndex((block) => block.type === 'tool_use');
  const block = plan.blocks[index];
  if (!block || block.type !== 'tool_use') return;
  if (fault.form === 'schema') {
    const input = fault.input ?? { unexpected: true };
    plan.blocks[index] = { ...block, input, chunks: [JSON.stringify(input)] };
    return;
  }
  // A trailing comma: looks like JSON, does not parse.
  const broken = JSON.stringify(block.input ?? {}).replace(/}$/, ',}');
  plan.blocks[index] = { ...block, input: stream ? block.input : broken, chunks: [broken.slice(0, Math.ceil(broken.length / 2)), broken.slice(Math.ceil(broken.length / 2))] };
}

function abortError(): Error {
  return new DOMException('This operation was aborted', 'AbortError');
}

/** The SSE body: every event in order, an `error` event where the fault says, delays between events. */
function sseBody(
  events: ReturnType<typeof streamEvents>,
  fault: Extract<FakeAnthropicFault, { kind: 'stream-error' }> | null,
  betweenEventsMs: number,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let index = 0;
  let textDeltas = 0;
  let finished = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      // A client that gives up mid-stream sees its read fail, as with a real connection.
      signal.addEventListener(
        'abort',
        () => {
          if (finished) return;
          finished = true;
          controller.error(abortError());
        },
        { once: true },
      );
    },
    async pull(controller) {
      if (finished) return;
      if (index > 0 && betweenEventsMs > 0) {
        try {
          await sleep(betweenEventsMs, signal);
        } catch {
          finished = true;
          controller.error(abortError());
          return;
        }
      }
      const next = events[index];
      const errorDue = fault !== null && index > 0 && textDeltas >= (fault.afterTextDeltas ?? 0) && (next === undefined || next.textDelta || next.event === 'message_delta');
      if (errorDue) {
        const type = fault.errorType ?? 'overloaded_error';
        controller.enqueue(encoder.encode(sseFrame('error', errorBody(type, fault.message ?? defaultErrorMessage(type)))));
        finished = true;
        controller.close();
        return;
      }
      if (!next) {
        finished = true;
        controller.close();
        return;
      }
      index += 1;
      if (next.textDelta) textDeltas += 1;
      controller.enqueue(encoder.encode(sseFrame(next.event, next.data)));
    },
  });
}
