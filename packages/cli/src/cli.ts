// The `loomworks` / `loom` executable. `--version` answers before anything else is loaded, so it stays
// about as fast as starting Node; everything else goes through main().
declare const __LOOMWORKS_CLI_VERSION__: string;

export {};

// `loom … | head` closes the pipe early: that is the reader's choice, not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${typeof __LOOMWORKS_CLI_VERSION__ === 'string' ? __LOOMWORKS_CLI_VERSION__ : '0.0.0-dev'}\n`);
} else {
  const { main } = await import('./main');
  process.exitCode = await main(args);
}
