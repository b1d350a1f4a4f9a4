// Extraction issues and warnings as compilers print them, so editors and terminals can jump to the spot.
import { LoomworksError, type ExtractionIssue } from '@loomworks/core';
import type { ExitCode } from '../exit-codes';
import { formatIssue, type Output } from '../output';
import { reportFailure } from './failure';
import { plural } from './plural';


/**
 * A Discovery record that does not extract: each issue on stderr, the error line, and in --json mode
 * `{ error, issues }`. Exit 3. The issues are also in `error.issues`, where main() and `loom upload` put
 * them, so a script reads them the same way from every command.
 */
export function reportExtractionFailure(out: Output, path: string, issues: readonly ExtractionIssue[]): ExitCode {
  const error = new LoomworksError('E_EXTRACTION_FAILED', `${path} does not extract into a Seed (${plural(issues.length, 'issue')})`, {
    details: { path, issues },
    hint: 'Fix the lines named above; examples/marketing/content.md shows the layout.',
  });
  return reportFailure(out, error, { lines: issues.map((issue) => formatIssue(issue, path)), document: { issues } });
}
