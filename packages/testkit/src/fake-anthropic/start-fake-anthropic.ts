// startFakeAnthropic (SPEC §8): the fake API as an HTTP server on 127.0.0.1 and a random port, for anything
// that talks over the network (point ANTHROPIC_BASE_URL at `url`).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createFakeAnthropicEngine, type FakeAnthropicEngine } from './fake-engine';
import type { FakeAnthropicOptions, FakeAnthropicServer } from './types';

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function serve(engine: FakeAnthropicEngine, origin: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const aborter = new AbortController();
  // The client hung up before the response finished: stop whatever the fake is waiting for.
  response.on('close', () => {
    if (!response.writableFinished) aborter.abort();
  });
  const body = await readBody(request);
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = request.method ?? 'GET';
  const webRequest = new Request(new URL(request.url ?? '/', origin), {
    method,
    headers,
    signal: aborter.signal,
    ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
  });
  let answer: Response;
  try {
    answer = await engine.handle(webRequest);
  } catch (error) {
    if (aborter.signal.aborted) return;
    throw error;
  }
  response.writeHead(answer.status, Object.fromEntries(answer.headers));
  if (!answer.body) {
    response.end();
    return;
  }
  const stream = Readable.fromWeb(answer.body as import('node:stream/web').ReadableStream<Uint8Array>);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}

/**
 * Starts the fake on 127.0.0.1 (a random free port). Resolves to its base URL, the recorded requests and
 * the controls; `close()` stops it and drops open connections.
 */
export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeAnthropicServer> {
  const engine = createFakeAnthropicEngine(options);
  let origin = '';
  const server = createServer((request, response) => {
    serve(engine, origin, request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: `The fake failed: ${(error as Error).message}` } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | null = null;
  return {
    url: origin,
    requests: engine.requests,
    cache: engine.cache,
    advanceTime: engine.advanceTime,
    now: engine.now,
    inject: engine.inject,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
