// The CLI's composition root: global options, the commands, and the one place errors become exit codes.
import yargs from 'yargs';
import { LoomworksError } from '@loomworks/core';
import { withInvocation, type Invocation } from './command';
import { amendCommand } from './commands/amend';
import { createCommand } from './commands/create';
import { dbCommand } from './commands/db';
import { engagementsCommand } from './commands/engagements';
import { extractCommand } from './commands/extract';
import { inductCommand } from './commands/induct';
import { memoryCommand } from './commands/memory';
import { promptsCommand } from './commands/prompts';
import { transcriptCommand } from './commands/transcript';
import { uploadCommand } from './commands/upload';
import { defaultDatabasePath, defaultOperator, openCompanion, openStore, type CommandContext, type GlobalArgs } from './context';
import { EXIT_CODES, errorDocument, exitCodeOf, type ExitCode } from './exit-codes';
import { Output } from './output';

declare const __LOOMWORKS_CLI_VERSION__: string;
const VERSION = typeof __LOOMWORKS_CLI_VERSION__ === 'string' ? __LOOMWORKS_CLI_VERSION__ : '0.0.0-dev';

export type MainIo = {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
};

const defaultIo = (): MainIo => ({ stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });

/** Runs the CLI with `argv` (without the node and script paths) and resolves to the exit code. */
export async function main(argv: readonly string[], io: MainIo = defaultIo()): Promise<ExitCode> {
  const wantsJson = argv.includes('--json');
  const color = !argv.includes('--no-color') && !io.env.NO_COLOR && Boolean(io.stdout.isTTY);
  let out = new Output({ json: wantsJson, quiet: argv.includes('--quiet'), verbose: argv.includes('--verbose'), color, stdout: io.stdout, stderr: io.stderr });
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  let store: Awaited<ReturnType<CommandContext['store']>> | null = null;
  const invocation: Invocation = { context: undefined as unknown as CommandContext, exitCode: EXIT_CODES.ok };

  const parser = yargs([...argv])
    .scriptName('loom')
    .usage('$0 <command> [options]\n\nFound projects by talking with a Companion; keep every step in a verifiable Memory.')
    .options({
      db: { type: 'string', describe: 'SQLite file or postgres:// URL (env LOOMWORKS_DB; default: your data directory)', global: true },
      companion: { choices: ['guided', 'anthropic'] as const, describe: 'Who talks with you (default: anthropic when ANTHROPIC_API_KEY is set, else guided)', global: true },
      model: { type: 'string', describe: 'Model for the anthropic Companion', global: true },
      operator: { type: 'string', describe: 'Whose projects these are (default: your OS user name)', global: true },
      json: { type: 'boolean', default: false, describe: 'One JSON document on stdout (NDJSON for batch create)', global: true },
      quiet: { type: 'boolean', default: false, describe: 'Only results and errors', global: true },
      color: { type: 'boolean', default: true, describe: 'Colour on a terminal (--no-color, or NO_COLOR, turns it off)', global: true },
      verbose: { type: 'boolean', default: false, describe: 'Stack traces on errors', global: true },
    })
    .middleware((args) => {
      const global = args as unknown as GlobalArgs;
      out = new Output({ json: global.json, quiet: global.quiet, verbose: global.verbose, color: color && global.color, stdout: io.stdout, stderr: io.stderr });
      const db = global.db ?? io.env.LOOMWORKS_DB ?? defaultDatabasePath(io.env);
      invocation.context = {
        args: global,
        out,
        env: io.env,
        stdin: io.stdin,
        signal: controller.signal,
        operator: global.operator ? { id: global.operator } : defaultOperator(io.env),
        store: async () => (store ??= await openStore(db)),
        companion: () => openCompanion(global, io.env),
      };
    })
    .command([createCommand, uploadCommand, engagementsCommand, extractCommand, inductCommand, amendCommand, transcriptCommand, memoryCommand, promptsCommand, dbCommand])
    .demandCommand(1, 'Choose a command (see loom --help).')
    .strict()
    .recommendCommands()
    .completion('completion', 'Print a shell completion script (loom completion >> ~/.bashrc)')
    .help()
    .alias('h', 'help')
    .version(VERSION)
    .alias('V', 'version')
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      // yargs reports its own parse errors (e.g. an option missing its value) as a YError: still usage.
      if (error && error.name !== 'YError') throw error;
      throw new LoomworksError('E_USAGE', message ?? error?.message ?? 'Invalid usage', { hint: 'See loom --help.' });
    });

  try {
    await withInvocation(invocation, async () => {
      await parser.parseAsync();
    });
    return invocation.exitCode;
  } catch (error) {
    // A turn cut short by Ctrl-C is an interruption, not a Companion failure.
    const code = controller.signal.aborted && LoomworksError.is(error, 'E_ABORTED') ? EXIT_CODES.interrupted : exitCodeOf(error);
    out.error(code === EXIT_CODES.internal && !LoomworksError.is(error) ? unexpected(error) : error);
    if (out.json) out.document({ error: errorDocument(error, code) });
    return code;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    if (store) await (store as { close(): Promise<void> }).close().catch(() => undefined);
  }
}

function unexpected(error: unknown): LoomworksError {
  const message = error instanceof Error ? error.message : String(error);
  return new LoomworksError('E_INTERNAL', `Unexpected error: ${message}`, {
    cause: error,
    hint: `Please report this with the output of --verbose (loom ${VERSION}, Node ${process.version}, ${process.platform}).`,
  });
}
