// Many files in one command (create --from, upload): which files, one outcome per file, a progress bar,
// NDJSON lines or a summary table, and the batch's exit code — the most severe outcome of any file.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LoomworksError, type CreationResult } from '@loomworks/core';
import { EXIT_CODES, errorDocument, exitCodeOf, type ExitCode } from '../exit-codes';
import { printFailure } from '../format/failure';
import type { Output } from '../output';
import { creationExitCode, creationNotes } from './creation-output';

export type InputList = {
  files: string[];
  /** True when a folder or more than one file was given: NDJSON and a table instead of one result. */
  batch: boolean;
};

/** Expands the given paths: a folder stands for its `*.md` files (sorted, not recursive); files stay as given. */
export async function expandInputs(paths: readonly string[]): Promise<InputList> {
  const files: string[] = [];
  let folders = 0;
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info?.isDirectory()) {
      // Missing or unreadable files are reported by readInputFile, in their own row.
      files.push(path);
      continue;
    }
    folders += 1;
    const names = (await readdir(path, { withFileTypes: true }))
      .filter((entry) => !entry.isDirectory() && entry.name.toLowerCase().endsWith('.md'))
      .map((entry) => entry.name)
      .sort();
    if (names.length === 0) throw new LoomworksError('E_INVALID_INPUT', `${path} has no .md files`, { hint: 'Give Markdown files, or a folder that holds some.' });
    files.push(...names.map((name) => join(path, name)));
  }
  return { files, batch: folders > 0 || files.length > 1 };
}

/**
 * Which per-file outcome decides a batch's exit code, least severe first: a committed project whose
 * final check failed (4) < a file rejected before anything was written (3) < a usage problem (2) <
 * the Companion (5) < the store (6) < an internal error (1) < Ctrl-C (130).
 */
const SEVERITY: readonly ExitCode[] = [
  EXIT_CODES.ok,
  EXIT_CODES.induction,
  EXIT_CODES.input,
  EXIT_CODES.usage,
  EXIT_CODES.companion,
  EXIT_CODES.store,
  EXIT_CODES.internal,
  EXIT_CODES.interrupted,
];

export function mostSevere(codes: readonly ExitCode[]): ExitCode {
  return codes.reduce<ExitCode>((worst, code) => (SEVERITY.indexOf(code) > SEVERITY.indexOf(worst) ? code : worst), EXIT_CODES.ok);
}

export type FileOutcome = { file: string; exitCode: ExitCode } & ({ ok: true; creation: CreationResult } | { ok: false; error: unknown });

export type RunBatchOptions = {
  files: readonly string[];
  /** Stop at the first file whose outcome is not 0. */
  bail: boolean;
  signal: AbortSignal;
  /** Reads, checks and creates one file; throws a LoomworksError when it cannot. */
  create: (file: string) => Promise<CreationResult>;
};

/** Processes every file in order, one NDJSON line each in --json mode, then a summary table for people. */
export async function runBatch(out: Output, options: RunBatchOptions): Promise<ExitCode> {
  const outcomes: FileOutcome[] = [];
  const progress = out.progress(options.files.length);
  for (const file of options.files) {
    if (options.signal.aborted) break;
    const outcome = await settle(file, options);
    outcomes.push(outcome);
    if (outcome.ok) {
      out.document({ file, ok: true, ...outcome.creation });
      progress.tick(`${file}: ${outcome.creation.engagement.name} (${outcome.creation.engagement.status}, ${outcome.creation.induction.status})`);
    } else {
      out.document({ file, ok: false, error: errorDocument(outcome.error, outcome.exitCode) });
      progress.tick(`${file}: not created`);
      progress.done();
      printFailure(out, outcome.error);
    }
    if (outcome.exitCode === EXIT_CODES.interrupted || (options.bail && outcome.exitCode !== EXIT_CODES.ok)) break;
  }
  progress.done();

  if (!out.json) {
    const done = new Set(outcomes.map((outcome) => outcome.file));
    const stopped = options.files.filter((file) => !done.has(file));
    out.line('');
    out.table(
      ['file', 'name', 'status', 'notes'],
      [
        ...outcomes.map((outcome) =>
          outcome.ok
            ? [outcome.file, outcome.creation.engagement.name, outcome.creation.engagement.status, creationNotes(outcome.creation)]
            : [outcome.file, '—', 'not created', failureNote(outcome.file, outcome.error)],
        ),
        ...stopped.map((file) => [file, '—', 'skipped', options.signal.aborted ? 'stopped by Ctrl-C' : 'stopped by --bail']),
      ],
    );
    out.line('');
    out.line(summary(outcomes, stopped.length));
  }
  return mostSevere(outcomes.map((outcome) => outcome.exitCode));
}

async function settle(file: string, options: RunBatchOptions): Promise<FileOutcome> {
  try {
    const creation = await options.create(file);
    return { file, ok: true, creation, exitCode: creationExitCode(creation) };
  } catch (error) {
    const exitCode = options.signal.aborted && LoomworksError.is(error, 'E_ABORTED') ? EXIT_CODES.interrupted : exitCodeOf(error);
    return { file, ok: false, error, exitCode };
  }
}

/** The extraction issues an error carries (`path:line:column code message` each), then its error line and hint, on stderr. */

/** The error for a table cell, without the file name the row already shows. */
function failureNote(file: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = LoomworksError.is(error) ? error.code : 'E_INTERNAL';
  return `${code} ${message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message}`;
}

function summary(outcomes: readonly FileOutcome[], skipped: number): string {
  const active = outcomes.filter((outcome) => outcome.ok && outcome.exitCode === EXIT_CODES.ok).length;
  const candidates = outcomes.filter((outcome) => outcome.ok && outcome.exitCode !== EXIT_CODES.ok).length;
  const failed = outcomes.filter((outcome) => !outcome.ok).length;
  const parts = [
    `${active} created`,
    ...(candidates > 0 ? [`${candidates} created as ${candidates === 1 ? 'a candidate' : 'candidates'} (final check failed)`] : []),
    ...(failed > 0 ? [`${failed} not created`] : []),
    ...(skipped > 0 ? [`${skipped} skipped`] : []),
  ];
  return `${outcomes.length + skipped} files: ${parts.join(', ')}.`;
}
