// Failures a command reports itself because it has more to say than main()'s one line: the detail lines
// on stderr, then the error line, and in --json mode main()'s `{ error }` document plus the details.
import { LoomworksError, type ExtractionIssue } from '@loomworks/core';
import { errorDocument, exitCodeOf, type ExitCode } from '../exit-codes';
import type { Output } from '../output';

export type ReportFailureOptions = {
  /** Lines printed on stderr before the error line (in every mode: they are the error's substance). */
  lines?: readonly string[];
  /** Fields of the --json document beside `error`. */
  document?: Record<string, unknown>;
};

/** Reports `error` as main() would, with its details; returns the exit code for the command to return. */
export function reportFailure(out: Output, error: LoomworksError, options: ReportFailureOptions = {}): ExitCode {
  const exitCode = exitCodeOf(error);
  for (const line of options.lines ?? []) out.diagnostic(line);
  out.error(error);
  out.document({ error: errorDocument(error, exitCode), ...options.document });
  return exitCode;
}

/** The error line, after the extraction issues it carries (`details.issues`, with `details.path`): for batch rows, whose documents are written by the batch. */
export function printFailure(out: Output, error: unknown): void {
  const details = LoomworksError.is(error) ? error.details : {};
  if (Array.isArray(details.issues)) out.issues(details.issues as ExtractionIssue[], typeof details.path === 'string' ? details.path : undefined);
  out.error(error);
}
