// @loomworks/cli — the `loomworks` / `loom` command line, also callable from code.
export { main, type MainIo } from './main';
export { EXIT_CODES, exitCodeOf, type ExitCode } from './exit-codes';
