// defineCommand: a yargs command module whose handler gets the CommandContext and returns an exit code.
// Command modules only parse and print; the work happens in the libraries.
import type { Argv, CommandModule } from 'yargs';
import type { CommandContext, GlobalArgs } from './context';
import type { ExitCode } from './exit-codes';

export type CommandDefinition<Args> = {
  command: string | readonly string[];
  describe: string;
  builder?: (yargs: Argv<GlobalArgs>) => Argv<Args>;
  examples?: readonly [string, string][];
  run: (context: CommandContext, args: Args & GlobalArgs) => Promise<ExitCode | void>;
};

/** Set by main() for the duration of one parse: how handlers reach the context and report their exit code. */
export type Invocation = { context: CommandContext; exitCode: ExitCode };

let current: Invocation | null = null;

export function withInvocation<T>(invocation: Invocation, fn: () => Promise<T>): Promise<T> {
  current = invocation;
  return fn().finally(() => {
    current = null;
  });
}

/**
 * A command module for main()'s list. yargs types `.command([...])` with one argument type for the whole
 * list, so the module's own argument type is erased here; `run` keeps it.
 */
export function defineCommand<Args>(definition: CommandDefinition<Args>): CommandModule<GlobalArgs, unknown> {
  return {
    command: definition.command as string | string[],
    describe: definition.describe,
    builder: (yargs: Argv<GlobalArgs>) => {
      const built = (definition.builder ? definition.builder(yargs) : yargs) as Argv<Args>;
      for (const [example, description] of definition.examples ?? []) built.example(example, description);
      return built;
    },
    handler: async (args) => {
      if (!current) throw new Error('A command ran outside main()');
      const code = await definition.run(current.context, args as unknown as Args & GlobalArgs);
      if (code !== undefined) current.exitCode = code;
    },
  } as CommandModule<GlobalArgs, Args> as unknown as CommandModule<GlobalArgs, unknown>;
}
