// `loom transcript <session>`: a creation session's turns, readable — or, with --fixture, exported as a
// calibration fixture (exportTranscriptFixture, SPEC §6.8) to stdout or a file.
import { writeFile } from 'node:fs/promises';
import { LoomworksError, exportTranscriptFixture, type CreationSessionRecord, type LoomworksStore } from '@loomworks/core';
import { defineCommand } from '../command';
import type { CommandContext } from '../context';
import { plural } from '../format/plural';
import { shortTime } from '../format/time';

export const transcriptCommand = defineCommand({
  command: 'transcript <session>',
  describe: 'Print a creation session\'s conversation, or export it as a calibration fixture',
  builder: (yargs) =>
    yargs
      .positional('session', { type: 'string', demandOption: true, describe: 'The creation session id (loom engagements show prints it)' })
      .option('fixture', { type: 'boolean', describe: 'Export a calibration fixture (Markdown) instead of printing the turns' })
      .option('out', { type: 'string', describe: 'Write the fixture to this file (default: stdout)' })
      .option('kind', { choices: ['real-operator', 'persona'] as const, default: 'real-operator' as const, describe: 'The fixture kind' })
      .option('name', { type: 'string', describe: 'The fixture name: a persona\'s name (required for persona), or a label (default: your operator id)' })
      .implies('out', 'fixture')
      .implies('name', 'fixture'),
  examples: [
    ['$0 transcript 01JD5Z...', 'The conversation, turn by turn'],
    ['$0 transcript 01JD5Z... --fixture --out fixtures/real_operator_ada_2026-11-26.md', 'Export a real-operator fixture to a file'],
    ['$0 transcript 01JD5Z... --fixture --kind persona --name busy_baker', 'A persona fixture, on stdout'],
  ],
  run: async (context, args) => {
    const store = await context.store();
    const session = await ownSession(store, context, args.session);
    if (!args.fixture) return printTurns(context, store, session);

    const name = args.name ?? (args.kind === 'persona' ? undefined : fixtureLabel(context.operator.id));
    if (name === undefined) throw new LoomworksError('E_USAGE', 'A persona fixture needs --name <persona>', { hint: 'For example --kind persona --name busy_baker.' });
    const fixture = await exportTranscriptFixture(session.id, { store, kind: args.kind, name });
    if (args.out !== undefined) {
      try {
        await writeFile(args.out, fixture.markdown, 'utf8');
      } catch (error) {
        throw new LoomworksError('E_INVALID_INPUT', `Cannot write ${args.out} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`, {
          cause: error,
          hint: 'Give --out a file path in a folder that exists and that you can write to.',
        });
      }
    }
    context.out.document({ fileName: fixture.fileName, ...(args.out !== undefined ? { path: args.out } : {}), markdown: fixture.markdown });
    if (args.out === undefined) context.out.write(fixture.markdown);
    else context.out.line(`Wrote ${args.out} (${fixture.fileName} by convention)`);
  },
});

/** The session, if it is one of this Operator's: another Operator's session is as unknown as a made-up id. */
async function ownSession(store: LoomworksStore, context: CommandContext, id: string): Promise<CreationSessionRecord> {
  const session = await store.getSession(id);
  if (session && session.operatorId === context.operator.id) return session;
  throw new LoomworksError('E_NOT_FOUND', `No creation session ${id}`, { details: { sessionId: id }, hint: 'loom engagements show <engagement> prints the session that founded it.' });
}

async function printTurns(context: CommandContext, store: LoomworksStore, session: CreationSessionRecord): Promise<void> {
  const turns = await store.listTurns(session.id);
  context.out.document({
    session: {
      id: session.id,
      operatorId: session.operatorId,
      companionId: session.companionId,
      status: session.status,
      engagementId: session.engagementId,
      createdAt: session.createdAt,
      updatedAt: session.updatedAt,
    },
    // The request sent to the Companion and the trace are large and for debugging; the fixture export keeps what calibration needs.
    turns: turns.map(({ index, role, text, at, intent, usage }) => ({ index, role, text, at, intent, usage })),
  });
  const out = context.out;
  const outcome = session.status === 'committed' ? `committed, engagement ${session.engagementId ?? '?'}` : 'open';
  out.line(out.style.bold(`Session ${session.id}`));
  out.line(`${outcome} · companion ${session.companionId} · ${plural(turns.length, 'turn')} · started ${shortTime(session.createdAt)}`);
  for (const turn of turns) {
    out.line();
    out.line(out.style.bold(`${turn.index}. ${turn.role === 'operator' ? 'Operator' : 'Companion'}`) + out.style.dim(`  ${shortTime(turn.at)}`));
    for (const line of turn.text.split('\n')) out.line(`   ${line}`.trimEnd());
  }
}

/** Fixture names allow letters, digits, `-` and `_`; an operator id such as `ada.lovelace` becomes `ada-lovelace`. */
function fixtureLabel(operatorId: string): string {
  const label = operatorId.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80);
  return label === '' ? 'operator' : label;
}
