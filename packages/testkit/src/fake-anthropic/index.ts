// The fake Anthropic server (SPEC §8): the Messages API wire format with faithful prompt caching, a plausible
// default Companion, injectable faults, and record/replay cassettes for the real API.
export { startFakeAnthropic } from './start-fake-anthropic';
export { createFakeAnthropicFetch } from './create-fake-anthropic-fetch';
export { CASSETTE_DRIFT_CODE, createCassetteFetch, type CassetteExchange, type CassetteFetch, type CassetteFile, type CassetteMode, type CassetteOptions } from './cassette';
export { FAKE_ANTHROPIC_MODELS, minimumCacheableTokens } from './models';
export { countRequestTokens, countTextTokens } from './tokens';
export type { PromptCacheEntry } from './prompt-cache';
export type {
  FakeAnthropicControls,
  FakeAnthropicFault,
  FakeAnthropicFetch,
  FakeAnthropicOptions,
  FakeAnthropicResponder,
  FakeAnthropicServer,
  FakeReply,
  FakeReplyBlock,
  FakeResponderContext,
  RecordedRequest,
} from './types';
export type { ApiErrorType as FakeAnthropicErrorType, MessagesRequest as FakeMessagesRequest, WireUsage as FakeAnthropicUsage } from './wire-types';
