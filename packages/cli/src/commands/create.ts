// `loom create`: found a project by chatting in the terminal, or scripted from pre-drafted content
// (one file, or a batch), or by resuming an interrupted session. The work is core's; this parses and prints.
import { createCreationSession, createFromContent, LoomworksError, resumeCreationSession, type CreationResult } from '@loomworks/core';
import { defineCommand } from '../command';
import type { CommandContext, GlobalArgs } from '../context';
import { EXIT_CODES, type ExitCode } from '../exit-codes';
import { expandInputs, runBatch } from './batch';
import { runChat } from './create/chat';
import { CHAT_COPY, chatCopy } from './create/chat-copy';
import { readContentFile } from './create/read-content-file';
import { costEstimate, creationExitCode, formatUsage, printCreation } from './creation-output';

type CreateArgs = { from?: string[]; resume?: string; bail: boolean };

const EXIT_RULES = `Exit codes:
  0    the project was set up and passed its final check; or a chat ended (end of input) before
       that — the session is kept and the command to continue is printed
  4    the project was set up, but the final check failed: it stays a candidate
  3    invalid input: a file missing, unreadable, over 5 MB, not UTF-8 text, or with none of the
       six sections — nothing is written for that file
  5    the Companion failed        6  the store failed        2  usage        130  Ctrl-C
  Several files: each is created on its own; the most severe outcome decides, in the order
  130 > 1 > 6 > 5 > 2 > 3 > 4 > 0. --bail stops at the first file that does not exit 0.

Chatting:
  One message per line; end a line with \\ to continue the message on the next line (for lists).
  From a pipe each line is one message. Ctrl-D (end of input) or Ctrl-C stops the chat; nothing
  is lost, and "loom create --resume <session>" picks it up where it stopped.`;

export const createCommand = defineCommand<CreateArgs>({
  command: 'create',
  describe: 'Found a project: chat with the Companion, or script it from pre-drafted content',
  builder: (yargs) =>
    yargs
      .option('from', {
        type: 'string',
        array: true,
        requiresArg: true,
        describe: 'Pre-drafted content: Markdown files, or folders of *.md files (scripted creation)',
      })
      .option('resume', { type: 'string', requiresArg: true, describe: 'Continue an interrupted session (with --from: a scripted one)' })
      .option('bail', { type: 'boolean', default: false, describe: 'With several files, stop at the first one that does not exit 0' })
      .epilogue(EXIT_RULES),
  examples: [
    ['$0 create', 'Chat with the Companion in the terminal'],
    ['$0 create --from examples/marketing/content.md', 'Create a project from pre-drafted content'],
    ['$0 create --from drafts/ --json > results.ndjson', 'Create one project per .md file, one JSON line each'],
    ['$0 create --resume 01JD3X2Q7K9V0C4N8M6T5R1B2A', 'Continue an interrupted chat'],
  ],
  run: async (context, args) => (args.from !== undefined ? scripted(context, args) : interactive(context, args)),
});

async function scripted(context: CommandContext, args: CreateArgs & GlobalArgs): Promise<ExitCode> {
  const { out } = context;
  const paths = args.from ?? [];
  if (paths.length === 0) throw new LoomworksError('E_USAGE', '--from needs at least one file or folder', { hint: 'loom create --from content.md' });
  // Usage problems (an unavailable Companion) surface before any file is read or anything is opened.
  const companion = await context.companion();
  const { files, batch } = await expandInputs(paths);
  if (args.resume && batch) {
    throw new LoomworksError('E_USAGE', '--resume continues one session: give exactly one --from file', { hint: `loom create --resume ${args.resume} --from content.md` });
  }

  const createOne = async (path: string): Promise<CreationResult> => {
    // Checked before the store is opened: bad content never creates a database, a session or a row.
    const file = await readContentFile(path);
    const store = await context.store();
    let session = args.resume;
    try {
      return await createFromContent(file.text, {
        companion,
        store,
        operator: context.operator,
        signal: context.signal,
        ...(args.resume ? { resume: args.resume } : {}),
        onTurn: (turn) => {
          session = turn.state.id;
        },
      });
    } catch (error) {
      throw session ? withResumeHint(error, resumeCommand(args, session, path)) : error;
    }
  };

  if (batch) return runBatch(out, { files, bail: args.bail, signal: context.signal, create: createOne });

  const spinner = out.spinner(`Creating from ${files[0]}`);
  let creation: CreationResult;
  try {
    creation = await createOne(files[0] ?? '');
  } finally {
    spinner.stop();
  }
  if (out.json) out.document(creation);
  else printCreation(out, creation, await costEstimate(creation.usage, companion.id));
  return creationExitCode(creation);
}

async function interactive(context: CommandContext, args: CreateArgs & GlobalArgs): Promise<ExitCode> {
  const { out } = context;
  if (args.bail) throw new LoomworksError('E_USAGE', '--bail applies to several --from files', { hint: 'loom create --from drafts/ --bail' });
  const companion = await context.companion();
  const store = await context.store();
  const options = { companion, store, operator: context.operator };
  const session = args.resume ? await resumeCreationSession(args.resume, options) : await createCreationSession(options);
  const command = resumeCommand(args, session.id);

  const outcome = await runChat(context, { session, store, resumeCommand: command });
  if (outcome.kind === 'created') {
    if (out.json) out.document(outcome.creation);
    else printCreation(out, outcome.creation, await costEstimate(outcome.creation.usage, companion.id));
    return creationExitCode(outcome.creation);
  }

  const state = session.state();
  if (out.json) {
    out.document({ engagement: null, session: session.id, phase: state.phase, draft: state.draft, usage: state.usage, stopped: outcome.reason, resume: command });
  } else {
    out.note(CHAT_COPY.stopped);
    out.note(`tokens so far: ${formatUsage(state.usage)}`);
  }
  out.hint(chatCopy('continueWith', { command }));
  return outcome.reason === 'interrupted' ? EXIT_CODES.interrupted : EXIT_CODES.ok;
}

/** The exact command that continues a session, with the options that located it (database, Operator, Companion). */
function resumeCommand(args: CreateArgs & GlobalArgs, session: string, from?: string): string {
  const parts = ['loom', 'create', '--resume', session];
  if (from !== undefined) parts.push('--from', from);
  if (args.db) parts.push('--db', args.db);
  if (args.operator) parts.push('--operator', args.operator);
  if (args.companion) parts.push('--companion', args.companion);
  return parts.map(shellQuote).join(' ');
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The same error, with a hint saying how to pick the session up again (its turns are all stored). */
function withResumeHint(error: unknown, command: string): unknown {
  if (!LoomworksError.is(error)) return error;
  const message = error.code === 'E_ABORTED' ? 'Stopped before the project was set up' : error.message;
  return new LoomworksError(error.code, message, { cause: error.cause ?? error, details: error.details, hint: chatCopy('continueWith', { command }) });
}
