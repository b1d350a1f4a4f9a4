// Runs the BUILT CLI (packages/cli/bin → dist) as a child process, the way users run it, in a clean
// environment: its own HOME and data directory, no ANTHROPIC_API_KEY, no colour.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI_BIN = fileURLToPath(new URL('../../bin/loomworks.js', import.meta.url));
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export type CliRun = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

export type RunCliOptions = {
  /** Extra environment (merged over the clean one). */
  env?: Record<string, string | undefined>;
  /** Written to stdin, then stdin is closed. */
  input?: string;
  cwd?: string;
  /** A home directory to reuse across runs (default: a fresh one per run). */
  home?: string;
  timeoutMs?: number;
};

/** A fresh home directory: the default database lands in `<home>/.local/share/loomworks/loomworks.db`. */
export function freshHome(): string {
  return mkdtempSync(join(tmpdir(), 'loom-home-'));
}

export function runCli(args: readonly string[], options: RunCliOptions = {}): Promise<CliRun> {
  const home = options.home ?? freshHome();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    NO_COLOR: '1',
    LANG: 'C.UTF-8',
  };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], { cwd: options.cwd ?? REPOSITORY_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

export type CliProcess = {
  /** Writes to the CLI's stdin (left open until `end()`). */
  write(text: string): void;
  end(): void;
  /** Sends a signal, e.g. SIGINT for Ctrl-C. */
  kill(signal: NodeJS.Signals): void;
  /** Everything written so far. */
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves once stdout contains `text` (rejects when the CLI exits first or after `timeoutMs`). */
  waitForStdout(text: string, timeoutMs?: number): Promise<void>;
  /** Resolves when the CLI exits. */
  readonly exited: Promise<CliRun>;
};

/** Starts the BUILT CLI with stdin kept open, for conversations typed a line at a time and Ctrl-C. */
export function startCli(args: readonly string[], options: Omit<RunCliOptions, 'input'> = {}): CliProcess {
  const home = options.home ?? freshHome();
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: home, NO_COLOR: '1', LANG: 'C.UTF-8' };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const child = spawn(process.execPath, [CLI_BIN, ...args], { cwd: options.cwd ?? REPOSITORY_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  let running = true;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const check of waiters) check();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  const exited = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running = false;
      for (const check of waiters) check();
      resolve({ code, signal, stdout, stderr });
    });
  });
  return {
    write: (text) => child.stdin.write(text),
    end: () => child.stdin.end(),
    kill: (signal) => child.kill(signal),
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    waitForStdout: (text, timeoutMs = 20_000) =>
      new Promise<void>((resolve, reject) => {
        const deadline = setTimeout(() => finish(new Error(`Timed out waiting for ${JSON.stringify(text)}; stdout so far:\n${stdout}\nstderr:\n${stderr}`)), timeoutMs);
        const finish = (error?: Error) => {
          clearTimeout(deadline);
          waiters.delete(check);
          if (error) reject(error);
          else resolve();
        };
        const check = () => {
          if (stdout.includes(text)) finish();
          else if (!running) finish(new Error(`The CLI exited before writing ${JSON.stringify(text)}; stdout:\n${stdout}\nstderr:\n${stderr}`));
        };
        waiters.add(check);
        check();
      }),
    exited,
  };
}
