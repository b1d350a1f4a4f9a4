// Every store operation as synchronous SQL on one connection. The store decides the transaction each runs in;
// these methods assume it is there (they check, then write, relying on holding the write lock).
import type Database from 'better-sqlite3';
import {
  LoomworksError,
  STORE_TABLES,
  applyEngagementPatch,
  checkEventBatch,
  checkListEventsOptions,
  checkPageLimit,
  checkPendingAnchorLimit,
  checkSessionVersion,
  checkStoreTable,
  decodeStoreCursor,
  encodeStoreCursor,
  isSameRecord,
  type AuthSessionRecord,
  type ChallengeRecord,
  type CounterUpdate,
  type CreationSessionRecord,
  type CredentialRecord,
  type DeleteCredentialOutcome,
  type DocumentRecord,
  type EngagementPatch,
  type EngagementRecord,
  type ImportOutcome,
  type JsonValue,
  type ListEngagementsOptions,
  type MemoryEvent,
  type OutboxEntry,
  type Page,
  type PersonRecord,
  type RecoveryCodeRecord,
  type ScanOptions,
  type SeedVersionRecord,
  type StoreRecordOf,
  type StoreTable,
  type TurnRecord,
} from '@loomworks/core';
import { sqliteCode } from './errors';
import { PRIORITY_RANK_SQL } from './migrations';
import { TABLES, type Row, type SqlValue, type TableSpec } from './tables';

type Statement = Database.Statement<unknown[], Row>;

// ── Errors, with the memory store's codes and messages (core checks the arguments) ───────────

function conflict(message: string, details: Record<string, unknown>, cause?: unknown): LoomworksError {
  return new LoomworksError('E_CONFLICT', message, { details, ...(cause === undefined ? {} : { cause }) });
}

function notFound(message: string, details: Record<string, unknown>, cause?: unknown): LoomworksError {
  return new LoomworksError('E_NOT_FOUND', message, { details, ...(cause === undefined ? {} : { cause }) });
}

// ── SQL built once per table ─────────────────────────────────────────────────────────────────

type TableSql = { insert: string; byKey: string; scanFirst: string; scanAfter: string };

function tableSql(spec: TableSpec<unknown>): TableSql {
  const key = spec.key.join(', ');
  const keyMatch = spec.key.map((column) => `${column} = ?`).join(' AND ');
  const after = spec.key.length === 1 ? `${spec.key[0]} > ?` : `(${key}) > (?, ?)`;
  return {
    insert: `INSERT INTO ${spec.table} (${spec.columns.join(', ')}) VALUES (${spec.columns.map(() => '?').join(', ')})`,
    byKey: `SELECT * FROM ${spec.table} WHERE ${keyMatch}`,
    scanFirst: `SELECT * FROM ${spec.table} ORDER BY ${key} LIMIT ?`,
    scanAfter: `SELECT * FROM ${spec.table} WHERE ${after} ORDER BY ${key} LIMIT ?`,
  };
}

const SQL = Object.fromEntries(STORE_TABLES.map((table) => [table, tableSql(TABLES[table] as TableSpec<unknown>)])) as Record<StoreTable, TableSql>;

const NEWEST_FIRST = 'ORDER BY created_at DESC, id DESC';

/** Why an insert failed, in the words of the record it was. */
type InsertExplanation = { conflict: string; missingParent?: string; details: Record<string, unknown> };

// ── Operations ───────────────────────────────────────────────────────────────────────────────

export class SqliteOperations {
  // Prepared once per connection and reused: preparing is most of the cost of a small statement.
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly database: Database.Database) {}

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.database.prepare<unknown[], Row>(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private one(sql: string, ...parameters: SqlValue[]): Row | undefined {
    return this.statement(sql).get(...parameters);
  }

  private all(sql: string, ...parameters: SqlValue[]): Row[] {
    return this.statement(sql).all(...parameters);
  }

  private run(sql: string, ...parameters: SqlValue[]): number {
    return this.statement(sql).run(...parameters).changes;
  }

  private insertRow<T extends StoreTable>(table: T, record: StoreRecordOf[T], explanation: InsertExplanation): void {
    const spec = TABLES[table] as TableSpec<StoreRecordOf[T]>;
    try {
      this.statement(SQL[table].insert).run(...spec.toRow(record));
    } catch (error) {
      const code = sqliteCode(error);
      if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') throw conflict(explanation.conflict, explanation.details, error);
      if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' && explanation.missingParent) throw notFound(explanation.missingParent, explanation.details, error);
      throw error;
    }
  }

  private read<T extends StoreTable>(table: T, row: Row | undefined): StoreRecordOf[T] | null {
    return row === undefined ? null : (TABLES[table] as TableSpec<StoreRecordOf[T]>).fromRow(row);
  }

  private readAll<T extends StoreTable>(table: T, rows: readonly Row[]): StoreRecordOf[T][] {
    const spec = TABLES[table] as TableSpec<StoreRecordOf[T]>;
    return rows.map((row) => spec.fromRow(row));
  }

  private requireParent(table: 'persons' | 'sessions' | 'engagements', id: string): void {
    if (this.one(`SELECT 1 AS found FROM ${table} WHERE id = ?`, id) === undefined) {
      const noun = { persons: 'person', sessions: 'session', engagements: 'engagement' }[table];
      throw notFound(`No ${noun} ${id}`, { table, id });
    }
  }

  // Engagements

  insertEngagement(record: EngagementRecord): void {
    this.insertRow('engagements', record, { conflict: `Engagement ${record.id} already exists`, details: { table: 'engagements', id: record.id } });
  }

  updateEngagement(id: string, patch: EngagementPatch): EngagementRecord {
    const current = this.getEngagement(id);
    if (!current) throw notFound(`No engagement ${id}`, { table: 'engagements', id });
    const next = applyEngagementPatch(current, patch);
    this.run(
      'UPDATE engagements SET name = ?, name_key = ?, status = ?, induction_status = ?, seed_version = ?, updated_at = ? WHERE id = ?',
      next.name,
      next.nameKey,
      next.status,
      next.inductionStatus,
      next.seedVersion,
      next.updatedAt,
      id
    );
    return next;
  }

  getEngagement(id: string): EngagementRecord | null {
    return this.read('engagements', this.one('SELECT * FROM engagements WHERE id = ?', id));
  }

  listEngagements(options: ListEngagementsOptions): Page<EngagementRecord> {
    const limit = checkPageLimit(options.limit, 'engagements');
    // One row more than the page tells whether another page follows.
    const rows =
      options.cursor === undefined || options.cursor === null
        ? this.all(`SELECT * FROM engagements WHERE operator_id = ? ${NEWEST_FIRST} LIMIT ?`, options.operatorId, limit + 1)
        : this.all(
            `SELECT * FROM engagements WHERE operator_id = ? AND (created_at, id) < (?, ?) ${NEWEST_FIRST} LIMIT ?`,
            options.operatorId,
            ...(decodeStoreCursor(options.cursor, ['string', 'string']) as [string, string]),
            limit + 1
          );
    const items = this.readAll('engagements', rows.slice(0, limit));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeStoreCursor([last.createdAt, last.id]) : null };
  }

  findEngagementsByNameKey(operatorId: string, nameKey: string): EngagementRecord[] {
    return this.readAll(
      'engagements',
      this.all('SELECT * FROM engagements WHERE operator_id = ? AND name_key = ? ORDER BY created_at, id', operatorId, nameKey)
    );
  }

  // Creation sessions and turns

  insertSession(record: CreationSessionRecord): void {
    this.insertRow('sessions', record, { conflict: `Session ${record.id} already exists`, details: { table: 'sessions', id: record.id } });
  }

  getSession(id: string): CreationSessionRecord | null {
    return this.read('sessions', this.one('SELECT * FROM sessions WHERE id = ?', id));
  }

  updateSession(record: CreationSessionRecord, expectedVersion: number): void {
    checkSessionVersion(record, expectedVersion);
    // toRow gives the id first, then the other columns in the order of the SET list.
    const [, ...columns] = TABLES.sessions.toRow(record);
    const changes = this.run(
      'UPDATE sessions SET operator_id = ?, companion_id = ?, status = ?, engagement_id = ?, state = ?, version = ?, created_at = ?, updated_at = ? WHERE id = ? AND version = ?',
      ...columns,
      record.id,
      expectedVersion
    );
    if (changes === 1) return;
    const current = this.one('SELECT version FROM sessions WHERE id = ?', record.id);
    if (current === undefined) throw notFound(`No session ${record.id}`, { table: 'sessions', id: record.id });
    throw conflict(`Session ${record.id} is at version ${String(current.version)}, not ${expectedVersion}`, {
      table: 'sessions',
      id: record.id,
      version: current.version,
      expectedVersion,
    });
  }

  appendTurn(turn: TurnRecord): void {
    this.requireParent('sessions', turn.sessionId);
    const next = this.one('SELECT COALESCE(MAX(idx), 0) + 1 AS next FROM turns WHERE session_id = ?', turn.sessionId)?.next as number;
    if (turn.index !== next) {
      throw conflict(`Turn ${turn.index} of session ${turn.sessionId} is not the next one (${next})`, {
        table: 'turns',
        sessionId: turn.sessionId,
        index: turn.index,
        expected: next,
      });
    }
    this.insertRow('turns', turn, {
      conflict: `Turn ${turn.index} of session ${turn.sessionId} already exists`,
      details: { table: 'turns', sessionId: turn.sessionId },
    });
  }

  listTurns(sessionId: string): TurnRecord[] {
    return this.readAll('turns', this.all('SELECT * FROM turns WHERE session_id = ? ORDER BY idx', sessionId));
  }

  // Documents and Seed versions

  insertDocument(record: DocumentRecord): void {
    this.insertRow('documents', record, {
      conflict: `Document ${record.id} already exists`,
      missingParent: `No engagement ${record.engagementId}`,
      details: { table: 'documents', id: record.id, engagementId: record.engagementId },
    });
  }

  getDocument(id: string): DocumentRecord | null {
    return this.read('documents', this.one('SELECT * FROM documents WHERE id = ?', id));
  }

  listDocuments(engagementId: string): DocumentRecord[] {
    return this.readAll('documents', this.all('SELECT * FROM documents WHERE engagement_id = ? ORDER BY created_at, id', engagementId));
  }

  insertSeedVersion(record: SeedVersionRecord): void {
    this.requireParent('engagements', record.engagementId);
    const next = this.one('SELECT COALESCE(MAX(version), 0) + 1 AS next FROM seed_versions WHERE engagement_id = ?', record.engagementId)?.next as number;
    if (record.version !== next) {
      throw conflict(`Seed version ${record.version} of engagement ${record.engagementId} is not the next one (${next})`, {
        table: 'seedVersions',
        engagementId: record.engagementId,
        version: record.version,
        expected: next,
      });
    }
    this.insertRow('seedVersions', record, {
      conflict: `Seed version ${record.version} of engagement ${record.engagementId} already exists`,
      details: { table: 'seedVersions', engagementId: record.engagementId },
    });
  }

  getSeedVersion(engagementId: string, version?: number): SeedVersionRecord | null {
    const row =
      version === undefined
        ? this.one('SELECT * FROM seed_versions WHERE engagement_id = ? ORDER BY version DESC LIMIT 1', engagementId)
        : this.one('SELECT * FROM seed_versions WHERE engagement_id = ? AND version = ?', engagementId, version);
    return this.read('seedVersions', row);
  }

  listSeedVersions(engagementId: string): SeedVersionRecord[] {
    return this.readAll('seedVersions', this.all('SELECT * FROM seed_versions WHERE engagement_id = ? ORDER BY version', engagementId));
  }

  // Memory

  appendEvents(events: readonly MemoryEvent[]): void {
    const first = checkEventBatch(events);
    if (first === undefined) return;
    this.requireParent('engagements', first.engagementId);
    const next = this.one('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM events WHERE engagement_id = ?', first.engagementId)?.next as number;
    if (first.seq !== next) {
      throw conflict(`Event seq ${first.seq} of engagement ${first.engagementId} is not the next one (${next})`, {
        table: 'events',
        engagementId: first.engagementId,
        seq: first.seq,
        expected: next,
      });
    }
    for (const event of events) this.insertRow('events', event, { conflict: `Event ${event.id} already exists`, details: { table: 'events', id: event.id } });
  }

  getMemoryHead(engagementId: string): { seq: number; hash: string } | null {
    const row = this.one('SELECT seq, hash FROM events WHERE engagement_id = ? ORDER BY seq DESC LIMIT 1', engagementId);
    return row === undefined ? null : { seq: row.seq as number, hash: row.hash as string };
  }

  listEvents(engagementId: string, options: { afterSeq?: number; limit?: number } = {}): MemoryEvent[] {
    const { afterSeq, limit } = checkListEventsOptions(options);
    // LIMIT -1 is SQLite's "no limit".
    return this.readAll(
      'events',
      this.all('SELECT * FROM events WHERE engagement_id = ? AND seq > ? ORDER BY seq LIMIT ?', engagementId, afterSeq, limit ?? -1)
    );
  }

  // Anchor outbox

  enqueueAnchors(entries: readonly OutboxEntry[]): void {
    for (const entry of entries) {
      this.insertRow('outbox', entry, {
        conflict: `Event ${entry.eventId} is already in the anchor outbox`,
        missingParent: `No event ${entry.eventId} to anchor`,
        details: { table: 'outbox', eventId: entry.eventId },
      });
    }
  }

  listPendingAnchors(limit: number): OutboxEntry[] {
    checkPendingAnchorLimit(limit);
    // The ORDER BY repeats the pending index's expression exactly, so the index serves it.
    return this.readAll(
      'outbox',
      this.all(`SELECT * FROM outbox WHERE anchored_at IS NULL ORDER BY ${PRIORITY_RANK_SQL}, enqueued_at, engagement_id, seq LIMIT ?`, limit)
    );
  }

  markAnchored(receipts: readonly { eventId: string; anchoredAt: string; receipt: JsonValue }[]): void {
    for (const receipt of receipts) {
      // The first receipt stands: anchoring is at-least-once, and a later duplicate must not rewrite it.
      const changes = this.run(
        'UPDATE outbox SET anchored_at = ?, receipt = ? WHERE event_id = ? AND anchored_at IS NULL',
        receipt.anchoredAt,
        receipt.receipt === null ? null : JSON.stringify(receipt.receipt),
        receipt.eventId
      );
      if (changes === 0 && this.one('SELECT 1 AS found FROM outbox WHERE event_id = ?', receipt.eventId) === undefined) {
        throw notFound(`Event ${receipt.eventId} is not in the anchor outbox`, { table: 'outbox', eventId: receipt.eventId });
      }
    }
  }

  // Auth

  insertPerson(record: PersonRecord): void {
    this.insertRow('persons', record, {
      conflict: `Person ${record.id} or a person with that user handle already exists`,
      details: { table: 'persons', id: record.id },
    });
  }

  getPerson(id: string): PersonRecord | null {
    return this.read('persons', this.one('SELECT * FROM persons WHERE id = ?', id));
  }

  getPersonByUserHandle(userHandle: string): PersonRecord | null {
    return this.read('persons', this.one('SELECT * FROM persons WHERE user_handle = ?', userHandle));
  }

  insertCredential(record: CredentialRecord): void {
    this.insertRow('credentials', record, {
      conflict: 'That credential is already registered',
      missingParent: `No person ${record.personId}`,
      details: { table: 'credentials', id: record.id, personId: record.personId },
    });
  }

  getCredential(id: string): CredentialRecord | null {
    return this.read('credentials', this.one('SELECT * FROM credentials WHERE id = ?', id));
  }

  listCredentials(personId: string): CredentialRecord[] {
    return this.readAll('credentials', this.all('SELECT * FROM credentials WHERE person_id = ? ORDER BY created_at, id', personId));
  }

  findCredentialIdsByEmailHint(email: string): string[] {
    return this.all(
      'SELECT credentials.id AS id FROM persons JOIN credentials ON credentials.person_id = persons.id WHERE persons.email = ? ORDER BY credentials.id',
      email
    ).map((row) => row.id as string);
  }

  updateCredentialCounter(id: string, update: CounterUpdate): boolean {
    const changes = this.run(
      'UPDATE credentials SET counter = ?, backed_up = ?, last_used_at = ? WHERE id = ? AND counter = ?',
      update.counter,
      update.backedUp ? 1 : 0,
      update.lastUsedAt,
      id,
      update.expectedCounter
    );
    if (changes === 1) return true;
    if (this.one('SELECT 1 AS found FROM credentials WHERE id = ?', id) === undefined)
      throw notFound('No credential with that id', { table: 'credentials', id });
    return false;
  }

  deleteCredential(id: string): DeleteCredentialOutcome {
    const owner = this.one('SELECT person_id FROM credentials WHERE id = ?', id);
    if (owner === undefined) return 'missing';
    const count = this.one('SELECT COUNT(*) AS count FROM credentials WHERE person_id = ?', owner.person_id ?? null)?.count as number;
    if (count <= 1) return 'last';
    this.run('DELETE FROM credentials WHERE id = ?', id);
    return 'deleted';
  }

  insertChallenge(record: ChallengeRecord): void {
    this.insertRow('challenges', record, {
      conflict: `Flow ${record.flowId} already has a challenge`,
      details: { table: 'challenges', flowId: record.flowId },
    });
  }

  consumeChallenge(flowId: string): ChallengeRecord | null {
    return this.read('challenges', this.one('DELETE FROM challenges WHERE flow_id = ? RETURNING *', flowId));
  }

  insertAuthSession(record: AuthSessionRecord): void {
    this.insertRow('authSessions', record, {
      conflict: 'An auth session with that token hash already exists',
      missingParent: `No person ${record.personId}`,
      details: { table: 'authSessions', personId: record.personId },
    });
  }

  getAuthSession(tokenHash: string): AuthSessionRecord | null {
    return this.read('authSessions', this.one('SELECT * FROM auth_sessions WHERE token_hash = ?', tokenHash));
  }

  revokeAuthSession(tokenHash: string, revokedAt: string): void {
    // The first revocation time stands.
    const changes = this.run('UPDATE auth_sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL', revokedAt, tokenHash);
    if (changes === 0 && this.one('SELECT 1 AS found FROM auth_sessions WHERE token_hash = ?', tokenHash) === undefined) {
      throw notFound('No auth session with that token hash', { table: 'authSessions' });
    }
  }

  insertRecoveryCodes(records: readonly RecoveryCodeRecord[]): void {
    for (const record of records) {
      this.insertRow('recoveryCodes', record, {
        conflict: 'A recovery code with that hash already exists',
        missingParent: `No person ${record.personId}`,
        details: { table: 'recoveryCodes', personId: record.personId },
      });
    }
  }

  consumeRecoveryCode(codeHash: string, usedAt: string): RecoveryCodeRecord | null {
    return this.read('recoveryCodes', this.one('UPDATE recovery_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL RETURNING *', usedAt, codeHash));
  }

  // Bulk access

  scan<T extends StoreTable>(table: T, options: ScanOptions = {}): { records: StoreRecordOf[T][]; next: string | null } {
    checkStoreTable(table);
    const limit = checkPageLimit(options.limit, 'scan');
    const spec = TABLES[table] as TableSpec<StoreRecordOf[T]>;
    const after = options.after ?? null;
    const rows =
      after === null
        ? this.all(SQL[table].scanFirst, limit + 1)
        : this.all(SQL[table].scanAfter, ...decodeStoreCursor(after, spec.keyShape), limit + 1);
    const records = this.readAll(table, rows.slice(0, limit));
    const last = records[records.length - 1];
    return { records, next: rows.length > limit && last !== undefined ? encodeStoreCursor(spec.keyOf(last)) : null };
  }

  importRecord<T extends StoreTable>(table: T, record: StoreRecordOf[T]): ImportOutcome {
    checkStoreTable(table);
    const spec = TABLES[table] as TableSpec<StoreRecordOf[T]>;
    const existing = this.read(table, this.one(SQL[table].byKey, ...spec.keyOf(record)));
    if (existing !== null) {
      if (isSameRecord(existing, record)) return 'identical';
      throw conflict(`A different ${table} record with the same key is already stored`, { table });
    }
    // Imports keep keys and skip the "next number" rules (they copy history), but not uniqueness or parents.
    switch (table) {
      case 'turns':
        this.requireParent('sessions', (record as TurnRecord).sessionId);
        break;
      case 'seedVersions':
        this.requireParent('engagements', (record as SeedVersionRecord).engagementId);
        break;
      case 'events':
        this.requireParent('engagements', (record as MemoryEvent).engagementId);
        break;
      case 'outbox':
        this.enqueueAnchors([record as OutboxEntry]);
        return 'inserted';
      default:
        break;
    }
    this.insertRow(table, record, {
      conflict: `A ${table} record with a key or unique value of this one is already stored`,
      missingParent: `The record this ${table} record belongs to does not exist`,
      details: { table },
    });
    return 'inserted';
  }
}
