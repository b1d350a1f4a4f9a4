// AuthError: the one error every @loomworks/auth call rejects with when authentication fails.
import { LoomworksError, type ErrorCode, type LoomworksErrorOptions } from '@loomworks/core';

/** The codes of core's registry that mean "authentication failed" (SPEC §9). */
export const AUTH_ERROR_CODES = [
  'AUTH_CHALLENGE_EXPIRED',
  'AUTH_CHALLENGE_UNKNOWN',
  'AUTH_ORIGIN_MISMATCH',
  'AUTH_VERIFICATION_FAILED',
  'AUTH_CREDENTIAL_UNKNOWN',
  'AUTH_USER_HANDLE_MISMATCH',
  'AUTH_COUNTER_REGRESSION',
  'AUTH_LAST_PASSKEY',
  'AUTH_RECOVERY_CODE_INVALID',
  'AUTH_SESSION_INVALID',
] as const satisfies readonly ErrorCode[];

export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

const authErrorCodes: ReadonlySet<string> = new Set(AUTH_ERROR_CODES);

/**
 * A LoomworksError whose code is one of the AUTH_* codes. Identity follows LoomworksError: a
 * registered symbol, not `instanceof`, so `AuthError.is` also recognises errors from another copy.
 */
export class AuthError extends LoomworksError {
  declare readonly code: AuthErrorCode;

  constructor(code: AuthErrorCode, message: string, options: LoomworksErrorOptions = {}) {
    super(code, message, options);
    this.name = 'AuthError';
  }

  /** True for a LoomworksError carrying an AUTH_* code (and, with `code`, that code). Store errors are not AuthErrors. */
  static override is(value: unknown, code?: ErrorCode | readonly ErrorCode[]): value is AuthError {
    return LoomworksError.is(value, code) && authErrorCodes.has(value.code);
  }
}
