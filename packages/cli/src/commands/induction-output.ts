// Induction outcomes as people read them: the status in words, one line per finding (in the same form
// `loom create` prints them), and the error a command reports when induction fails.
import { LoomworksError, type Finding, type InductionStatus, type StoredFinding } from '@loomworks/core';
import { plural } from '../format/plural';
import type { Output } from '../output';
import { formatFinding } from './creation-output';

const STATUS_WORDS: Record<InductionStatus, string> = {
  'induction-pass-clean': 'passed',
  'induction-pass-with-notes': 'passed with notes',
  'induction-fail': 'failed',
};

/** `induction-pass-with-notes (passed with notes)`. */
export function statusText(status: InductionStatus | null): string {
  return status === null ? 'not inducted yet' : `${status} (${STATUS_WORDS[status]})`;
}

/** One indented line per finding. Stored findings are the inductor's findings as they were persisted. */
export function findingLines(out: Output, findings: readonly (Finding | StoredFinding)[]): string[] {
  return findings.map((finding) => `  ${formatFinding(out, finding)}`);
}

/** The error a command reports when the Seed it checked fails induction (exit 4). */
export function inductionFailure(name: string, findings: number): LoomworksError {
  return new LoomworksError('E_INDUCTION_FAILED', `${name} fails the final check (${plural(findings, 'finding')} above)`, {
    hint: 'Fix the findings marked fail, then check again.',
  });
}
