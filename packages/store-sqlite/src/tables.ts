// How each record type maps to its SQL table: columns, primary key, and the conversions both ways.
import type {
  AuthSessionRecord,
  ChallengeRecord,
  CreationSessionRecord,
  CredentialRecord,
  DocumentRecord,
  EngagementRecord,
  JsonValue,
  MemoryEvent,
  OutboxEntry,
  PersonRecord,
  RecoveryCodeRecord,
  SeedVersionRecord,
  StoreRecordOf,
  StoreTable,
  TurnRecord,
} from '@loomworks/core';

export type SqlValue = string | number | null;
export type Row = Record<string, SqlValue>;

export type TableSpec<R> = {
  /** The SQL table. */
  name: string;
  /** Every column, in the order `toRow` returns values. */
  columns: readonly string[];
  /** The primary key: one text column, or a parent id and a number within the parent (scan order). */
  key: readonly [string] | readonly [string, string];
  toRow(record: R): SqlValue[];
  fromRow(row: Row): R;
  keyOf(record: R): SqlValue[];
};

// JSON is stored as the text JSON.stringify writes and read back with JSON.parse: exact, key order kept.
function json(value: JsonValue | unknown): string {
  return JSON.stringify(value);
}

function nullableJson(value: JsonValue | null): string | null {
  return value === null ? null : JSON.stringify(value);
}

function parse<T>(text: SqlValue | undefined): T {
  return JSON.parse(text as string) as T;
}

function parseNullable<T>(text: SqlValue | undefined): T | null {
  return text === null || text === undefined ? null : (JSON.parse(text as string) as T);
}

function text(value: SqlValue | undefined): string {
  return value as string;
}

function nullableText<T extends string = string>(value: SqlValue | undefined): T | null {
  return (value ?? null) as T | null;
}

const engagements: TableSpec<EngagementRecord> = {
  name: 'engagements',
  columns: ['id', 'operator_id', 'name', 'name_key', 'status', 'induction_status', 'seed_version', 'session_id', 'created_at', 'updated_at'],
  key: ['id'],
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
    status: text(row.status) as EngagementRecord['status'],
    inductionStatus: nullableText<NonNullable<EngagementRecord['inductionStatus']>>(row.induction_status),
    seedVersion: row.seed_version as number | null,
    sessionId: nullableText(row.session_id),
    createdAt: text(row.created_at),
    updatedAt: text(row.updated_at),
  }),
  keyOf: (record) => [record.id],
};

const sessions: TableSpec<CreationSessionRecord> = {
  name: 'sessions',
  columns: ['id', 'operator_id', 'companion_id', 'status', 'engagement_id', 'state', 'version', 'created_at', 'updated_at'],
  key: ['id'],
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
    status: text(row.status) as CreationSessionRecord['status'],
    engagementId: nullableText(row.engagement_id),
    state: parse<JsonValue>(row.state),
    version: row.version as number,
    createdAt: text(row.created_at),
    updatedAt: text(row.updated_at),
  }),
  keyOf: (record) => [record.id],
};

const turns: TableSpec<TurnRecord> = {
  name: 'turns',
  columns: ['session_id', 'idx', 'role', 'text', 'at', 'intent', 'trace', 'usage', 'request'],
  key: ['session_id', 'idx'],
  toRow: (record) => [
    record.sessionId,
    record.index,
    record.role,
    record.text,
    record.at,
    record.intent,
    nullableJson(record.trace),
    record.usage === null ? null : json(record.usage),
    nullableJson(record.request),
  ],
  fromRow: (row) => ({
    sessionId: text(row.session_id),
    index: row.idx as number,
    role: text(row.role) as TurnRecord['role'],
    text: text(row.text),
    at: text(row.at),
    intent: nullableText(row.intent),
    trace: parseNullable<JsonValue>(row.trace),
    usage: parseNullable<TurnRecord['usage']>(row.usage),
    request: parseNullable<JsonValue>(row.request),
  }),
  keyOf: (record) => [record.sessionId, record.index],
};

const documents: TableSpec<DocumentRecord> = {
  name: 'documents',
  columns: ['id', 'engagement_id', 'session_id', 'kind', 'format', 'content', 'sha256', 'created_at'],
  key: ['id'],
  toRow: (record) => [record.id, record.engagementId, record.sessionId, record.kind, record.format, record.content, record.sha256, record.createdAt],
  fromRow: (row) => ({
    id: text(row.id),
    engagementId: text(row.engagement_id),
    sessionId: nullableText(row.session_id),
    kind: text(row.kind) as DocumentRecord['kind'],
    format: text(row.format),
    content: text(row.content),
    sha256: text(row.sha256),
    createdAt: text(row.created_at),
  }),
  keyOf: (record) => [record.id],
};

const seedVersions: TableSpec<SeedVersionRecord> = {
  name: 'seed_versions',
  columns: ['engagement_id', 'version', 'seed', 'source', 'document_id', 'induction_status', 'findings', 'created_at'],
  key: ['engagement_id', 'version'],
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
    version: row.version as number,
    seed: parse<SeedVersionRecord['seed']>(row.seed),
    source: text(row.source) as SeedVersionRecord['source'],
    documentId: nullableText(row.document_id),
    inductionStatus: text(row.induction_status) as SeedVersionRecord['inductionStatus'],
    findings: parse<SeedVersionRecord['findings']>(row.findings),
    createdAt: text(row.created_at),
  }),
  keyOf: (record) => [record.engagementId, record.version],
};

const events: TableSpec<MemoryEvent> = {
  name: 'events',
  columns: ['id', 'engagement_id', 'seq', 'type', 'actor_kind', 'actor_id', 'at', 'payload', 'prev_hash', 'hash'],
  key: ['engagement_id', 'seq'],
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
    seq: row.seq as number,
    type: text(row.type),
    actor: { kind: text(row.actor_kind) as MemoryEvent['actor']['kind'], id: text(row.actor_id) },
    at: text(row.at),
    payload: parse<JsonValue>(row.payload),
    prevHash: text(row.prev_hash),
    hash: text(row.hash),
  }),
  keyOf: (record) => [record.engagementId, record.seq],
};

const outbox: TableSpec<OutboxEntry> = {
  name: 'outbox',
  columns: ['event_id', 'engagement_id', 'seq', 'hash', 'priority', 'enqueued_at', 'anchored_at', 'receipt'],
  key: ['event_id'],
  toRow: (record) => [
    record.eventId,
    record.engagementId,
    record.seq,
    record.hash,
    record.priority,
    record.enqueuedAt,
    record.anchoredAt,
    nullableJson(record.receipt),
  ],
  fromRow: (row) => ({
    eventId: text(row.event_id),
    engagementId: text(row.engagement_id),
    seq: row.seq as number,
    hash: text(row.hash),
    priority: text(row.priority) as OutboxEntry['priority'],
    enqueuedAt: text(row.enqueued_at),
    anchoredAt: nullableText(row.anchored_at),
    receipt: parseNullable<JsonValue>(row.receipt),
  }),
  keyOf: (record) => [record.eventId],
};

const persons: TableSpec<PersonRecord> = {
  name: 'persons',
  columns: ['id', 'display_name', 'email', 'user_handle', 'created_at'],
  key: ['id'],
  toRow: (record) => [record.id, record.displayName, record.email, record.userHandle, record.createdAt],
  fromRow: (row) => ({
    id: text(row.id),
    displayName: text(row.display_name),
    email: nullableText(row.email),
    userHandle: text(row.user_handle),
    createdAt: text(row.created_at),
  }),
  keyOf: (record) => [record.id],
};

const credentials: TableSpec<CredentialRecord> = {
  name: 'credentials',
  columns: ['id', 'person_id', 'public_key', 'counter', 'transports', 'device_type', 'backed_up', 'created_at', 'last_used_at'],
  key: ['id'],
  toRow: (record) => [
    record.id,
    record.personId,
    record.publicKey,
    record.counter,
    json(record.transports),
    record.deviceType,
    record.backedUp ? 1 : 0,
    record.createdAt,
    record.lastUsedAt,
  ],
  fromRow: (row) => ({
    id: text(row.id),
    personId: text(row.person_id),
    publicKey: text(row.public_key),
    counter: row.counter as number,
    transports: parse<string[]>(row.transports),
    deviceType: text(row.device_type) as CredentialRecord['deviceType'],
    backedUp: row.backed_up === 1,
    createdAt: text(row.created_at),
    lastUsedAt: nullableText(row.last_used_at),
  }),
  keyOf: (record) => [record.id],
};

const challenges: TableSpec<ChallengeRecord> = {
  name: 'challenges',
  columns: ['flow_id', 'challenge', 'purpose', 'person_id', 'data', 'created_at', 'expires_at'],
  key: ['flow_id'],
  toRow: (record) => [record.flowId, record.challenge, record.purpose, record.personId, nullableJson(record.data), record.createdAt, record.expiresAt],
  fromRow: (row) => ({
    flowId: text(row.flow_id),
    challenge: text(row.challenge),
    purpose: text(row.purpose) as ChallengeRecord['purpose'],
    personId: nullableText(row.person_id),
    data: parseNullable<JsonValue>(row.data),
    createdAt: text(row.created_at),
    expiresAt: text(row.expires_at),
  }),
  keyOf: (record) => [record.flowId],
};

const authSessions: TableSpec<AuthSessionRecord> = {
  name: 'auth_sessions',
  columns: ['token_hash', 'person_id', 'created_at', 'expires_at', 'revoked_at'],
  key: ['token_hash'],
  toRow: (record) => [record.tokenHash, record.personId, record.createdAt, record.expiresAt, record.revokedAt],
  fromRow: (row) => ({
    tokenHash: text(row.token_hash),
    personId: text(row.person_id),
    createdAt: text(row.created_at),
    expiresAt: text(row.expires_at),
    revokedAt: nullableText(row.revoked_at),
  }),
  keyOf: (record) => [record.tokenHash],
};

const recoveryCodes: TableSpec<RecoveryCodeRecord> = {
  name: 'recovery_codes',
  columns: ['code_hash', 'person_id', 'created_at', 'used_at'],
  key: ['code_hash'],
  toRow: (record) => [record.codeHash, record.personId, record.createdAt, record.usedAt],
  fromRow: (row) => ({
    codeHash: text(row.code_hash),
    personId: text(row.person_id),
    createdAt: text(row.created_at),
    usedAt: nullableText(row.used_at),
  }),
  keyOf: (record) => [record.codeHash],
};

export const TABLES: { readonly [T in StoreTable]: TableSpec<StoreRecordOf[T]> } = {
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
