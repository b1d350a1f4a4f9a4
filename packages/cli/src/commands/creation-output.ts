// How a creation (create, upload) reads: a short summary for people, the CreationResult for --json, and its
// exit code (0, or 4 when the final check failed and the engagement stays a candidate).
import { FIELDS, type CreationResult, type CreationUsage, type Finding, type StoredFinding } from '@loomworks/core';
import { EXIT_CODES, type ExitCode } from '../exit-codes';
import type { Output } from '../output';

export function creationExitCode(creation: CreationResult): ExitCode {
  return creation.induction.status === 'induction-fail' ? EXIT_CODES.induction : EXIT_CODES.ok;
}

const STATUS_SUMMARY: Record<CreationResult['induction']['status'], string> = {
  'induction-pass-clean': 'passed, nothing to fix',
  'induction-pass-with-notes': 'passed, with notes to look at',
  'induction-fail': 'failed; the project stays a candidate until it is fixed',
};

/** The summary of one creation: name, status, final check, findings, session and token usage. */
export function printCreation(out: Output, creation: CreationResult, cost: string | null = null): void {
  const { engagement, induction } = creation;
  const passed = induction.status !== 'induction-fail';
  const mark = passed ? out.style.green('✓') : out.style.red('✗');
  out.line(`${mark} ${out.style.bold(engagement.name)} ${out.style.dim(`(${engagement.status})`)}`);
  const rows: [string, string][] = [
    ['project', engagement.id],
    ['status', engagement.status],
    ['final check', `${induction.status} — ${STATUS_SUMMARY[induction.status]}`],
    ...(creation.session ? ([['session', creation.session]] as [string, string][]) : []),
    ['tokens', formatUsage(creation.usage)],
  ];
  if (cost) rows.push(['cost', cost]);
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) out.line(`  ${out.style.dim(label.padEnd(width))}  ${value}`);
  if (induction.findings.length > 0) {
    out.line('');
    out.line(out.style.bold('Findings'));
    for (const finding of induction.findings) out.line(`  ${formatFinding(out, finding)}`);
  }
}

/** One finding: severity, code, where it is, and its plain-words explanation. */
export function formatFinding(out: Output, finding: Finding | StoredFinding): string {
  const severity = finding.severity === 'fail' ? out.style.red('fail') : out.style.yellow('note');
  return `${severity} ${finding.code}${findingPlace(finding)}: ${finding.message}`;
}

function findingPlace(finding: Finding | StoredFinding): string {
  const field = finding.field ? FIELDS.find((definition) => definition.key === finding.field) : undefined;
  if (!field) return '';
  return ` (${field.number}. ${field.title}${finding.item === undefined ? '' : `, item ${finding.item + 1}`})`;
}

/** Companion tokens summed over the session: input, output, cache write, cache read. */
export function formatUsage(usage: CreationUsage): string {
  return `${usage.inputTokens} input · ${usage.outputTokens} output · ${usage.cacheWriteTokens} cache write · ${usage.cacheReadTokens} cache read`;
}

/**
 * The price of the tokens, when the Companion has one (SPEC §8: "the CLI prints it with a cost estimate").
 * The guided Companion is free and offline; the Anthropic prices come from @loomworks/anthropic's table,
 * loaded only when that Companion was used (it is already in memory then).
 */
export async function costEstimate(usage: CreationUsage, companionId?: string): Promise<string | null> {
  if (!companionId?.startsWith('anthropic:')) return null;
  const { estimateCost } = await import('@loomworks/anthropic');
  const dollars = estimateCost(usage, companionId.slice('anthropic:'.length));
  return `≈ US$${dollars.toFixed(4)} (an estimate from the @loomworks/anthropic price table)`;
}

/** A short note for a table cell: the final check's status and how many findings it left. */
export function creationNotes(creation: CreationResult): string {
  const fails = creation.induction.findings.filter((finding) => finding.severity === 'fail').length;
  const notes = creation.induction.findings.length - fails;
  const counts = [fails > 0 ? `${fails} to fix` : '', notes > 0 ? `${notes} ${notes === 1 ? 'note' : 'notes'}` : ''].filter(Boolean).join(', ');
  return counts ? `${creation.induction.status} (${counts})` : creation.induction.status;
}
