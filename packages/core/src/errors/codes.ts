// The one registry of error codes (SPEC §12). Each code names the exit-code class the CLI maps it to.

export type ErrorClass = 'internal' | 'usage' | 'input' | 'induction' | 'companion' | 'store';

export const ERROR_CODES = {
  E_INTERNAL: { class: 'internal', summary: 'An unexpected internal error.' },
  E_USAGE: { class: 'usage', summary: 'The call or command was used incorrectly.' },
  E_INVALID_INPUT: { class: 'input', summary: 'Input did not validate.' },
  E_INVALID_CONTENT: { class: 'input', summary: 'Content is not readable text with recognisable fields.' },
  E_INVALID_SEED: { class: 'input', summary: 'A Seed did not match the schema.' },
  E_INVALID_MESSAGE: { class: 'input', summary: 'An Operator message was empty or too long.' },
  E_EXTRACTION_FAILED: { class: 'input', summary: 'A Discovery record could not be extracted into a Seed.' },
  E_INDUCTION_FAILED: { class: 'induction', summary: 'Induction failed; the engagement stays a candidate.' },
  E_NOT_FOUND: { class: 'input', summary: 'The requested record does not exist.' },
  E_SESSION_STATE: { class: 'usage', summary: 'The creation session cannot take that action in its current state.' },
  E_PROMPT_UNKNOWN: { class: 'input', summary: 'No prompt asset has that id.' },
  E_PROMPT_VARIABLE: { class: 'input', summary: 'A prompt variable was missing or not declared.' },
  E_PROMPT_PATH: { class: 'input', summary: 'A prompt path escapes its directory, or the prompt folder cannot be read.' },
  E_PROMPT_INVALID: { class: 'input', summary: 'A prompt asset file is malformed or does not match the asset it replaces.' },
  E_PLAIN_TERMS: { class: 'input', summary: 'Operator-facing text uses developer words (the plain-terms lint found them).' },
  E_COMPANION: { class: 'companion', summary: 'The Companion failed to respond.' },
  E_COMPANION_TIMEOUT: { class: 'companion', summary: 'The Companion did not respond in time.' },
  E_COMPANION_OVERLOADED: { class: 'companion', summary: 'The Companion is overloaded; try again.' },
  E_COMPANION_RATE_LIMITED: { class: 'companion', summary: 'The Companion rate limit was reached; try again later.' },
  E_COMPANION_AUTH: { class: 'companion', summary: 'The Companion rejected the credentials.' },
  E_COMPANION_OUTPUT: { class: 'companion', summary: 'The Companion returned output that could not be used.' },
  E_ABORTED: { class: 'companion', summary: 'The operation was aborted.' },
  E_STORE: { class: 'store', summary: 'The store failed.' },
  E_CONFLICT: { class: 'store', summary: 'A concurrent write won the race, or a record differs from one already stored.' },
  E_STORE_CLOSED: { class: 'store', summary: 'The store has been closed.' },
  E_SCHEMA_VERSION: { class: 'store', summary: 'The database schema is newer than this version understands.' },
  E_POSTGRES_UNAVAILABLE: { class: 'store', summary: 'No Postgres server could be started or reached.' },
  E_CASSETTE_DRIFT: { class: 'input', summary: 'A request no longer matches its recorded cassette.' },
  E_CHAIN_BROKEN: { class: 'input', summary: 'A Memory chain does not verify.' },
  E_ANCHOR: { class: 'store', summary: 'An anchor sink failed.' },
  AUTH_CHALLENGE_EXPIRED: { class: 'input', summary: 'The sign-in challenge expired.' },
  AUTH_CHALLENGE_UNKNOWN: { class: 'input', summary: 'The challenge is unknown, already used, or for another purpose.' },
  AUTH_ORIGIN_MISMATCH: { class: 'input', summary: 'The response came from an origin or RP ID that is not configured.' },
  AUTH_VERIFICATION_FAILED: { class: 'input', summary: 'The passkey response did not verify.' },
  AUTH_CREDENTIAL_UNKNOWN: { class: 'input', summary: 'No passkey with that credential id is registered.' },
  AUTH_USER_HANDLE_MISMATCH: { class: 'input', summary: 'The user handle does not belong to the credential owner.' },
  AUTH_COUNTER_REGRESSION: { class: 'input', summary: 'The authenticator counter went backwards (possible cloned key).' },
  AUTH_LAST_PASSKEY: { class: 'input', summary: 'The last passkey of a person cannot be removed.' },
  AUTH_RECOVERY_CODE_INVALID: { class: 'input', summary: 'The recovery code is unknown or already used.' },
  AUTH_SESSION_INVALID: { class: 'input', summary: 'The session is unknown, expired or revoked.' },
} as const satisfies Record<string, { class: ErrorClass; summary: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}
