// The store operations in SQL, written once against a Session: the pool for standalone calls, a
// transaction's own connection inside store.transaction(). Each operation is safe under READ COMMITTED
// when racing other connections: a guard in the statement, a primary key, or a row lock decides the race.
import {
  LoomworksError,
  checkEventBatch,
  checkListEventsOptions,
  checkPageLimit,
  checkPendingAnchorLimit,
  checkSessionVersion,
  checkStoreTable,
  decodeStoreCursor,
  encodeStoreCursor,
  isSameRecord,
  type DeleteCredentialOutcome,
  type ImportOutcome,
  type JsonValue,
  type StoreOperations,
  type StoreRecordOf,
  type StoreTable,
} from '@loomworks/core';
import type pg from 'pg';
import { TABLE_MAPPINGS, type Row } from './rows';
import type { Statement, Statements } from './statements';

export type Query = (statement: Statement, values: readonly unknown[]) => Promise<pg.QueryResult<Row>>;

/** How operations reach the database. */
export type Session = {
  /** One statement that writes nothing. */
  read: Query;
  /** One writing statement, atomic on its own (inside a transaction, a failure leaves the transaction usable). */
  write: Query;
  /** Several statements that apply together or not at all. */
  atomic<T>(work: (query: Query) => Promise<T>): Promise<T>;
};

/** Runs an operation: checks the store may be used, supplies the session, turns failures into LoomworksErrors. */
export type Invoke = <T>(method: keyof StoreOperations, work: (session: Session) => Promise<T>) => Promise<T>;

function conflict(message: string, details: Record<string, unknown>): LoomworksError {
  return new LoomworksError('E_CONFLICT', message, { details });
}

function notFound(message: string, details: Record<string, unknown>): LoomworksError {
  return new LoomworksError('E_NOT_FOUND', message, { details });
}

/** The column values of `rows`, one array per column, for an `unnest($1::text[], …)` insert. */
function columnArrays(rows: readonly unknown[][], width: number): unknown[][] {
  return Array.from({ length: width }, (_, column) => rows.map((row) => row[column]));
}

const { engagements, sessions, turns, documents, seedVersions, events, outbox, persons, credentials, challenges, recoveryCodes } =
  TABLE_MAPPINGS;

export function bindOperations(sql: Statements, invoke: Invoke): StoreOperations {
  const insert = <T extends StoreTable>(session: Session, table: T, record: StoreRecordOf[T]) =>
    session.write(sql.tables[table].insert, TABLE_MAPPINGS[table].toRow(record));
  const getByKey = async <T extends StoreTable>(session: Session, table: T, key: readonly unknown[]): Promise<StoreRecordOf[T] | null> => {
    const row = (await session.read(sql.tables[table].selectByKey, key)).rows[0];
    return row === undefined ? null : TABLE_MAPPINGS[table].fromRow(row);
  };
  const exists = async (session: Session, statement: Statement, id: string) => ((await session.read(statement, [id])).rowCount ?? 0) > 0;

  return {
    // Engagements

    insertEngagement: (record) => invoke('insertEngagement', async (session) => void (await insert(session, 'engagements', record))),

    updateEngagement: (id, patch) =>
      invoke('updateEngagement', async (session) => {
        // Only the patchable fields: a stray id, operatorId or createdAt in a JavaScript caller's patch is ignored.
        const { rows } = await session.write(sql.updateEngagement, [
          id,
          patch.name !== undefined,
          patch.name ?? null,
          patch.nameKey !== undefined,
          patch.nameKey ?? null,
          patch.status !== undefined,
          patch.status ?? null,
          patch.inductionStatus !== undefined,
          patch.inductionStatus ?? null,
          patch.seedVersion !== undefined,
          patch.seedVersion ?? null,
          patch.updatedAt,
        ]);
        const row = rows[0];
        if (row === undefined) throw notFound(`No engagement ${id}`, { table: 'engagements', id });
        return engagements.fromRow(row);
      }),

    getEngagement: (id) => invoke('getEngagement', (session) => getByKey(session, 'engagements', [id])),

    listEngagements: (options) =>
      invoke('listEngagements', async (session) => {
        const limit = checkPageLimit(options.limit, 'engagements');
        const after = options.cursor === undefined || options.cursor === null ? null : decodeStoreCursor(options.cursor, ['string', 'string']);
        // One row more than the page, to know whether another page follows.
        const { rows } =
          after === null
            ? await session.read(sql.listEngagementsFirst, [options.operatorId, limit + 1])
            : await session.read(sql.listEngagementsAfter, [options.operatorId, after[0], after[1], limit + 1]);
        const items = rows.slice(0, limit).map(engagements.fromRow);
        const last = items[items.length - 1];
        return { items, nextCursor: rows.length > limit && last ? encodeStoreCursor([last.createdAt, last.id]) : null };
      }),

    findEngagementsByNameKey: (operatorId, nameKey) =>
      invoke('findEngagementsByNameKey', async (session) => (await session.read(sql.findEngagementsByNameKey, [operatorId, nameKey])).rows.map(engagements.fromRow)),

    // Creation sessions and turns

    insertSession: (record) => invoke('insertSession', async (session) => void (await insert(session, 'sessions', record))),

    getSession: (id) => invoke('getSession', (session) => getByKey(session, 'sessions', [id])),

    updateSession: (record, expectedVersion) =>
      invoke('updateSession', async (session) => {
        checkSessionVersion(record, expectedVersion);
        const { rowCount } = await session.write(sql.updateSession, [...sessions.toRow(record), expectedVersion]);
        if (rowCount === 1) return;
        if (!(await exists(session, sql.sessionExists, record.id))) throw notFound(`No session ${record.id}`, { table: 'sessions', id: record.id });
        throw conflict(`Session ${record.id} is no longer at version ${expectedVersion}`, { table: 'sessions', id: record.id, expectedVersion });
      }),

    appendTurn: (turn) =>
      invoke('appendTurn', async (session) => {
        const { rowCount } = await session.write(sql.appendTurn, turns.toRow(turn));
        if (rowCount === 1) return;
        if (!(await exists(session, sql.sessionExists, turn.sessionId))) {
          throw notFound(`No session ${turn.sessionId}`, { table: 'sessions', id: turn.sessionId });
        }
        throw conflict(`Turn ${turn.index} of session ${turn.sessionId} is not the next one`, { table: 'turns', sessionId: turn.sessionId, index: turn.index });
      }),

    listTurns: (sessionId) => invoke('listTurns', async (session) => (await session.read(sql.listTurns, [sessionId])).rows.map(turns.fromRow)),

    // Documents and Seed versions

    insertDocument: (record) => invoke('insertDocument', async (session) => void (await insert(session, 'documents', record))),

    getDocument: (id) => invoke('getDocument', (session) => getByKey(session, 'documents', [id])),

    listDocuments: (engagementId) =>
      invoke('listDocuments', async (session) => (await session.read(sql.listDocuments, [engagementId])).rows.map(documents.fromRow)),

    insertSeedVersion: (record) =>
      invoke('insertSeedVersion', async (session) => {
        const { rowCount } = await session.write(sql.insertSeedVersion, seedVersions.toRow(record));
        if (rowCount === 1) return;
        if (!(await exists(session, sql.engagementExists, record.engagementId))) {
          throw notFound(`No engagement ${record.engagementId}`, { table: 'engagements', id: record.engagementId });
        }
        throw conflict(`Seed version ${record.version} of engagement ${record.engagementId} is not the next one`, {
          table: 'seedVersions',
          engagementId: record.engagementId,
          version: record.version,
        });
      }),

    getSeedVersion: (engagementId, version) =>
      invoke('getSeedVersion', async (session) => {
        if (version !== undefined) return getByKey(session, 'seedVersions', [engagementId, version]);
        const row = (await session.read(sql.latestSeedVersion, [engagementId])).rows[0];
        return row === undefined ? null : seedVersions.fromRow(row);
      }),

    listSeedVersions: (engagementId) =>
      invoke('listSeedVersions', async (session) => (await session.read(sql.listSeedVersions, [engagementId])).rows.map(seedVersions.fromRow)),

    // Memory

    appendEvents: (batch) =>
      invoke('appendEvents', async (session) => {
        const first = checkEventBatch(batch);
        if (first === undefined) return;
        const values = [...columnArrays(batch.map(events.toRow), events.columns.length), first.engagementId, first.seq - 1];
        const { rowCount } = await session.write(sql.appendEvents, values);
        if (rowCount === batch.length) return;
        if (!(await exists(session, sql.engagementExists, first.engagementId))) {
          throw notFound(`No engagement ${first.engagementId}`, { table: 'engagements', id: first.engagementId });
        }
        throw conflict(`Event seq ${first.seq} of engagement ${first.engagementId} is not the next one`, {
          table: 'events',
          engagementId: first.engagementId,
          seq: first.seq,
        });
      }),

    getMemoryHead: (engagementId) =>
      invoke('getMemoryHead', async (session) => {
        const row = (await session.read(sql.memoryHead, [engagementId])).rows[0];
        return row === undefined ? null : { seq: Number(row.seq), hash: String(row.hash) };
      }),

    listEvents: (engagementId, options = {}) =>
      invoke('listEvents', async (session) => {
        const { afterSeq, limit } = checkListEventsOptions(options);
        return (await session.read(sql.listEvents, [engagementId, afterSeq, limit ?? null])).rows.map(events.fromRow);
      }),

    // Anchor outbox

    enqueueAnchors: (entries) =>
      invoke('enqueueAnchors', async (session) => {
        if (entries.length === 0) return;
        // A duplicate is refused by the primary key, an unknown event by the reference to events(id).
        await session.write(sql.enqueueAnchors, columnArrays(entries.map(outbox.toRow), outbox.columns.length));
      }),

    listPendingAnchors: (limit) =>
      invoke('listPendingAnchors', async (session) => {
        checkPendingAnchorLimit(limit);
        return (await session.read(sql.listPendingAnchors, [limit])).rows.map(outbox.fromRow);
      }),

    markAnchored: (receipts) =>
      invoke('markAnchored', async (session) => {
        if (receipts.length === 0) return;
        // The first receipt for an event stands, within a batch as across batches.
        const firstPerEvent = new Map<string, { eventId: string; anchoredAt: string; receipt: JsonValue }>();
        for (const receipt of receipts) if (!firstPerEvent.has(receipt.eventId)) firstPerEvent.set(receipt.eventId, receipt);
        const unique = [...firstPerEvent.values()];
        const { rows } = await session.write(sql.markAnchored, [
          unique.map((receipt) => receipt.eventId),
          unique.map((receipt) => receipt.anchoredAt),
          unique.map((receipt) => (receipt.receipt === null ? null : JSON.stringify(receipt.receipt))),
        ]);
        const missing = rows[0]?.missing;
        if (typeof missing === 'string') throw notFound(`Event ${missing} is not in the anchor outbox`, { table: 'outbox', eventId: missing });
      }),

    // Auth

    insertPerson: (record) => invoke('insertPerson', async (session) => void (await insert(session, 'persons', record))),

    getPerson: (id) => invoke('getPerson', (session) => getByKey(session, 'persons', [id])),

    getPersonByUserHandle: (userHandle) =>
      invoke('getPersonByUserHandle', async (session) => {
        const row = (await session.read(sql.personByUserHandle, [userHandle])).rows[0];
        return row === undefined ? null : persons.fromRow(row);
      }),

    insertCredential: (record) => invoke('insertCredential', async (session) => void (await insert(session, 'credentials', record))),

    getCredential: (id) => invoke('getCredential', (session) => getByKey(session, 'credentials', [id])),

    listCredentials: (personId) =>
      invoke('listCredentials', async (session) => (await session.read(sql.listCredentials, [personId])).rows.map(credentials.fromRow)),

    findCredentialIdsByEmailHint: (email) =>
      invoke('findCredentialIdsByEmailHint', async (session) => (await session.read(sql.credentialIdsByEmail, [email])).rows.map((row) => String(row.id))),

    updateCredentialCounter: (id, update) =>
      invoke('updateCredentialCounter', async (session) => {
        const { rowCount } = await session.write(sql.updateCredentialCounter, [id, update.expectedCounter, update.counter, update.backedUp, update.lastUsedAt]);
        if (rowCount === 1) return true;
        if (!(await exists(session, sql.credentialExists, id))) throw notFound('No credential with that id', { table: 'credentials', id });
        return false;
      }),

    deleteCredential: (id) =>
      invoke('deleteCredential', (session) =>
        session.atomic(async (query): Promise<DeleteCredentialOutcome> => {
          const owner = (await query(sql.credentialOwner, [id])).rows[0];
          if (owner === undefined) return 'missing';
          // Under the person's row lock a concurrent deletion has either committed (and is counted) or waits for us.
          await query(sql.lockPerson, [owner.person_id]);
          const { rowCount } = await query(sql.deleteCredentialUnlessLast, [id, owner.person_id]);
          if (rowCount === 1) return 'deleted';
          return ((await query(sql.credentialExists, [id])).rowCount ?? 0) > 0 ? 'last' : 'missing';
        })
      ),

    insertChallenge: (record) => invoke('insertChallenge', async (session) => void (await insert(session, 'challenges', record))),

    consumeChallenge: (flowId) =>
      invoke('consumeChallenge', async (session) => {
        const row = (await session.write(sql.consumeChallenge, [flowId])).rows[0];
        return row === undefined ? null : challenges.fromRow(row);
      }),

    insertAuthSession: (record) => invoke('insertAuthSession', async (session) => void (await insert(session, 'authSessions', record))),

    getAuthSession: (tokenHash) => invoke('getAuthSession', (session) => getByKey(session, 'authSessions', [tokenHash])),

    revokeAuthSession: (tokenHash, revokedAt) =>
      invoke('revokeAuthSession', async (session) => {
        // The first revocation time stands.
        const { rowCount } = await session.write(sql.revokeAuthSession, [tokenHash, revokedAt]);
        if (rowCount === 0) throw notFound('No auth session with that token hash', { table: 'authSessions' });
      }),

    insertRecoveryCodes: (records) =>
      invoke('insertRecoveryCodes', async (session) => {
        if (records.length === 0) return;
        await session.write(sql.insertRecoveryCodes, columnArrays(records.map(recoveryCodes.toRow), recoveryCodes.columns.length));
      }),

    consumeRecoveryCode: (codeHash, usedAt) =>
      invoke('consumeRecoveryCode', async (session) => {
        const row = (await session.write(sql.consumeRecoveryCode, [codeHash, usedAt])).rows[0];
        return row === undefined ? null : recoveryCodes.fromRow(row);
      }),

    // Bulk access

    scan: (table, options = {}) =>
      invoke('scan', async (session) => {
        const mapping = TABLE_MAPPINGS[checkStoreTable(table)];
        const limit = checkPageLimit(options.limit, 'scan');
        const after = options.after === undefined || options.after === null ? null : decodeStoreCursor(options.after, mapping.keyShape);
        const statements = sql.tables[table];
        const { rows } =
          after === null ? await session.read(statements.scanFirst, [limit + 1]) : await session.read(statements.scanAfter, [...after, limit + 1]);
        const records = rows.slice(0, limit).map((row) => mapping.fromRow(row)) as StoreRecordOf[typeof table][];
        const last = records[records.length - 1];
        return {
          records,
          next: rows.length > limit && last !== undefined ? encodeStoreCursor((mapping.keyOf as (record: unknown) => (string | number)[])(last)) : null,
        };
      }),

    importRecord: (table, record) =>
      invoke('importRecord', async (session): Promise<ImportOutcome> => {
        const mapping = TABLE_MAPPINGS[checkStoreTable(table)];
        const key = (mapping.keyOf as (record: unknown) => (string | number)[])(record);
        const existing = await getByKey(session, table, key);
        if (existing !== null) {
          if (isSameRecord(existing, record)) return 'identical';
          throw conflict(`A different ${table} record with the same key is already stored`, { table });
        }
        // Imports keep keys and skip the "next number" rules (they copy history), but not uniqueness or parents.
        await insert(session, table, record);
        return 'inserted';
      }),
  };
}
