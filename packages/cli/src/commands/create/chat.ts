// The interactive chat of `loom create`: the Companion's replies stream as they arrive (a spinner until the
// first words, on a terminal), the Operator answers at a prompt, and the chat ends when the project is set up,
// at the end of input, or on Ctrl-C — the session stays stored and resumable in every case.
import { LoomworksError, type CreationResult, type CreationSession, type LoomworksStore, type SessionEvent, type TurnResult } from '@loomworks/core';
import type { CommandContext } from '../../context';
import { chatCopy, CHAT_COPY } from './chat-copy';
import { createLineReader } from './line-reader';

export type ChatOptions = {
  session: CreationSession;
  store: LoomworksStore;
  /** How to continue this session later (shown when the chat stops or fails). */
  resumeCommand: string;
};

export type ChatOutcome = { kind: 'created'; creation: CreationResult } | { kind: 'stopped'; reason: 'end-of-input' | 'interrupted' };

export async function runChat(context: CommandContext, options: ChatOptions): Promise<ChatOutcome> {
  const { out } = context;
  const { session } = options;
  const terminal = Boolean(context.stdin.isTTY);
  const controller = new AbortController();
  const abort = () => controller.abort();
  if (context.signal.aborted) abort();
  else context.signal.addEventListener('abort', abort, { once: true });
  const reader = createLineReader({ input: context.stdin, output: out.chatStream, terminal, signal: controller.signal, onInterrupt: abort });
  const stopped = (): ChatOutcome => {
    // A terminal is left at the prompt: what follows starts on a line of its own.
    if (terminal) out.chat('\n');
    return { kind: 'stopped', reason: controller.signal.aborted ? 'interrupted' : 'end-of-input' };
  };

  const say = (text: string) => out.chat(`${out.style.cyan(CHAT_COPY.companionLabel)}${text}\n\n`);
  /** Runs one turn with a spinner until its first words, streaming the reply; resolves to the project when this turn set it up. */
  const turn = async (events: AsyncIterable<SessionEvent>): Promise<CreationResult | null> => {
    const spinner = out.spinner(CHAT_COPY.thinking);
    let streamed = false;
    let result: TurnResult | undefined;
    try {
      for await (const event of events) {
        if (event.type === 'text-delta' && event.text !== '') {
          if (!streamed) {
            spinner.stop();
            out.chat(out.style.cyan(CHAT_COPY.companionLabel));
            streamed = true;
          }
          out.chat(event.text);
        } else if (event.type === 'turn-end') {
          result = event.result;
        }
      }
    } finally {
      spinner.stop();
    }
    if (streamed) out.chat('\n\n');
    else if (result) say(result.reply);
    return result?.creation ?? null;
  };
  try {
    out.note(out.style.dim(CHAT_COPY.intro));
    out.note('');
    const state = session.state();
    if (state.creation) {
      out.note(CHAT_COPY.alreadySetUp);
      return { kind: 'created', creation: state.creation };
    }
    if (state.turns === 0) {
      await turn(session.streamStart({ signal: controller.signal }));
    } else if (state.pending) {
      out.note(CHAT_COPY.answeringPending);
      const creation = await turn(session.streamRetry({ signal: controller.signal }));
      if (creation) return { kind: 'created', creation };
    } else {
      out.note(CHAT_COPY.pickingUp);
      const last = (await options.store.listTurns(session.id)).filter((record) => record.role === 'companion').pop();
      if (last) say(last.text);
    }

    for (;;) {
      const message = await reader.read(CHAT_COPY.prompt, CHAT_COPY.continuationPrompt);
      if (message === null) return stopped();
      if (message.trim() === '') continue;
      // From a pipe nothing echoes what was typed, so the conversation is written out in full.
      if (!terminal) out.chat(`${CHAT_COPY.prompt}${message.replace(/\n/g, `\n${CHAT_COPY.continuationPrompt}`)}\n\n`);
      try {
        const creation = await turn(session.stream(message, { signal: controller.signal }));
        if (creation) return { kind: 'created', creation };
      } catch (error) {
        // A message the engine refused (empty, too long) was not stored: say why and ask again.
        if (LoomworksError.is(error, 'E_INVALID_MESSAGE')) {
          out.error(error);
          continue;
        }
        throw error;
      }
    }
  } catch (error) {
    if (controller.signal.aborted) return stopped();
    if (!LoomworksError.is(error)) throw error;
    // The Operator's message is stored before the Companion is called: nothing is lost, so say how to go on.
    throw new LoomworksError(error.code, error.message, {
      cause: error.cause ?? error,
      details: error.details,
      hint: chatCopy(session.state().pending ? 'messageSaved' : 'continueWith', { command: options.resumeCommand }),
    });
  } finally {
    context.signal.removeEventListener('abort', abort);
    reader.close();
  }
}
