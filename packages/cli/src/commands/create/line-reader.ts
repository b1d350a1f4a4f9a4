// The Operator's side of a terminal chat: one message per line, from a terminal (with a prompt and line
// editing) or from a pipe. A line ending in a backslash continues on the next line, so a message can hold a
// list. End of input and Ctrl-C both end reading; neither loses anything already sent.
import { createInterface } from 'node:readline';

export type LineReaderOptions = {
  input: NodeJS.ReadableStream;
  /** Where a terminal's prompt and echo go (unused for a pipe). */
  output: NodeJS.WritableStream;
  /** A terminal gets a prompt and line editing; a pipe is read as it comes. */
  terminal: boolean;
  /** Reading stops (resolves `null`) when this aborts. */
  signal: AbortSignal;
  /** Ctrl-C typed at a terminal (which reaches the reader, not the process). */
  onInterrupt: () => void;
};

export type LineReader = {
  /** The next message (lines joined with "\n"), or `null` at the end of input or once stopped. */
  read(prompt: string, continuationPrompt: string): Promise<string | null>;
  close(): void;
};

export function createLineReader(options: LineReaderOptions): LineReader {
  const lines = createInterface({
    input: options.input,
    ...(options.terminal ? { output: options.output } : {}),
    terminal: options.terminal,
    historySize: options.terminal ? 100 : 0,
  });
  const queue: string[] = [];
  let ended = false;
  let waiting: ((line: string | null) => void) | null = null;
  const deliver = (line: string | null) => {
    const resolve = waiting;
    waiting = null;
    resolve?.(line);
  };

  lines.on('line', (line) => {
    if (waiting) deliver(line);
    else queue.push(line);
  });
  lines.on('close', () => {
    ended = true;
    deliver(null);
  });
  lines.on('SIGINT', options.onInterrupt);
  const onAbort = () => deliver(null);
  options.signal.addEventListener('abort', onAbort, { once: true });

  const nextLine = (prompt: string): Promise<string | null> => {
    if (options.signal.aborted) return Promise.resolve(null);
    const queued = queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (ended) return Promise.resolve(null);
    if (options.terminal) {
      lines.setPrompt(prompt);
      lines.prompt();
    }
    return new Promise((resolve) => {
      waiting = resolve;
    });
  };

  return {
    async read(prompt, continuationPrompt) {
      const parts: string[] = [];
      let line = await nextLine(prompt);
      while (line !== null && line.endsWith('\\')) {
        parts.push(line.slice(0, -1));
        line = await nextLine(continuationPrompt);
      }
      if (options.signal.aborted) return null;
      if (line !== null) parts.push(line);
      // Input that ends in the middle of a continued message still sends what was written.
      return parts.length > 0 ? parts.join('\n') : null;
    },
    close() {
      options.signal.removeEventListener('abort', onAbort);
      lines.close();
    },
  };
}
