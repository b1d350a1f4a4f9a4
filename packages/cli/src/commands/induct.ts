// `loom induct <file>`: the final check of a Seed given as JSON, or of the Seed a Discovery record holds.
// Prints the induction status and findings; exit 4 when induction fails. Nothing is written.
import { LoomworksError, assertionsFromRecord, extractSeed, inductSeed, safeParseSeed, type ExtractionIssue, type Seed } from '@loomworks/core';
import { defineCommand } from '../command';
import { EXIT_CODES, errorDocument, exitCodeOf, type ExitCode } from '../exit-codes';
import { readInputFile, type InputFile } from '../files';
import { reportFailure } from '../format/failure';
import { reportExtractionFailure } from '../format/issues';
import { plural } from '../format/plural';
import { formatIssue, type Output } from '../output';
import { databaseExists } from './database-location';
import { findingLines, inductionFailure, statusText } from './induction-output';

const EXIT_RULES = `Nothing is written. The name check (on by default) reads your engagements in the database --db names
(or LOOMWORKS_DB, or the default one), as loom create and loom upload would; a SQLite file that does not
exist yet is not created for it, and the check is skipped with a note.

Exit codes:
  0  passed (clean, or with notes)      4  induction failed (the findings marked fail say why)
  3  the file is missing or unreadable, not UTF-8 text, not valid JSON, not a valid Seed, or a
     Discovery record that does not extract (its issues are printed as file:line:column code message)
  6  the database could not be read (name check)      2  usage`;

type SeedInput =
  | { ok: true; source: 'json' | 'discovery-record'; seed: Seed; warnings: ExtractionIssue[] }
  | { ok: false; exitCode: ExitCode };

export const inductCommand = defineCommand({
  command: 'induct <file>',
  describe: 'Run the final check on a Seed (JSON) or a Discovery record, and print the findings',
  builder: (yargs) =>
    yargs
      .positional('file', { type: 'string', demandOption: true, describe: 'A Seed as JSON (*.json, or text starting with "{"), or a Discovery record' })
      .option('name-check', {
        type: 'boolean',
        default: true,
        describe: 'Also check the name is not one of your engagements in --db (skipped while that database does not exist; --no-name-check to skip)',
      })
      .epilogue(EXIT_RULES),
  examples: [
    ['$0 induct seed.json', 'Check a Seed given as JSON (camelCase, or the engine\'s snake_case with additional_assertions as an object)'],
    ['$0 induct examples/marketing/content.md --json', '{ source, seed, induction: { status, findings }, nameChecked }'],
    ['$0 induct seed.json --no-name-check', 'Check the Seed alone, without looking at your engagements'],
  ],
  run: async (context, args) => {
    const out = context.out;
    const input = await readInputFile(args.file);
    const read = looksLikeJson(input) ? readSeedJson(out, input) : readDiscoveryRecord(out, input);
    if (!read.ok) return read.exitCode;

    // Reading an existing database is harmless; creating one just to find it empty is not, so a missing file skips the check.
    const nameChecked = args['name-check'] && databaseExists(context);
    const induction = await inductSeed(read.seed, nameChecked ? { store: await context.store(), operatorId: context.operator.id } : {});

    const failure = induction.status === 'induction-fail' ? inductionFailure(read.seed.name, induction.findings.length) : null;
    out.document({ source: read.source, seed: read.seed, induction, warnings: read.warnings, nameChecked, ...(failure ? { error: errorDocument(failure) } : {}) });
    out.line(`${read.seed.name}: ${statusText(induction.status)}`);
    for (const line of findingLines(out, induction.findings)) out.line(line);
    for (const warning of read.warnings) out.note(`warning ${formatIssue(warning, input.path)}`);
    if (!nameChecked) out.note(args['name-check'] ? 'The name was not checked against your engagements: the database does not exist yet.' : 'The name was not checked against your engagements (--no-name-check).');
    if (!failure) return EXIT_CODES.ok;
    out.error(failure);
    return exitCodeOf(failure);
  },
});

function looksLikeJson(input: InputFile): boolean {
  return input.path.toLowerCase().endsWith('.json') || input.text.replace(/^\uFEFF/, '').trimStart().startsWith('{');
}

/** A Seed as JSON, validated with seedSchema: malformed JSON, an unknown field or an invalid value is invalid input (3). */
function readSeedJson(out: Output, input: InputFile): SeedInput {
  let value: unknown;
  try {
    value = JSON.parse(input.text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new LoomworksError('E_INVALID_INPUT', `${input.path} is not valid JSON: ${(error as Error).message}`, {
      cause: error,
      hint: 'A Seed as JSON is one object: name, purpose, audience, voice, constraints, success, additionalAssertions.',
    });
  }
  const parsed = safeParseSeed(fromEngineShape(value));
  if (parsed.ok) return { ok: true, source: 'json', seed: parsed.seed, warnings: [] };
  const error = new LoomworksError('E_INVALID_SEED', `${input.path} is not a valid Seed (${plural(parsed.issues.length, 'issue')})`, {
    details: { path: input.path, issues: parsed.issues },
    hint: 'Fields: name, purpose, audience, voice (text), constraints, success (lists of text), additionalAssertions ([{ key, value }]).',
  });
  const lines = parsed.issues.map((issue) => `${input.path}: ${issue.path.join('.') || '(seed)'} ${issue.code} ${issue.message}`);
  return { ok: false, exitCode: reportFailure(out, error, { lines, document: { issues: parsed.issues } }) };
}

/**
 * The original engine's wire shape keeps Field 6 as `additional_assertions: { key: value }`; it is read
 * as ordered entries. Anything else is passed on as given, for the schema to judge.
 */
function fromEngineShape(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const { additional_assertions: record, ...rest } = value as Record<string, unknown>;
  if (record === undefined || 'additionalAssertions' in rest) return value;
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return value;
  return { ...rest, additionalAssertions: assertionsFromRecord(record as Record<string, string>) };
}

function readDiscoveryRecord(out: Output, input: InputFile): SeedInput {
  const extraction = extractSeed(input.text);
  if (!extraction.ok) return { ok: false, exitCode: reportExtractionFailure(out, input.path, extraction.issues) };
  return { ok: true, source: 'discovery-record', seed: extraction.seed, warnings: extraction.warnings };
}
