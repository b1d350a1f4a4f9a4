// createFakeAnthropicFetch (SPEC §8): the fake API in-process — a `fetch` to hand the SDK (`new Anthropic({
// fetch })`), with the same behaviour as the HTTP server and no socket.
import { createFakeAnthropicEngine } from './fake-engine';
import type { FakeAnthropicFetch, FakeAnthropicOptions } from './types';

/** The fake's notional origin; any base URL works, only the path is read. */
const ORIGIN = 'http://fake-anthropic.invalid';

/**
 * A fetch that answers Messages API requests from the fake. Relative URLs resolve against a placeholder
 * origin, so `baseURL` may be anything. Aborting the request's signal rejects it (or errors its body) with
 * an AbortError, as the platform fetch does.
 */
export function createFakeAnthropicFetch(options: FakeAnthropicOptions = {}): FakeAnthropicFetch {
  const engine = createFakeAnthropicEngine(options);
  const fakeFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? new Request(input, init) : new Request(new URL(String(input), ORIGIN), init);
    return engine.handle(request);
  };
  return Object.assign(fakeFetch as typeof fetch, {
    requests: engine.requests,
    cache: engine.cache,
    advanceTime: engine.advanceTime,
    now: engine.now,
    inject: engine.inject,
  });
}
