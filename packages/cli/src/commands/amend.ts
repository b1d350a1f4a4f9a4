// `loom amend <engagement> --set <field>=<value>…`: change parts of an engagement's Seed. amendSeed (core)
// stores a new Seed version that supersedes the last one and re-runs induction, in one transaction.
import { FIELDS, LoomworksError, amendSeed, findEngagement, type AssertionEntry, type Seed, type StoredFinding } from '@loomworks/core';
import { defineCommand } from '../command';
import { EXIT_CODES, errorDocument, exitCodeOf } from '../exit-codes';
import { reportFailure } from '../format/failure';
import { findingLines, inductionFailure, statusText } from './induction-output';

type Part = keyof Seed;

/** What `--set` accepts for each part: its key, and the original engine's snake_case key where it differs. */
const PART_NAMES: ReadonlyMap<string, Part> = new Map<string, Part>([
  ['name', 'name'],
  ...FIELDS.flatMap((field) => [[field.key.toLowerCase(), field.key] as [string, Part], [field.engineKey.toLowerCase(), field.key] as [string, Part]]),
]);

const EXIT_RULES = `Fields: name, purpose, audience, voice, constraints, success, additionalAssertions (or the engine's
additional_assertions). Parts not named keep their values.

Exit codes:
  0  amended, and the Seed passes (an unchanged Seed writes nothing)
  4  induction fails: an active engagement refuses the change and nothing is written; a candidate
     keeps the new version and stays a candidate until it passes
  3  unknown engagement, unknown field or invalid value — nothing is written
  6  the store failed      2  usage`;

export const amendCommand = defineCommand({
  command: 'amend <engagement>',
  describe: 'Change an engagement\'s Seed and re-run the final check (a new Seed version)',
  builder: (yargs) =>
    yargs
      .positional('engagement', { type: 'string', demandOption: true, describe: 'The id, or the name (any case)' })
      .option('set', {
        type: 'string',
        array: true,
        nargs: 1,
        demandOption: true,
        describe: 'field=value. Repeat for list items (constraints, success) and Field 6 entries ("Key: value"); the given items replace the list',
      })
      .epilogue(EXIT_RULES),
  examples: [
    ['$0 amend "Loomworks launch marketing" --set voice="Calm and direct."', 'Replace a text field'],
    ['$0 amend 01JD5Z... --set constraints="No jargon." --set constraints="Headlines under ten words."', 'Replace the rules with these two'],
    ['$0 amend 01JD5Z... --set additionalAssertions="Launch date: 1 March" --json', 'Replace Field 6 with one entry'],
    ['$0 amend 01JD5Z... --set additionalAssertions=', 'Clear Field 6 (it is optional)'],
  ],
  run: async (context, args) => {
    const changes = parseChanges(args.set);
    const store = await context.store();
    const engagement = await findEngagement(store, args.engagement, { operatorId: context.operator.id });
    let result: Awaited<ReturnType<typeof amendSeed>>;
    try {
      result = await amendSeed(engagement.id, changes, { store, operator: context.operator });
    } catch (error) {
      // An active engagement never goes back to candidate: the change is refused and nothing is written.
      if (!LoomworksError.is(error, 'E_INDUCTION_FAILED')) throw error;
      const findings = (error.details.findings ?? []) as StoredFinding[];
      return reportFailure(context.out, error, {
        lines: findingLines(context.out, findings),
        document: { engagement, induction: { status: 'induction-fail', findings } },
      });
    }

    // A candidate may stay one: the new version is stored, and the exit code says induction still fails.
    const failure = result.induction.status === 'induction-fail' ? inductionFailure(result.engagement.name, result.induction.findings.length) : null;
    context.out.document({ ...result, ...(failure ? { error: errorDocument(failure) } : {}) });
    const out = context.out;
    if (result.changed.length === 0) out.line(`Nothing changed: ${result.engagement.name} stays at Seed version ${result.version}.`);
    else out.line(`Amended ${result.engagement.name}: Seed version ${result.version} (changed: ${result.changed.join(', ')})`);
    out.line(`  status     ${result.engagement.status}`);
    out.line(`  induction  ${statusText(result.induction.status)}`);
    for (const line of findingLines(context.out, result.induction.findings)) out.line(line);
    if (!failure) return EXIT_CODES.ok;
    out.error(failure);
    return exitCodeOf(failure);
  },
});

/**
 * `--set` flags → the changes for amendSeed. Text parts take the value (the last flag wins); each flag of a
 * list part adds one item; each Field 6 flag adds one `Key: value` entry, and an empty value clears Field 6.
 * An unknown part or a Field 6 entry without a key is invalid input; values are judged by amendSeed's schemas.
 */
function parseChanges(flags: readonly string[]): Partial<Seed> {
  const changes: Partial<Record<Part, unknown>> = {};
  for (const flag of flags) {
    const separator = flag.indexOf('=');
    const name = (separator < 0 ? flag : flag.slice(0, separator)).trim();
    const part = PART_NAMES.get(name.toLowerCase());
    if (separator < 0 || !part) {
      throw new LoomworksError('E_INVALID_INPUT', separator < 0 ? `--set ${flag} needs the form field=value` : `--set ${name}: no such field`, {
        details: { flag },
        hint: `Fields: ${['name', ...FIELDS.map((field) => field.key)].join(', ')}.`,
      });
    }
    const value = flag.slice(separator + 1);
    if (part === 'constraints' || part === 'success') {
      changes[part] = [...((changes[part] as string[] | undefined) ?? []), value];
    } else if (part === 'additionalAssertions') {
      const entries = (changes[part] as AssertionEntry[] | undefined) ?? [];
      if (value.trim() !== '') entries.push(parseEntry(value));
      changes[part] = entries;
    } else {
      changes[part] = value;
    }
  }
  return changes as Partial<Seed>;
}

/** `Key: value`, split at the first colon. */
function parseEntry(text: string): AssertionEntry {
  const colon = text.indexOf(':');
  if (colon <= 0 || text.slice(0, colon).trim() === '') {
    throw new LoomworksError('E_INVALID_INPUT', `--set additionalAssertions="${text}" needs the form "Key: value"`, {
      details: { value: text },
      hint: 'For example --set additionalAssertions="Launch date: 1 March".',
    });
  }
  return { key: text.slice(0, colon).trim(), value: text.slice(colon + 1).trim() };
}
