// Everything the CLI writes: results for people or one JSON document for scripts (stdout), and
// progress, spinners and errors (stderr). Colour only on a terminal, never with --no-color or NO_COLOR.
import { LoomworksError } from '@loomworks/core';

export type OutputOptions = {
  json: boolean;
  quiet: boolean;
  color: boolean;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  verbose: boolean;
};

type Paint = (text: string) => string;

export type IssueLike = { line: number; column: number; code: string; message: string };

/** `<path>:<line>:<column> <code> <message>`, as compilers print them, so editors and terminals can jump to the spot. */
export function formatIssue(issue: IssueLike, path?: string): string {
  return `${path === undefined ? '  ' : `${path}:`}${issue.line}:${issue.column} ${issue.code} ${issue.message}`;
}

export class Output {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly style: { bold: Paint; dim: Paint; green: Paint; red: Paint; yellow: Paint; cyan: Paint };
  private readonly stdout: OutputOptions['stdout'];
  private readonly stderr: OutputOptions['stderr'];

  constructor(options: OutputOptions) {
    this.json = options.json;
    this.quiet = options.quiet;
    this.verbose = options.verbose;
    this.stdout = options.stdout;
    this.stderr = options.stderr;
    const paint = (open: number, close: number): Paint => (options.color ? (text) => `\u001b[${open}m${text}\u001b[${close}m` : (text) => text);
    this.style = { bold: paint(1, 22), dim: paint(2, 22), green: paint(32, 39), red: paint(31, 39), yellow: paint(33, 39), cyan: paint(36, 39) };
  }

  /** Whether progress can be drawn in place (a terminal, and neither --json nor --quiet). */
  get interactive(): boolean {
    return Boolean(this.stderr.isTTY) && !this.json && !this.quiet;
  }

  /** A line of the human-readable result (stdout). Nothing is written in --json mode. */
  line(text = ''): void {
    if (!this.json) this.stdout.write(`${text}\n`);
  }

  /** Raw text to stdout, for streaming a reply as it arrives. */
  write(text: string): void {
    if (!this.json) this.stdout.write(text);
  }

  /**
   * Where an interactive chat is written: stdout, or stderr in --json mode so stdout keeps its one
   * document. The conversation is never silenced — --quiet hides remarks, not the Companion's questions.
   */
  get chatStream(): OutputOptions['stdout'] {
    return this.json ? this.stderr : this.stdout;
  }

  /** Conversation text (see `chatStream`). */
  chat(text: string): void {
    this.chatStream.write(text);
  }

  /** A line people must see even with --quiet or --json (stderr), such as how to continue later. */
  hint(text: string): void {
    this.stderr.write(`${this.style.dim('hint')} ${text}\n`);
  }

  /** A remark for people (stderr); hidden by --quiet and --json. */
  note(text: string): void {
    if (!this.quiet && !this.json) this.stderr.write(`${text}\n`);
  }

  /** The one JSON document of --json mode (or one NDJSON line per call, for batch create). */
  document(value: unknown): void {
    if (this.json) this.stdout.write(`${JSON.stringify(value)}\n`);
  }

  /** One clear line (and a hint) on stderr; a stack trace only with --verbose. */
  error(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const code = LoomworksError.is(error) ? `${error.code}: ` : '';
    this.stderr.write(`${this.style.red('error')} ${code}${message}\n`);
    const hint = LoomworksError.is(error) ? error.hint : undefined;
    if (hint) this.stderr.write(`${this.style.dim('hint')} ${hint}\n`);
    if (this.verbose && error instanceof Error && error.stack) this.stderr.write(`${error.stack}\n`);
    if (this.verbose && error instanceof Error && error.cause instanceof Error && error.cause.stack) this.stderr.write(`caused by: ${error.cause.stack}\n`);
  }

  /** A line of an error's substance on stderr, shown in every mode like the error it belongs to. */
  diagnostic(text: string): void {
    this.stderr.write(`${text}\n`);
  }

  /** Extraction issues (stderr, shown in every mode like the error they belong to), one `formatIssue` line each. */
  issues(issues: readonly IssueLike[], path?: string): void {
    for (const issue of issues) this.diagnostic(formatIssue(issue, path));
  }

  /** A spinner on stderr until stopped (drawn only on a terminal). */
  spinner(label: string): { stop(): void } {
    if (!this.interactive) return { stop() {} };
    const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
    let frame = 0;
    const draw = () => this.stderr.write(`\r${this.style.cyan(frames[frame++ % frames.length] ?? '')} ${label}`);
    draw();
    const timer = setInterval(draw, 80);
    let stopped = false;
    return {
      // Idempotent: a second stop must not erase whatever was written on the line since.
      stop: () => {
        if (stopped) return;
        stopped = true;
        clearInterval(timer);
        this.stderr.write(`\r\u001b[2K`);
      },
    };
  }

  /** A progress bar on stderr (a terminal) or one line per step (otherwise, unless quiet). */
  progress(total: number): { tick(label: string): void; done(): void } {
    let done = 0;
    return {
      tick: (label) => {
        done += 1;
        if (this.interactive) {
          const width = 24;
          const filled = Math.round((done / total) * width);
          this.stderr.write(`\r\u001b[2K[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} ${label}`);
        } else {
          this.note(`[${done}/${total}] ${label}`);
        }
      },
      done: () => {
        if (this.interactive) this.stderr.write('\r\u001b[2K');
      },
    };
  }

  /** A plain-text table on stdout. */
  table(headers: readonly string[], rows: readonly (readonly string[])[]): void {
    const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
    const format = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
    this.line(this.style.bold(format(headers)));
    for (const row of rows) this.line(format(row));
  }
}
