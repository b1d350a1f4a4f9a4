// Test helper (used only by this package's unit tests): a hand-written `fetch` that answers the SDK with
// real-shaped Messages API bodies — JSON, or SSE in the API's event order — and records what it was sent.
export type StubCall = { url: string; headers: Record<string, string>; body: unknown };

export type StubFetch = typeof fetch & { calls: StubCall[] };

/** Answers each call with the response `answer` gives (by 1-based call number). */
export function stubFetch(answer: (call: StubCall, index: number) => Response): StubFetch {
  const calls: StubCall[] = [];
  const stub = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const call = { url: String(input instanceof Request ? input.url : input), headers, body: init?.body ? JSON.parse(String(init.body)) : null };
    calls.push(call);
    return answer(call, calls.length);
  };
  return Object.assign(stub, { calls }) as StubFetch;
}

export type StubReply = {
  text?: string[];
  /** The tool input as the `partial_json` pieces to stream. */
  toolJson?: string[];
  stopReason?: string;
  usage?: { input_tokens: number; output_tokens: number; cache_creation_input_tokens: number; cache_read_input_tokens: number };
};

const USAGE = { input_tokens: 20, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };

/** The SSE events of one streamed reply, in the API's order. */
export function replyEvents(reply: StubReply): { event: string; data: unknown }[] {
  const usage = reply.usage ?? USAGE;
  const events: { event: string; data: unknown }[] = [
    {
      event: 'message_start',
      data: {
        type: 'message_start',
        message: { id: 'msg_stub', type: 'message', role: 'assistant', content: [], model: 'claude-sonnet-5-5', stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } },
      },
    },
    { event: 'ping', data: { type: 'ping' } },
  ];
  let index = 0;
  if (reply.text) {
    events.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { type: 'text', text: '' } } });
    for (const text of reply.text) events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: { type: 'text_delta', text } } });
    events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
    index += 1;
  }
  if (reply.toolJson) {
    events.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { type: 'tool_use', id: 'toolu_stub', name: 'record_fields', input: {} } } });
    for (const partial_json of reply.toolJson) {
      events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } } });
    }
    events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
  }
  const stopReason = reply.stopReason ?? (reply.toolJson ? 'tool_use' : 'end_turn');
  events.push(
    { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: usage.output_tokens } } },
    { event: 'message_stop', data: { type: 'message_stop' } },
  );
  return events;
}

export function sseResponse(events: { event: string; data: unknown }[]): Response {
  const body = events.map(({ event, data }) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join('');
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream', 'request-id': 'req_stub' } });
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}
