// Record/replay cassettes for the real API. Record mode proxies to an upstream and writes every exchange to
// a JSON file (credentials redacted); replay mode answers from the file with no network, matching requests
// by method, path and canonical body. A request that no longer matches — a prompt asset was edited, the
// model changed — fails with a drift error naming what differs, so a stale cassette is never replayed.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { LoomworksError, canonicalJson, sha256Hex, type ErrorCode } from '@loomworks/core';

export const CASSETTE_FORMAT = 'loomworks-cassette/v1';

/** The code of a drift error (exit class `input`); `details.differences` says what changed. */
export const CASSETTE_DRIFT_CODE: ErrorCode = 'E_CASSETTE_DRIFT';

export type CassetteMode = 'record' | 'replay';

export type CassetteOptions = {
  mode: CassetteMode;
  /** The cassette file (JSON). Record mode creates or overwrites it; replay mode reads it. */
  path: string;
  /** Record mode: where requests really go. Default: the global fetch. Never called in replay mode. */
  upstream?: typeof fetch;
  /** Body fields left out of the match key (volatile per run). Default `['metadata']`. */
  ignoreFields?: readonly string[];
};

/** One request and its answer, as stored. */
export type CassetteExchange = {
  /** sha256 of the canonical match key (method, path, body without the ignored fields). */
  key: string;
  request: { method: string; path: string; headers: Record<string, string>; body: unknown };
  response: { status: number; headers: Record<string, string>; body: string };
};

export type CassetteFile = { format: typeof CASSETTE_FORMAT; exchanges: CassetteExchange[] };

export type CassetteFetch = typeof fetch & {
  readonly mode: CassetteMode;
  /** Exchanges recorded so far (record mode) or loaded (replay mode). */
  readonly exchanges: readonly CassetteExchange[];
};

const REDACTED = '[redacted]';
const SECRET_HEADER = /key|token|secret|auth|cookie|session/i;
/** Response headers that describe one transport, not the answer. */
const TRANSPORT_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive', 'date']);

type IncomingRequest = { method: string; path: string; headers: Headers; text: string; body: unknown; signal: AbortSignal | null };

async function readIncoming(input: string | URL | Request, init?: RequestInit): Promise<IncomingRequest & { url: string }> {
  const request = input instanceof Request ? new Request(input, init) : new Request(new URL(String(input), 'http://cassette.invalid'), init);
  const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
  let body: unknown = null;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  const url = new URL(request.url);
  return { url: input instanceof Request ? input.url : String(input), method: request.method, path: url.pathname, headers: request.headers, text, body, signal: init?.signal ?? null };
}

function matchKey(method: string, path: string, body: unknown, ignore: readonly string[]): string {
  const kept = typeof body === 'object' && body !== null && !Array.isArray(body) ? Object.fromEntries(Object.entries(body).filter(([field]) => !ignore.includes(field))) : body;
  return sha256Hex(canonicalJson({ method, path, body: kept }));
}

function safeHeaders(headers: Headers, dropTransport: boolean): Record<string, string> {
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (dropTransport && TRANSPORT_HEADERS.has(name)) return;
    kept[name] = SECRET_HEADER.test(name) ? REDACTED : value;
  });
  return kept;
}

/** Every credential value the request carried (the API key, a bearer token). */
function secretsOf(headers: Headers): string[] {
  const secrets: string[] = [];
  headers.forEach((value, name) => {
    if (!SECRET_HEADER.test(name)) return;
    secrets.push(value);
    const bearer = /^Bearer\s+(.+)$/i.exec(value)?.[1];
    if (bearer) secrets.push(bearer);
  });
  return secrets.filter((secret) => secret.length >= 4);
}

function redactSecrets(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of secrets) redacted = redacted.split(secret).join(REDACTED);
  return redacted;
}

/** A fetch that records to, or replays from, a cassette file. */
export function createCassetteFetch(options: CassetteOptions): CassetteFetch {
  const ignore = options.ignoreFields ?? ['metadata'];
  const exchanges: CassetteExchange[] = [];
  let loaded: Promise<void> | null = null;
  let writing = Promise.resolve();
  const secrets = new Set<string>();

  async function load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(options.path, 'utf8');
    } catch (error) {
      throw new LoomworksError('E_NOT_FOUND', `Cassette ${options.path} cannot be read; record it first (mode 'record')`, { cause: error, details: { path: options.path } });
    }
    const file = JSON.parse(text) as Partial<CassetteFile>;
    if (file.format !== CASSETTE_FORMAT || !Array.isArray(file.exchanges)) {
      throw new LoomworksError('E_INVALID_INPUT', `Cassette ${options.path} is not a ${CASSETTE_FORMAT} file`, { details: { path: options.path } });
    }
    exchanges.push(...file.exchanges);
  }

  async function save(): Promise<void> {
    const file: CassetteFile = { format: CASSETTE_FORMAT, exchanges };
    const text = redactSecrets(`${JSON.stringify(file, null, 2)}\n`, [...secrets]);
    await mkdir(dirname(options.path), { recursive: true });
    await writeFile(options.path, text, 'utf8');
  }

  async function record(incoming: IncomingRequest & { url: string }): Promise<Response> {
    const upstream = options.upstream ?? globalThis.fetch;
    for (const secret of secretsOf(incoming.headers)) secrets.add(secret);
    const response = await upstream(incoming.url, {
      method: incoming.method,
      headers: incoming.headers,
      ...(incoming.text !== '' ? { body: incoming.text } : {}),
      ...(incoming.signal ? { signal: incoming.signal } : {}),
    });
    // The whole body is kept (a stream's events arrive together on replay; the SDK reads the same bytes).
    const body = await response.text();
    exchanges.push({
      key: matchKey(incoming.method, incoming.path, incoming.body, ignore),
      request: { method: incoming.method, path: incoming.path, headers: safeHeaders(incoming.headers, false), body: incoming.body },
      response: { status: response.status, headers: safeHeaders(response.headers, true), body },
    });
    writing = writing.then(save);
    await writing;
    return new Response(body, { status: response.status, headers: response.headers });
  }

  const used = new Set<CassetteExchange>();

  async function replay(incoming: IncomingRequest): Promise<Response> {
    loaded ??= load();
    await loaded;
    const key = matchKey(incoming.method, incoming.path, incoming.body, ignore);
    const candidates = exchanges.filter((exchange) => exchange.key === key);
    // Identical requests (a retry) replay their recorded answers in order; the last one repeats.
    const exchange = candidates.find((candidate) => !used.has(candidate)) ?? candidates[candidates.length - 1];
    if (!exchange) throw driftError(incoming);
    used.add(exchange);
    return new Response(exchange.response.body, { status: exchange.response.status, headers: exchange.response.headers });
  }

  function driftError(incoming: IncomingRequest): LoomworksError {
    const samePath = exchanges.filter((exchange) => exchange.request.method === incoming.method && exchange.request.path === incoming.path);
    const expected = samePath.find((exchange) => !used.has(exchange)) ?? samePath[samePath.length - 1];
    const differences = expected ? describeDrift(expected.request.body, incoming.body, ignore) : [`nothing was recorded for ${incoming.method} ${incoming.path}`];
    return new LoomworksError(CASSETTE_DRIFT_CODE, `The request drifted from cassette ${options.path}: ${differences.join('; ')}`, {
      details: { reason: 'cassette-drift', path: options.path, method: incoming.method, endpoint: incoming.path, differences },
      hint: 'Re-record the cassette (mode "record") if the change is intended.',
    });
  }

  const cassetteFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const incoming = await readIncoming(input, init);
    return options.mode === 'record' ? record(incoming) : replay(incoming);
  };
  return Object.assign(cassetteFetch as typeof fetch, { mode: options.mode, exchanges });
}

// -- drift -----------------------------------------------------------------------------------------------------

const shortHash = (value: unknown) => sha256Hex(typeof value === 'string' ? value : canonicalJson(value ?? null)).slice(0, 12);

function systemText(system: unknown): string {
  if (typeof system === 'string') return system;
  if (!Array.isArray(system)) return '';
  return system.map((block) => (typeof block === 'object' && block !== null && typeof (block as { text?: unknown }).text === 'string' ? (block as { text: string }).text : canonicalJson(block))).join('\n');
}

/** The `<section id="…">` blocks of an assembled system prompt (one per prompt asset), by id. */
function promptSections(text: string): Map<string, string> {
  const sections = new Map<string, string>();
  const open = '<section id="';
  let at = text.indexOf(open);
  while (at >= 0) {
    const idEnd = text.indexOf('">', at + open.length);
    if (idEnd < 0) break;
    const close = text.indexOf('</section>', idEnd);
    if (close < 0) break;
    sections.set(text.slice(at + open.length, idEnd), text.slice(idEnd + 2, close));
    at = text.indexOf(open, close);
  }
  return sections;
}

function describeSystemDrift(before: string, after: string): string[] {
  const differences = [`system prompt changed: sha256 ${shortHash(before)} → ${shortHash(after)}`];
  const old = promptSections(before);
  const now = promptSections(after);
  for (const [id, text] of now) {
    if (!old.has(id)) differences.push(`prompt ${id} added`);
    else if (old.get(id) !== text) differences.push(`prompt ${id} changed`);
  }
  for (const id of old.keys()) if (!now.has(id)) differences.push(`prompt ${id} removed`);
  return differences;
}

function preview(value: unknown): string {
  const text = typeof value === 'string' ? value : canonicalJson(value ?? null);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** What differs between a recorded body and the new one, in plain sentences, most telling first. */
export function describeDrift(recorded: unknown, current: unknown, ignore: readonly string[] = []): string[] {
  const record = (typeof recorded === 'object' && recorded !== null ? recorded : {}) as Record<string, unknown>;
  const now = (typeof current === 'object' && current !== null ? current : {}) as Record<string, unknown>;
  const differences: string[] = [];
  if (record.model !== now.model) differences.push(`model changed: ${String(record.model)} → ${String(now.model)}`);
  if (canonicalJson(record.system ?? null) !== canonicalJson(now.system ?? null)) differences.push(...describeSystemDrift(systemText(record.system), systemText(now.system)));
  if (canonicalJson(record.tools ?? null) !== canonicalJson(now.tools ?? null)) differences.push(`tools changed: sha256 ${shortHash(record.tools)} → ${shortHash(now.tools)}`);

  const before = Array.isArray(record.messages) ? record.messages : [];
  const after = Array.isArray(now.messages) ? now.messages : [];
  if (before.length !== after.length) differences.push(`messages: ${before.length} recorded, ${after.length} now`);
  const changed = after.findIndex((message, index) => index < before.length && canonicalJson(message) !== canonicalJson(before[index]));
  if (changed >= 0) differences.push(`messages.${changed} changed: ${preview(before[changed])} → ${preview(after[changed])}`);

  const known = new Set(['model', 'system', 'tools', 'messages', ...ignore]);
  for (const field of new Set([...Object.keys(record), ...Object.keys(now)])) {
    if (known.has(field) || canonicalJson(record[field] ?? null) === canonicalJson(now[field] ?? null)) continue;
    differences.push(`${field} changed: ${preview(record[field])} → ${preview(now[field])}`);
  }
  return differences.length > 0 ? differences : ['the body differs from every recorded request'];
}
