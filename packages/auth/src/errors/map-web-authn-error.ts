// The one place where SimpleWebAuthn's plain Errors become coded AuthErrors (the original stays as `cause`).
import { LoomworksError } from '@loomworks/core';
import { AuthError, type AuthErrorCode } from './auth-error';

/**
 * SimpleWebAuthn 14 throws plain `Error`s whose only distinguishing feature is their message (and, for
 * the RP ID check, their `name`). This function is deliberately the only code in the package that reads
 * them; anything it does not recognise becomes AUTH_VERIFICATION_FAILED, so a reworded message can only
 * make a code less specific, never let a response through. LoomworksErrors (e.g. from the store) pass
 * through unchanged.
 */
export function mapWebAuthnError(error: unknown, ceremony: 'registration' | 'authentication'): LoomworksError {
  if (LoomworksError.is(error)) return error;
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  const code = codeFor(name, message);
  return new AuthError(code, `The passkey ${ceremony} response was rejected: ${message}`, { cause: error });
}

function codeFor(name: string, message: string): AuthErrorCode {
  // matchExpectedRPID throws an error named UnexpectedRPIDHash: the authenticator signed for another RP ID.
  if (name === 'UnexpectedRPIDHash') return 'AUTH_ORIGIN_MISMATCH';
  if (/response origin|top origin/i.test(message)) return 'AUTH_ORIGIN_MISMATCH';
  // The response answers a challenge other than this flow's: a replayed or cross-flow response.
  if (/response challenge/i.test(message)) return 'AUTH_CHALLENGE_UNKNOWN';
  if (/counter value/i.test(message)) return 'AUTH_COUNTER_REGRESSION';
  return 'AUTH_VERIFICATION_FAILED';
}
