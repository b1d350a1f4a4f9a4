// Serves a Fetch-API handler (Request → Response) on node:http. @loomworks/auth's handlers and this example's
// routes speak Fetch, so any framework that can make a Request can host them; this is the whole bridge for plain Node.
import { once } from 'node:events';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

export type FetchHandler = (request: Request) => Promise<Response>;

export type NodeBridgeOptions = {
  /** The site's own origin, e.g. `http://localhost:5174`: request URLs are built on it, never on the Host header. */
  origin: string;
  /** Larger bodies are refused with 413 before the handler runs. */
  maxBodyBytes: number;
};

/** A node:http request listener that runs `handler`. Response bodies are streamed chunk by chunk as the handler produces them. */
export function createNodeListener(handler: FetchHandler, options: NodeBridgeOptions): RequestListener {
  return (incoming, outgoing) => {
    serve(handler, options, incoming, outgoing).catch((error: unknown) => {
      console.error('operator-web: request failed', error);
      if (!outgoing.headersSent) {
        outgoing.statusCode = 500;
        outgoing.setHeader('content-type', 'text/plain; charset=utf-8');
      }
      outgoing.end(outgoing.headersSent ? undefined : 'Something went wrong.');
    });
  };
}

async function serve(handler: FetchHandler, options: NodeBridgeOptions, incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
  // Aborts the handler's work (and stops streaming) when the browser goes away.
  const disconnected = new AbortController();
  outgoing.on('close', () => {
    if (!outgoing.writableFinished) disconnected.abort();
  });

  const body = await readBody(incoming, options.maxBodyBytes);
  if (body === 'too-large') {
    outgoing.writeHead(413, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'request_too_large' }));
    incoming.resume();
    return;
  }
  const headers = new Headers();
  for (const [name, values] of Object.entries(incoming.headersDistinct)) {
    for (const value of values ?? []) headers.append(name, value);
  }
  const method = incoming.method ?? 'GET';
  const request = new Request(new URL(incoming.url ?? '/', options.origin), {
    method,
    headers,
    signal: disconnected.signal,
    ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
  });

  const response = await handler(request);
  await writeResponse(response, outgoing, disconnected.signal);
}

async function readBody(incoming: IncomingMessage, maxBodyBytes: number): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) return 'too-large';
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function writeResponse(response: Response, outgoing: ServerResponse, disconnected: AbortSignal): Promise<void> {
  outgoing.statusCode = response.status;
  for (const [name, value] of response.headers) {
    // Several cookies cannot share one header line; Headers keeps them apart only through getSetCookie().
    if (name !== 'set-cookie') outgoing.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) outgoing.setHeader('set-cookie', cookies);
  if (!response.body) {
    outgoing.end();
    return;
  }
  // Send the status line now, so a streamed reply's first words are not held back behind the headers.
  outgoing.flushHeaders();
  const reader = response.body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  disconnected.addEventListener('abort', stop, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || disconnected.aborted) break;
      if (!outgoing.write(value)) await Promise.race([once(outgoing, 'drain'), once(outgoing, 'close')]);
    }
  } finally {
    disconnected.removeEventListener('abort', stop);
  }
  outgoing.end();
}
