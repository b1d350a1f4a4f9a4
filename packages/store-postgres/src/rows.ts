// How each record maps to its table: columns, primary key, and the conversions both ways (JSON as text,
// so records come back exactly as written).
import type { JsonValue, StoreRecordOf, StoreTable } from '@loomworks/core';

export type Row = Record<string, unknown>;

export type TableMapping<T extends StoreTable> = {
  /** The SQL table name (unqualified). */
  table: string;
  /** Every column, in the order `toRow` gives values. */
  columns: readonly string[];
  /** The primary-key columns, in scan order; each a text or an integer. */
  key: readonly string[];
  keyShape: readonly ('string' | 'number')[];
  keyOf(record: StoreRecordOf[T]): (string | number)[];
  toRow(record: StoreRecordOf[T]): unknown[];
  fromRow(row: Row): StoreRecordOf[T];
};

function json(value: unknown): string {
  return JSON.stringify(value);
}

function jsonOrNull(value: JsonValue | null | undefined): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

function parse<T>(text: unknown): T {
  return JSON.parse(text as string) as T;
}

function parseOrNull<T>(text: unknown): T | null {
  return text === null || text === undefined ? null : (JSON.parse(text as string) as T);
}

const text = (value: unknown): string => value as string;
const textOrNull = (value: unknown): string | null => (value ?? null) as string | null;
/** Integers come back as numbers (bigint columns included: see INT8_AS_NUMBER in the store). */
const integer = (value: unknown): number => Number(value);

const persons: TableMapping<'persons'> = {
  table: 'persons',
  columns: ['id', 'display_name', 'email', 'user_handle', 'created_at'],
  key: ['id'],
  keyShape: ['string'],
  keyOf: (record) => [record.id],
  toRow: (record) => [record.id, record.displayName, record.email, record.userHandle, record.createdAt],
  fromRow: (row) => ({
    id: text(row.id),
    displayName: text(row.display_name),
    email: textOrNull(row.email),
    userHandle: text(row.user_handle),
    createdAt: text(row.created_at),
  }),
};

const credentials: TableMapping<'credentials'> = {
  table: 'credentials',
  columns: ['id', 'person_id', 'public_key', 'counter', 'transports', 'device_type', 'backed_up', 'created_at', 'last_used_at'],
  key: ['id'],
  keyShape: ['string'],
  keyOf: (record) => [record.id],
  toRow: (record) => [
    record.id,
    record.personId,
    record.publicKey,
    record.counter,
    json(record.transports),
    record.deviceType,
    record.backedUp,
    record.createdAt,
    record.lastUsedAt,
  ],
  fromRow: (row) => ({
    id: text(row.id),
    personId: text(row.person_id),
    publicKey: text(row.public_key),
    counter: integer(row.counter),
    transports: parse<string[]>(row.transports),
    deviceType: text(row.device_type) as StoreRecordOf['credentials']['deviceType'],
    backedUp: row.backed_up === true,
    createdAt: text(row.created_at),
    lastUsedAt: textOrNull(row.last_used_at),
  }),
};

const challenges: TableMapping<'challenges'> = {
  table: 'challenges',
  columns: ['flow_id', 'challenge', 'purpose', 'person_id', 'data', 'created_at', 'expires_at'],
  key: ['flow_id'],
  keyShape: ['string'],
  keyOf: (record) => [record.flowId],
  toRow: (record) => [record.flowId, record.challenge, record.purpose, record.personId, jsonOrNull(record.data), record.createdAt, record.expiresAt],
  fromRow: (row) => ({
    flowId: text(row.flow_id),
    challenge: text(row.challenge),
    purpose: text(row.purpose) as StoreRecordOf['challenges']['purpose'],
    personId: textOrNull(row.person_id),
    data: parseOrNull<JsonValue>(row.data),
    createdAt: text(row.created_at),
    expiresAt: text(row.expires_at),
  }),
};

const authSessions: TableMapping<'authSessions'> = {
  table: 'auth_sessions',
  columns: ['token_hash', 'person_id', 'created_at', 'expires_at', 'revoked_at'],
  key: ['token_hash'],
  keyShape: ['string'],
  keyOf: (record) => [record.tokenHash],
  toRow: (record) => [record.tokenHash, record.personId, record.createdAt, record.expiresAt, record.revokedAt],
  fromRow: (row) => ({
    tokenHash: text(row.token_hash),
    personId: text(row.person_id),
    createdAt: text(row.created_at),
    expiresAt: text(row.expires_at),
    revokedAt: textOrNull(row.revoked_at),
  }),
};

const recoveryCodes: TableMapping<'recoveryCodes'> = {
  table: 'recovery_codes',
  columns: ['code_hash', 'person_id', 'created_at', 'used_at'],
  key: ['code_hash'],
  keyShape: ['string'],
  keyOf: (record) => [record.codeHash],
  toRow: (record) => [record.codeHash, record.personId, record.createdAt, record.usedAt],
  fromRow: (row) => ({
    personId: text(row.person_id),
    codeHash: text(row.code_hash),
    createdAt: text(row.created_at),
    usedAt: textOrNull(row.used_at),
  }),
};

const engagements: TableMapping<'engagements'> = {
  table: 'engagements',
  columns: ['id', 'operator_id', 'name', 'name_key', 'status', 'induction_status', 'seed_version', 'session_id', 'created_at', 'updated_at'],
  key: ['id'],
  keyShape: ['string'],
  keyOf: (record) => [record.id],
  toRow: (record) => [
    record.id,
    record.operatorId,
    record.name,
    record.nameKey,
    record.status,
    record.inductionStatus,
    record.seedVersion,
    record.sessionId,
    record.createdAt,
    record.updatedAt,
  ],
  fromRow: (row) => ({
    id: text(row.id),
    operatorId: text(row.operator_id),
    name: text(row.name),
    nameKey: text(row.name_key),
    status: text(row.status) as StoreRecordOf['engagements']['status'],
    inductionStatus: textOrNull(row.induction_status) as StoreRecordOf['engagements']['inductionStatus'],
    seedVersion: row.seed_version === null ? null : integer(row.seed_version),
    sessionId: textOrNull(row.session_id),
    createdAt: text(row.created_at),
    updatedAt: text(row.updated_at),
  }),
};

const sessions: TableMapping<'sessions'> = {
  table: 'sessions',
  columns: ['id', 'operator_id', 'companion_id', 'status', 'engagement_id', 'state', 'version', 'created_at', 'updated_at'],
  key: ['id'],
  keyShape: ['string'],
  keyOf: (record) => [record.id],
  toRow: (record) => [
    record.id,
    record.operatorId,
    record.companionId,
    record.status,
    record.engagementId,
    json(record.state),
    record.version,
    record.createdAt,
    record.updatedAt,
  ],
  fromRow: (row) => ({
    id: text(row.id),
    operatorId: text(row.operator_id),
    companionId: text(row.companion_id),
    status: text(row.status) as StoreRecordOf['sessions']['status'],
    engagementId: textOrNull(row.engagement_id),
    state: parse<JsonValue>(row.state),
    version: integer(row.version),
    createdAt: text(row.created_at),
    updatedAt: text(row.updated_at),
  }),
};

const turns: TableMapping<'turns'> = {
  table: 'turns',
  columns: ['session_id', 'idx', 'role', 'text', 'at', 'intent', 'trace', 'usage', 'request'],
  key: ['session_id', 'idx'],
  keyShape: ['string', 'number'],
  keyOf: (record) => [record.sessionId, record.index],
  toRow: (record) => [
    record.sessionId,
    record.index,
    record.role,
    record.text,
    record.at,
    record.intent,
    jsonOrNull(record.trace),
    jsonOrNull(record.usage),
    jsonOrNull(record.request),
  ],
  fromRow: (row) => ({
    sessionId: text(row.session_id),
    index: integer(row.idx),
    role: text(row.role) as StoreRecordOf['turns']['role'],
    text: text(row.text),
    at: text(row.at),
    intent: textOrNull(row.intent),
    trace: parseOrNull<JsonValue>(row.trace),
    usage: parseOrNull<StoreRecordOf['turns']['usage']>(row.usage),
    request: parseOrNull<JsonValue>(row.request),
  }),
};

const documents: TableMapping<'documents'> = {
  table: 'documents',
  columns: ['id', 'engagement_id', 'session_id', 'kind', 'format', 'content', 'sha256', 'created_at'],
  key: ['id'],
  keyShape: ['string'],
  keyOf: (record) => [record.id],
  toRow: (record) => [record.id, record.engagementId, record.sessionId, record.kind, record.format, record.content, record.sha256, record.createdAt],
  fromRow: (row) => ({
    id: text(row.id),
    engagementId: text(row.engagement_id),
    sessionId: textOrNull(row.session_id),
    kind: text(row.kind) as StoreRecordOf['documents']['kind'],
    format: text(row.format),
    content: text(row.content),
    sha256: text(row.sha256),
    createdAt: text(row.created_at),
  }),
};

const seedVersions: TableMapping<'seedVersions'> = {
  table: 'seed_versions',
  columns: ['engagement_id', 'version', 'seed', 'source', 'document_id', 'induction_status', 'findings', 'created_at'],
  key: ['engagement_id', 'version'],
  keyShape: ['string', 'number'],
  keyOf: (record) => [record.engagementId, record.version],
  toRow: (record) => [
    record.engagementId,
    record.version,
    json(record.seed),
    record.source,
    record.documentId,
    record.inductionStatus,
    json(record.findings),
    record.createdAt,
  ],
  fromRow: (row) => ({
    engagementId: text(row.engagement_id),
    version: integer(row.version),
    seed: parse<StoreRecordOf['seedVersions']['seed']>(row.seed),
    source: text(row.source) as StoreRecordOf['seedVersions']['source'],
    documentId: textOrNull(row.document_id),
    inductionStatus: text(row.induction_status) as StoreRecordOf['seedVersions']['inductionStatus'],
    findings: parse<StoreRecordOf['seedVersions']['findings']>(row.findings),
    createdAt: text(row.created_at),
  }),
};

const events: TableMapping<'events'> = {
  table: 'events',
  columns: ['id', 'engagement_id', 'seq', 'type', 'actor_kind', 'actor_id', 'at', 'payload', 'prev_hash', 'hash'],
  key: ['engagement_id', 'seq'],
  keyShape: ['string', 'number'],
  keyOf: (record) => [record.engagementId, record.seq],
  toRow: (record) => [
    record.id,
    record.engagementId,
    record.seq,
    record.type,
    record.actor.kind,
    record.actor.id,
    record.at,
    json(record.payload),
    record.prevHash,
    record.hash,
  ],
  fromRow: (row) => ({
    id: text(row.id),
    engagementId: text(row.engagement_id),
    seq: integer(row.seq),
    type: text(row.type),
    actor: { kind: text(row.actor_kind) as StoreRecordOf['events']['actor']['kind'], id: text(row.actor_id) },
    at: text(row.at),
    payload: parse<JsonValue>(row.payload),
    prevHash: text(row.prev_hash),
    hash: text(row.hash),
  }),
};

const outbox: TableMapping<'outbox'> = {
  table: 'outbox',
  columns: ['event_id', 'engagement_id', 'seq', 'hash', 'priority', 'enqueued_at', 'anchored_at', 'receipt'],
  key: ['event_id'],
  keyShape: ['string'],
  keyOf: (record) => [record.eventId],
  toRow: (record) => [
    record.eventId,
    record.engagementId,
    record.seq,
    record.hash,
    record.priority,
    record.enqueuedAt,
    record.anchoredAt,
    jsonOrNull(record.receipt),
  ],
  fromRow: (row) => ({
    eventId: text(row.event_id),
    engagementId: text(row.engagement_id),
    seq: integer(row.seq),
    hash: text(row.hash),
    priority: text(row.priority) as StoreRecordOf['outbox']['priority'],
    enqueuedAt: text(row.enqueued_at),
    anchoredAt: textOrNull(row.anchored_at),
    receipt: parseOrNull<JsonValue>(row.receipt),
  }),
};

/** Every table of the store contract, by its name in `STORE_TABLES`. */
export const TABLE_MAPPINGS: { [T in StoreTable]: TableMapping<T> } = {
  persons,
  credentials,
  challenges,
  authSessions,
  recoveryCodes,
  engagements,
  sessions,
  turns,
  documents,
  seedVersions,
  events,
  outbox,
};

export const jsonText = { json, jsonOrNull };
