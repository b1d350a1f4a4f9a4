// One place where the Anthropic SDK's errors become coded LoomworksErrors (the SDK error stays as `cause`).
import { APIConnectionTimeoutError, APIError, APIUserAbortError, AuthenticationError, PermissionDeniedError } from '@anthropic-ai/sdk';
import { LoomworksError, type ErrorCode } from '@loomworks/core';

export const AUTH_HINT = 'Set ANTHROPIC_API_KEY (or pass apiKey) to a valid Anthropic API key, or use the guided Companion (--companion guided).';

/** The `error.type` of an API error, from the response body or a mid-stream `error` event. */
export function errorType(error: unknown): string | null {
  if (!(error instanceof APIError)) return null;
  const body = error.error as { error?: { type?: unknown }; type?: unknown } | undefined;
  const type = error.type ?? body?.error?.type ?? null;
  return typeof type === 'string' ? type : null;
}

/** An `overloaded_error` that arrived inside a 200 stream (the SDK cannot retry those; the adapter may). */
export function isMidStreamOverload(error: unknown): boolean {
  return error instanceof APIError && error.status === undefined && errorType(error) === 'overloaded_error';
}

function describe(error: APIError): Record<string, unknown> {
  const retryAfter = error.headers?.get('retry-after');
  return {
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(errorType(error) ? { type: errorType(error) } : {}),
    ...(error.requestID ? { requestId: error.requestID } : {}),
    // How long the API asked to wait (seconds or a date), for a caller deciding when to retry.
    ...(retryAfter ? { retryAfter } : {}),
  };
}

function codeOf(error: APIError): ErrorCode {
  if (error instanceof APIConnectionTimeoutError) return 'E_COMPANION_TIMEOUT';
  const type = errorType(error);
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError || type === 'authentication_error' || type === 'permission_error') {
    return 'E_COMPANION_AUTH';
  }
  if (error.status === 429 || type === 'rate_limit_error') return 'E_COMPANION_RATE_LIMITED';
  if (error.status === 529 || type === 'overloaded_error') return 'E_COMPANION_OVERLOADED';
  if (error.status === 408 || error.status === 504 || type === 'timeout_error') return 'E_COMPANION_TIMEOUT';
  return 'E_COMPANION';
}

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  E_COMPANION_TIMEOUT: 'Claude did not answer in time',
  E_COMPANION_AUTH: 'Anthropic rejected the API key',
  E_COMPANION_RATE_LIMITED: 'The Anthropic rate limit was reached',
  E_COMPANION_OVERLOADED: 'Claude is overloaded right now',
  E_ABORTED: 'The Companion call was aborted',
};

const HINTS: Partial<Record<ErrorCode, string>> = {
  E_COMPANION_TIMEOUT: 'Try again; raise timeoutMs if it keeps happening.',
  E_COMPANION_AUTH: AUTH_HINT,
  E_COMPANION_RATE_LIMITED: 'Wait a minute and try again; your message is kept.',
  E_COMPANION_OVERLOADED: 'Try again in a moment; your message is kept.',
};

/** Maps anything the SDK (or a stream) threw to a LoomworksError; LoomworksErrors pass through. */
export function toCompanionError(error: unknown, context: { model: string; aborted: boolean }): LoomworksError {
  if (LoomworksError.is(error)) return error;
  const details = { model: context.model, ...(error instanceof APIError ? describe(error) : {}) };
  if (context.aborted || error instanceof APIUserAbortError) {
    return new LoomworksError('E_ABORTED', MESSAGES.E_ABORTED!, { cause: error, details });
  }
  const code = error instanceof APIError ? codeOf(error) : 'E_COMPANION';
  const reason = error instanceof Error ? error.message : String(error);
  const message = `${MESSAGES[code] ?? 'The Anthropic Companion failed'} (${context.model}): ${reason}`;
  const hint = HINTS[code];
  return new LoomworksError(code, message, { cause: error, details, ...(hint ? { hint } : {}) });
}
