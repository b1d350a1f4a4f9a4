// The creation chat's JSON API. Each reply streams as NDJSON (one JSON event per line) straight from
// `session.stream(text)`, so the page can show the Companion's words as they arrive.
import { setTimeout as pause } from 'node:timers/promises';
import {
  LoomworksError,
  createCreationSession,
  resumeCreationSession,
  type Companion,
  type CreationSession,
  type LoomworksStore,
  type Operator,
  type SessionEvent,
} from '@loomworks/core';

/** A project as the page shows it. */
export type ProjectSummary = { id: string; name: string; status: 'candidate' | 'active' };

/** What the chat endpoints stream, one per line. */
export type ChatEvent =
  | { type: 'session'; id: string }
  | { type: 'text'; text: string }
  | { type: 'done'; project: ProjectSummary | null }
  | { type: 'error'; message: string };

export type ChatRoutesOptions = {
  store: LoomworksStore;
  companion: Companion;
  /** A pause after each streamed word, in ms (0: none). See `StartOperatorWebOptions.paceMs`. */
  paceMs: number;
};

export type ChatRoutes = {
  /** POST /operator/chat — starts a session for `operator` and streams the Companion's opening question. */
  start(operator: Operator): Response;
  /** POST /operator/chat/:id/messages `{ text }` — stores the message and streams the reply. */
  send(operator: Operator, sessionId: string, request: Request): Promise<Response>;
  /** GET /operator/chat/:id — the conversation so far, to pick it up again after a reload. */
  transcript(operator: Operator, sessionId: string): Promise<Response>;
};

export function createChatRoutes(options: ChatRoutesOptions): ChatRoutes {
  const { store, companion } = options;

  async function* opening(operator: Operator): AsyncGenerator<ChatEvent> {
    const session = await createCreationSession({ companion, store, operator });
    yield { type: 'session', id: session.id };
    yield* relay(session.streamStart());
  }

  /** A message stored earlier whose reply failed is answered first; then this one (unless it is that same message, sent again). */
  async function* answer(session: CreationSession, text: string): AsyncGenerator<ChatEvent> {
    const pending = session.state().pending;
    if (pending) {
      yield* relay(session.streamRetry());
      if (pending.text === text) return;
    }
    yield* relay(session.stream(text));
  }

  async function* relay(events: AsyncIterable<SessionEvent>): AsyncGenerator<ChatEvent> {
    for await (const event of events) {
      if (event.type === 'text-delta') {
        yield { type: 'text', text: event.text };
        if (options.paceMs > 0) await pause(options.paceMs);
      } else if (event.type === 'turn-end') {
        const creation = event.result.creation;
        yield { type: 'done', project: creation ? { ...creation.engagement } : null };
      }
    }
  }

  return {
    start: (operator) => ndjsonResponse(withErrorEvent(opening(operator))),

    async send(operator, sessionId, request) {
      const body: unknown = await request.json().catch(() => null);
      const text = typeof body === 'object' && body !== null ? (body as { text?: unknown }).text : undefined;
      if (typeof text !== 'string') return Response.json({ error: 'invalid_request' }, { status: 400 });
      let session: CreationSession;
      try {
        // The session is stored, so any server process can pick it up; it only opens for the person who started it.
        session = await resumeCreationSession(sessionId, { companion, store, operator });
      } catch (error) {
        if (LoomworksError.is(error, 'E_NOT_FOUND')) return Response.json({ error: 'not_found' }, { status: 404 });
        throw error;
      }
      return ndjsonResponse(withErrorEvent(answer(session, text)));
    },

    async transcript(operator, sessionId) {
      const record = await store.getSession(sessionId);
      if (!record || record.operatorId !== operator.id) return Response.json({ error: 'not_found' }, { status: 404 });
      const turns = await store.listTurns(sessionId);
      const engagement = record.engagementId ? await store.getEngagement(record.engagementId) : null;
      return Response.json({
        turns: turns.map((turn) => ({ role: turn.role, text: turn.text })),
        project: engagement ? { id: engagement.id, name: engagement.name, status: engagement.status } : null,
      });
    },
  };
}

/** Plain words for what went wrong, chosen by error code (never by message text). */
function failureMessage(error: unknown): string {
  if (!LoomworksError.is(error)) return 'Something went wrong on our side. Please try again.';
  if (error.code === 'E_INVALID_MESSAGE') return 'That reply is empty or too long. Please write it again.';
  if (error.code === 'E_SESSION_STATE' || error.code === 'E_CONFLICT') {
    return 'This conversation could not take that reply just now. Reload the page to see where it stands.';
  }
  if (error.errorClass === 'companion') return 'The Companion could not answer just now. Please try again in a moment.';
  return 'Something went wrong on our side. Please try again.';
}

async function* withErrorEvent(events: AsyncIterable<ChatEvent>): AsyncGenerator<ChatEvent> {
  try {
    yield* events;
  } catch (error) {
    if (!LoomworksError.is(error, 'E_INVALID_MESSAGE')) console.error('operator-web: chat turn failed', error);
    yield { type: 'error', message: failureMessage(error) };
  }
}

function ndjsonResponse(events: AsyncIterable<ChatEvent>): Response {
  const iterator = events[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const step = await iterator.next();
      if (step.done) controller.close();
      else controller.enqueue(encoder.encode(`${JSON.stringify(step.value)}\n`));
    },
    cancel() {
      // The browser went away mid-reply: let the turn finish anyway, so it is stored whole and the chat can go on.
      void (async () => {
        while (!(await iterator.next()).done);
      })();
    },
  });
  return new Response(body, { headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' } });
}
