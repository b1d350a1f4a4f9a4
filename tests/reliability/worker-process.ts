// Starts the reliability worker as a child process and follows its JSON-line output as it arrives.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const workerPath = fileURLToPath(new URL('./worker.ts', import.meta.url));

export type WorkerLine =
  | { type: 'ready' | 'opened' }
  | { type: 'turn'; sessionId: string; turn: number }
  | { type: 'created'; number: number; engagementId: string; name: string; status: string; sessionId: string; resumed: boolean };

export type WorkerExit = { code: number | null; signal: NodeJS.Signals | null };

export type WorkerProcess = {
  child: ChildProcessWithoutNullStreams;
  /** Every line printed so far. */
  lines: WorkerLine[];
  stderr(): string;
  /** Calls `listener` with each line as it arrives, and its 1-based position. */
  onLine(listener: (line: WorkerLine, position: number) => void): void;
  exited: Promise<WorkerExit>;
};

/** Runs `node --import tsx tests/reliability/worker.ts …args` from the repository root (tsx maps @loomworks/* to sources). */
export function startWorker(args: readonly string[]): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', workerPath, ...args], { cwd: repositoryRoot, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: WorkerLine[] = [];
  const listeners: ((line: WorkerLine, position: number) => void)[] = [];
  let partial = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    partial += chunk;
    let newline = partial.indexOf('\n');
    while (newline >= 0) {
      const text = partial.slice(0, newline);
      partial = partial.slice(newline + 1);
      if (text.trim() !== '') {
        const line = JSON.parse(text) as WorkerLine;
        lines.push(line);
        for (const listener of listeners) listener(line, lines.length);
      }
      newline = partial.indexOf('\n');
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<WorkerExit>((resolve, reject) => {
    child.on('error', reject);
    // 'close' waits for stdout to drain, so every line the worker wrote has been seen.
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  return { child, lines, stderr: () => stderr, onLine: (listener) => listeners.push(listener), exited };
}

/** The completed creations a worker reported. */
export function createdLines(lines: readonly WorkerLine[]): Extract<WorkerLine, { type: 'created' }>[] {
  return lines.filter((line): line is Extract<WorkerLine, { type: 'created' }> => line.type === 'created');
}
