// The exit codes of SPEC §10, and the one place errors become them.
import { LoomworksError, type ErrorClass } from '@loomworks/core';

export const EXIT_CODES = {
  ok: 0,
  internal: 1,
  usage: 2,
  input: 3,
  induction: 4,
  companion: 5,
  store: 6,
  /** Stopped by Ctrl-C (128 + SIGINT, the shell convention); the work so far is kept and can be resumed. */
  interrupted: 130,
} as const satisfies Record<ErrorClass | 'ok' | 'interrupted', number>;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** The exit code for anything thrown: a LoomworksError by its code's class, anything else is internal. */
export function exitCodeOf(error: unknown): ExitCode {
  return LoomworksError.is(error) ? EXIT_CODES[error.errorClass] : EXIT_CODES.internal;
}

/**
 * How a failure reads in --json mode (`{"error": …}` on stdout, or the `error` of a batch NDJSON line).
 * Extraction issues travel with it so scripts see every `line:column`, not only the first.
 */
export function errorDocument(error: unknown, exitCode: ExitCode = exitCodeOf(error)): Record<string, unknown> {
  if (!LoomworksError.is(error)) return { code: 'E_INTERNAL', message: error instanceof Error ? error.message : String(error), exitCode };
  const issues = error.details.issues;
  return {
    code: error.code,
    message: error.message,
    ...(error.hint ? { hint: error.hint } : {}),
    exitCode,
    ...(Array.isArray(issues) ? { issues } : {}),
  };
}
