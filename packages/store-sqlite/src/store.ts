// The SQLite LoomworksStore: one better-sqlite3 connection per store, an async mutex in front of it, and
// BEGIN IMMEDIATE transactions so processes sharing the file queue for the write lock instead of deadlocking.
import {
  LoomworksError,
  StoreMutex,
  TransactionScope,
  createTransactionScopes,
  storeClosedError,
  type LoomworksStore,
  type StoreOperations,
} from '@loomworks/core';
import { lockWaitBound, retryWhileBusy } from './busy';
import { openConnection } from './connection';
import { isBusy, translateError } from './errors';
import { SqliteOperations } from './operations';

export type SqliteStoreOptions = {
  /** The database file; created, with its folder, when missing. `:memory:` gives a private in-memory database. */
  filename: string;
  /**
   * How long one statement waits for a lock another connection holds before SQLite reports it busy
   * (SQLite's busy_timeout). Default 10,000 ms. Taking the write lock is then retried with backoff for
   * up to six times as long in total before a call fails with `E_STORE`.
   */
  busyTimeoutMs?: number;
};

export type SqliteStore = LoomworksStore & {
  readonly kind: 'sqlite';
  /** The absolute path of the database file (or `:memory:`). */
  readonly filename: string;
};

const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

type Access = 'read' | 'write';

type Invoke = <T>(method: string, access: Access, work: (operations: SqliteOperations) => T) => Promise<T>;

function bindOperations(invoke: Invoke): StoreOperations {
  return {
    insertEngagement: (record) => invoke('insertEngagement', 'write', (ops) => ops.insertEngagement(record)),
    updateEngagement: (id, patch) => invoke('updateEngagement', 'write', (ops) => ops.updateEngagement(id, patch)),
    getEngagement: (id) => invoke('getEngagement', 'read', (ops) => ops.getEngagement(id)),
    listEngagements: (options) => invoke('listEngagements', 'read', (ops) => ops.listEngagements(options)),
    findEngagementsByNameKey: (operatorId, nameKey) => invoke('findEngagementsByNameKey', 'read', (ops) => ops.findEngagementsByNameKey(operatorId, nameKey)),
    insertSession: (record) => invoke('insertSession', 'write', (ops) => ops.insertSession(record)),
    getSession: (id) => invoke('getSession', 'read', (ops) => ops.getSession(id)),
    updateSession: (record, expectedVersion) => invoke('updateSession', 'write', (ops) => ops.updateSession(record, expectedVersion)),
    appendTurn: (turn) => invoke('appendTurn', 'write', (ops) => ops.appendTurn(turn)),
    listTurns: (sessionId) => invoke('listTurns', 'read', (ops) => ops.listTurns(sessionId)),
    insertDocument: (record) => invoke('insertDocument', 'write', (ops) => ops.insertDocument(record)),
    getDocument: (id) => invoke('getDocument', 'read', (ops) => ops.getDocument(id)),
    listDocuments: (engagementId) => invoke('listDocuments', 'read', (ops) => ops.listDocuments(engagementId)),
    insertSeedVersion: (record) => invoke('insertSeedVersion', 'write', (ops) => ops.insertSeedVersion(record)),
    getSeedVersion: (engagementId, version) => invoke('getSeedVersion', 'read', (ops) => ops.getSeedVersion(engagementId, version)),
    listSeedVersions: (engagementId) => invoke('listSeedVersions', 'read', (ops) => ops.listSeedVersions(engagementId)),
    appendEvents: (events) => invoke('appendEvents', 'write', (ops) => ops.appendEvents(events)),
    getMemoryHead: (engagementId) => invoke('getMemoryHead', 'read', (ops) => ops.getMemoryHead(engagementId)),
    listEvents: (engagementId, options) => invoke('listEvents', 'read', (ops) => ops.listEvents(engagementId, options)),
    enqueueAnchors: (entries) => invoke('enqueueAnchors', 'write', (ops) => ops.enqueueAnchors(entries)),
    listPendingAnchors: (limit) => invoke('listPendingAnchors', 'read', (ops) => ops.listPendingAnchors(limit)),
    markAnchored: (receipts) => invoke('markAnchored', 'write', (ops) => ops.markAnchored(receipts)),
    insertPerson: (record) => invoke('insertPerson', 'write', (ops) => ops.insertPerson(record)),
    getPerson: (id) => invoke('getPerson', 'read', (ops) => ops.getPerson(id)),
    getPersonByUserHandle: (userHandle) => invoke('getPersonByUserHandle', 'read', (ops) => ops.getPersonByUserHandle(userHandle)),
    insertCredential: (record) => invoke('insertCredential', 'write', (ops) => ops.insertCredential(record)),
    getCredential: (id) => invoke('getCredential', 'read', (ops) => ops.getCredential(id)),
    listCredentials: (personId) => invoke('listCredentials', 'read', (ops) => ops.listCredentials(personId)),
    findCredentialIdsByEmailHint: (email) => invoke('findCredentialIdsByEmailHint', 'read', (ops) => ops.findCredentialIdsByEmailHint(email)),
    updateCredentialCounter: (id, update) => invoke('updateCredentialCounter', 'write', (ops) => ops.updateCredentialCounter(id, update)),
    deleteCredential: (id) => invoke('deleteCredential', 'write', (ops) => ops.deleteCredential(id)),
    insertChallenge: (record) => invoke('insertChallenge', 'write', (ops) => ops.insertChallenge(record)),
    consumeChallenge: (flowId) => invoke('consumeChallenge', 'write', (ops) => ops.consumeChallenge(flowId)),
    insertAuthSession: (record) => invoke('insertAuthSession', 'write', (ops) => ops.insertAuthSession(record)),
    getAuthSession: (tokenHash) => invoke('getAuthSession', 'read', (ops) => ops.getAuthSession(tokenHash)),
    revokeAuthSession: (tokenHash, revokedAt) => invoke('revokeAuthSession', 'write', (ops) => ops.revokeAuthSession(tokenHash, revokedAt)),
    insertRecoveryCodes: (records) => invoke('insertRecoveryCodes', 'write', (ops) => ops.insertRecoveryCodes(records)),
    consumeRecoveryCode: (codeHash, usedAt) => invoke('consumeRecoveryCode', 'write', (ops) => ops.consumeRecoveryCode(codeHash, usedAt)),
    scan: (table, options) => invoke('scan', 'read', (ops) => ops.scan(table, options)),
    importRecord: (table, record) => invoke('importRecord', 'write', (ops) => ops.importRecord(table, record)),
  };
}

function usage(message: string, details: Record<string, unknown> = {}): LoomworksError {
  return new LoomworksError('E_USAGE', message, { details });
}

/**
 * A LoomworksStore in a SQLite file (kind `sqlite`), the embedded default. Several processes may open the
 * same file: each write takes SQLite's write lock up front (BEGIN IMMEDIATE), waits for it while another
 * process holds it, and never reports SQLITE_BUSY to the caller. Inside one process, calls and
 * transactions run one at a time, in call order.
 *
 * Opening is synchronous: it creates the file if needed and applies the schema migrations, and fails
 * with `E_SCHEMA_VERSION` for a database written by a newer version, or `E_STORE` when the file cannot
 * be opened as a database.
 *
 * Calling the store itself (rather than the `tx` handed to the callback) from inside a transaction
 * rejects with `E_USAGE` instead of waiting forever for the transaction to finish.
 */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  if (typeof options.filename !== 'string' || options.filename === '') throw usage('filename must be a non-empty path', { filename: options.filename });
  if (!Number.isInteger(busyTimeoutMs) || busyTimeoutMs < 0) throw usage('busyTimeoutMs must be a non-negative integer', { busyTimeoutMs });

  const { database, filename } = openConnection({ filename: options.filename, busyTimeoutMs });
  const operations = new SqliteOperations(database);
  // Transaction control runs ~20 times per creation: prepared once, not parsed each time.
  const control = {
    begin: database.prepare('BEGIN IMMEDIATE'),
    commit: database.prepare('COMMIT'),
    savepoint: database.prepare('SAVEPOINT loomworks_call'),
    release: database.prepare('RELEASE loomworks_call'),
  };
  const giveUpAfterMs = lockWaitBound(busyTimeoutMs);
  const mutex = new StoreMutex();
  const scopes = createTransactionScopes();
  let closing: Promise<void> | null = null;
  let closed = false;

  const assertCallable = (method: string): void => {
    if (closing !== null) throw storeClosedError();
    scopes.assertOutside(method);
  };

  const assertOpen = (): void => {
    if (closed) throw storeClosedError();
  };

  /** Takes the write lock now rather than at the first write, so two processes never both hold a read lock and wait for each other to upgrade. */
  const beginWithRetries = (action: string): Promise<void> =>
    retryWhileBusy(
      () => {
        control.begin.run();
      },
      { action, giveUpAfterMs }
    ).catch((error: unknown) => {
      throw translateError(error, action);
    });

  /** The lock is usually free: take it at once, and only wait (asynchronously) when another connection holds it. */
  const begin = (action: string): Promise<void> | undefined => {
    try {
      control.begin.run();
      return undefined;
    } catch (error) {
      if (!isBusy(error)) throw translateError(error, action);
      return beginWithRetries(action);
    }
  };

  const rollbackQuietly = (): void => {
    // SQLite has already rolled back after some errors (SQLITE_FULL, SQLITE_IOERR …); nothing is left to undo then.
    if (!database.inTransaction) return;
    try {
      database.exec('ROLLBACK');
    } catch {
      // The original error is the one worth reporting.
    }
  };

  /** Undoes the failed call's own writes inside a transaction, keeping the transaction's earlier ones. */
  const undoCall = (): void => {
    if (!database.inTransaction) return;
    try {
      database.exec('ROLLBACK TO loomworks_call; RELEASE loomworks_call');
    } catch {
      // The call's error is the one worth reporting; COMMIT will report a transaction SQLite gave up on.
    }
  };

  const commit = (action: string): void => {
    try {
      control.commit.run();
    } catch (error) {
      rollbackQuietly();
      throw translateError(error, `committing ${action}`);
    }
  };

  const standalone: Invoke = async (method, access, work) => {
    assertCallable(method);
    return mutex.run(async () => {
      assertOpen();
      if (access === 'read') {
        // One statement in autocommit mode: it reads one consistent snapshot and takes no write lock.
        return retryWhileBusy(() => work(operations), { action: method, giveUpAfterMs }).catch((error: unknown) => {
          throw translateError(error, method);
        });
      }
      // A write (most check, then write) runs in its own immediate transaction, so its checks still hold when it writes.
      const waiting = begin(method);
      if (waiting) await waiting;
      try {
        const result = work(operations);
        commit(method);
        return result;
      } catch (error) {
        rollbackQuietly();
        throw translateError(error, method);
      }
    });
  };

  return {
    kind: 'sqlite',
    filename,
    ...bindOperations(standalone),

    async transaction<T>(fn: (tx: StoreOperations) => Promise<T>): Promise<T> {
      assertCallable('transaction');
      return mutex.run(async () => {
        assertOpen();
        const waiting = begin('transaction');
        if (waiting) await waiting;
        const scope = new TransactionScope();
        // Each call inside the transaction is atomic on its own too (a savepoint): a call that fails
        // leaves nothing behind even if the callback catches the error and goes on to commit.
        const inTransaction: Invoke = async (method, access, work) => {
          scope.assertActive(method);
          if (!database.inTransaction) {
            throw new LoomworksError('E_STORE', `tx.${method}(): SQLite already rolled this transaction back after an earlier error`, { details: { method } });
          }
          if (access === 'read') {
            try {
              return work(operations);
            } catch (error) {
              throw translateError(error, method);
            }
          }
          try {
            control.savepoint.run();
            const result = work(operations);
            control.release.run();
            return result;
          } catch (error) {
            undoCall();
            throw translateError(error, method);
          }
        };
        let result: T;
        try {
          result = await scopes.run(scope, () => fn(bindOperations(inTransaction)));
        } catch (error) {
          scope.end();
          rollbackQuietly();
          throw error;
        }
        scope.end();
        commit('transaction');
        return result;
      });
    },

    close(): Promise<void> {
      if (scopes.inside()) return Promise.reject(usage('store.close() was called inside store.transaction()'));
      // Work queued before close() still runs; calls made after it fail at once.
      closing ??= mutex.run(async () => {
        closed = true;
        try {
          database.close();
        } catch (error) {
          throw translateError(error, 'close');
        }
      });
      return closing;
    },
  };
}
