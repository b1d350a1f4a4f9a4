// The fake Anthropic server's public types: its options, scripted replies, faults, and what it records.
import type { Clock } from '@loomworks/core';
import type { PromptCacheEntry } from './prompt-cache';
import type { ApiErrorType, MessagesRequest, StopReason, WireUsage } from './wire-types';

/** One block of a scripted reply. */
export type FakeReplyBlock =
  | {
      type: 'text';
      /** The text; an array gives the exact `text_delta`s to stream (default: one per word). */
      text: string | readonly string[];
    }
  | {
      type: 'tool_use';
      name: string;
      input: unknown;
      /** Default: a fresh `toolu_fake_…` id. */
      id?: string;
      /** The exact `partial_json` pieces to stream (default: the input's JSON in short pieces). */
      jsonChunks?: readonly string[];
    };

/**
 * A scripted reply. `text` and `toolUse` are shorthands for a text block followed by a tool_use block;
 * `content` lists the blocks explicitly (and wins over both).
 */
export type FakeReply = {
  text?: string | readonly string[];
  toolUse?: { name: string; input: unknown; id?: string; jsonChunks?: readonly string[] };
  content?: readonly FakeReplyBlock[];
  /** Default: `tool_use` when the reply calls a tool, else `end_turn` (`max_tokens` when cut short). */
  stopReason?: StopReason;
  /** Numbers to report instead of the computed ones (the cache is still updated as computed). */
  usage?: Partial<Pick<WireUsage, 'input_tokens' | 'output_tokens' | 'cache_creation_input_tokens' | 'cache_read_input_tokens'>>;
};

export type FakeResponderContext = {
  /** Which `POST /v1/messages` call this is (1-based, counting every call the fake received). */
  call: number;
  /** What the default responder (the plausible Companion) would reply. */
  defaultReply(): Promise<FakeReply>;
};

/** Answers a validated request; may be async. */
export type FakeAnthropicResponder = (request: MessagesRequest, context: FakeResponderContext) => FakeReply | Promise<FakeReply>;

/** A fault to inject. Faults with `call` hit that call; faults without it are a queue, one per call. */
export type FakeAnthropicFault = (
  | {
      /** An HTTP error with the API's error body. Default error type from the status (429 rate_limit_error, 529 overloaded_error, …). */
      kind: 'http';
      status: number;
      errorType?: ApiErrorType;
      message?: string;
      /** `retry-after` header, in seconds (sent by default with 429: 1). */
      retryAfterSeconds?: number;
      /** `retry-after-ms` header: the SDK prefers it, which keeps retry tests fast. */
      retryAfterMs?: number;
    }
  | {
      /** Latency for one request: before the response headers, and/or between SSE events. */
      kind: 'latency';
      beforeHeadersMs?: number;
      betweenEventsMs?: number;
    }
  | {
      /** Never answers: the response never starts until the client gives up (a timeout). */
      kind: 'hang';
    }
  | {
      /**
       * An `event: error` mid-stream, after `afterTextDeltas` text deltas (default 0: before any text, right
       * after `message_start`). A non-streaming request gets the same error as an HTTP error instead.
       */
      kind: 'stream-error';
      afterTextDeltas?: number;
      errorType?: ApiErrorType;
      message?: string;
    }
  | {
      /**
       * A tool call whose input is unusable: `invalid-json` streams `partial_json` that does not parse (a
       * non-streaming reply carries the broken text as `input`); `schema` sends valid JSON that fails the
       * tool's schema (`input`, default `{ "unexpected": true }`).
       */
      kind: 'malformed-tool-input';
      form: 'invalid-json' | 'schema';
      input?: unknown;
    }
) & {
  /** Which call of the endpoint it hits (1-based). Without it the fault waits in the queue for the next call. */
  call?: number;
  /** Default `messages`. */
  endpoint?: 'messages' | 'count_tokens';
};

export type FakeAnthropicOptions = {
  /** The clock that ages cache entries (TTL). Default: the system clock. `advanceTime` moves it on. */
  clock?: Clock;
  /** Replies to requests: a function, or a list played in order (then the default responder answers). */
  responder?: FakeAnthropicResponder | readonly FakeReply[];
  /** Faults, by call number or as a queue (see FakeAnthropicFault). More can be injected later. */
  faults?: readonly FakeAnthropicFault[];
  /** Delay before every response's headers. Default 0. */
  latencyMs?: number;
  /** Faithful prompt caching. Default true; false gives the uncached baseline (every token is input). */
  cache?: boolean;
  /** Overrides every model's minimum cacheable prefix length (tokens). */
  minimumCacheableTokens?: number;
  /** When set, requests must carry this key (else 401 authentication_error); any key is accepted otherwise. */
  apiKey?: string;
};

/** One request the fake received, as the fake saw and answered it. */
export type RecordedRequest = {
  method: string;
  /** The URL path, e.g. `/v1/messages`. */
  path: string;
  /** Lower-case header names; API keys and any other credentials read `[redacted]`. */
  headers: Record<string, string>;
  /** The parsed JSON body (the raw text when it is not JSON; null when empty). */
  body: unknown;
  /** When it arrived, on the fake's clock (ms since the epoch). */
  at: number;
  /** 1-based count of calls to this endpoint. */
  call: number;
  /** The status answered (0 while the request is still in progress, or when the client gave up first). */
  status: number;
  stream: boolean;
  /** The fault applied to it, if any. */
  fault: FakeAnthropicFault | null;
  /** The usage billed (null when no message was produced: an error before processing, count_tokens). */
  usage: WireUsage | null;
  /** What the request did to the prompt cache: where the read prefix ended and each written one. */
  cache: { read: string | null; written: string[] } | null;
  /** The error answered, when it was one. */
  error: { type: ApiErrorType; message: string } | null;
};

/** Controls shared by the HTTP server and the in-process fetch. */
export type FakeAnthropicControls = {
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** The prompt cache: its unexpired entries, or clear it. */
  readonly cache: { entries(): PromptCacheEntry[]; clear(): void };
  /** Moves the fake's clock on (cache entries expire; `at` of later requests moves too). */
  advanceTime(milliseconds: number): void;
  /** The fake's current time (ms). */
  now(): number;
  /** Adds faults (as in the `faults` option). */
  inject(...faults: FakeAnthropicFault[]): void;
};

export type FakeAnthropicServer = FakeAnthropicControls & {
  /** Base URL, e.g. `http://127.0.0.1:43121` (point `ANTHROPIC_BASE_URL` or the SDK's `baseURL` at it). */
  readonly url: string;
  /** Stops listening and ends open connections. Idempotent. */
  close(): Promise<void>;
};

export type FakeAnthropicFetch = typeof fetch & FakeAnthropicControls;
