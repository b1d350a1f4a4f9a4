// createPostgresStore: the LoomworksStore on Postgres (SPEC §7.2) for deployments that outgrow one
// machine — a pg pool, migrations under an advisory lock, and the same behaviour as the other stores.
import { Buffer } from 'node:buffer';
import { LoomworksError, TransactionScope, createTransactionScopes, storeClosedError, type LoomworksStore, type StoreOperations } from '@loomworks/core';
import pg from 'pg';
import { migrate } from './migrations';
import { bindOperations, type Invoke, type Query, type Session } from './operations';
import { describeServer, toStoreError, type ServerDescription } from './pg-errors';
import type { Row } from './rows';
import { buildStatements } from './statements';

export type PostgresStoreOptions =
  | {
      /** A libpq-style URL, e.g. `postgres://user:password@host:5432/database`. The store makes (and on close() ends) its own pool. */
      connectionString: string;
      /** Connections in the store's pool. Default 10. */
      poolSize?: number;
      /** The schema holding the store's tables, created on open if missing. Default `public`. */
      schema?: string;
      pool?: undefined;
    }
  | {
      /** A pool you manage: the store borrows connections and never ends it. */
      pool: pg.Pool;
      /** The schema holding the store's tables, created on open if missing. Default `public`. */
      schema?: string;
      connectionString?: undefined;
      poolSize?: undefined;
    };

export type PostgresStore = LoomworksStore & {
  readonly kind: 'postgres';
  /**
   * Resolves once the store has connected and migrated its schema (which starts on creation); rejects as
   * calls would — `E_SCHEMA_VERSION` for a schema from a newer release, `E_STORE` when the server cannot
   * be used. Optional: every call waits for it. After a connection failure the next call tries again.
   */
  ready(): Promise<void>;
};

/** bigint (int8) columns and aggregates come back as JS numbers: counters are uint32, counts small. */
const INT8_OID = 20;
const INT8_AS_NUMBER: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

function usage(message: string, details: Record<string, unknown> = {}): LoomworksError {
  return new LoomworksError('E_USAGE', message, { details });
}

function runOn(target: pg.Pool | pg.PoolClient): Query {
  return (statement, values) => target.query<Row>({ name: statement.name, text: statement.text, values: [...values], types: INT8_AS_NUMBER });
}

/** Inside a transaction, one call's statements under a savepoint: a failed call is undone and the transaction goes on. */
async function underSavepoint<T>(client: pg.PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('SAVEPOINT loomworks_call');
  try {
    const result = await work();
    await client.query('RELEASE SAVEPOINT loomworks_call');
    return result;
  } catch (error) {
    // A failure here means the connection is gone; COMMIT will report that.
    await client.query('ROLLBACK TO SAVEPOINT loomworks_call; RELEASE SAVEPOINT loomworks_call').catch(() => undefined);
    throw error;
  }
}

/**
 * Runs `work` in a transaction on a connection of its own, always returning the connection (discarded
 * when BEGIN, COMMIT or ROLLBACK failed, as it may be broken). Errors of `work` pass through unchanged;
 * `afterWork` runs before COMMIT or ROLLBACK (a transaction waits there for its queued calls).
 */
async function runTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, afterWork: () => Promise<void> = async () => undefined): Promise<T> {
  const client = await pool.connect();
  let discard: Error | undefined;
  const control = async (command: string) => {
    try {
      return await client.query(command);
    } catch (error) {
      discard = error as Error;
      throw error;
    }
  };
  try {
    await control('BEGIN');
    let result: T;
    try {
      result = await work(client);
    } catch (error) {
      await afterWork();
      await control('ROLLBACK').catch(() => undefined);
      throw error;
    }
    await afterWork();
    const commit = await control('COMMIT');
    // Postgres answers COMMIT of a transaction that hit an error with ROLLBACK: report it, never lose writes silently.
    if (commit.command === 'ROLLBACK') {
      throw new LoomworksError('E_STORE', 'The transaction was rolled back: a statement inside it failed and the callback went on');
    }
    return result;
  } finally {
    client.release(discard);
  }
}

/** Runs queued tasks one at a time, so calls on one transaction's connection never interleave. */
class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  async drain(): Promise<void> {
    let tail: Promise<unknown>;
    do {
      tail = this.tail;
      await tail;
    } while (tail !== this.tail);
  }
}

/** Counts calls and transactions under way, so close() can let them finish. */
class InFlight {
  private count = 0;
  private waiting: (() => void)[] = [];

  enter(): void {
    this.count += 1;
  }

  leave(): void {
    this.count -= 1;
    if (this.count === 0) for (const resolve of this.waiting.splice(0)) resolve();
  }

  idle(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }
}

function checkSchema(schema: unknown): string {
  // Postgres identifiers are at most 63 bytes and cannot hold NUL; anything else is fine quoted.
  if (typeof schema !== 'string' || schema === '' || schema.includes('\u0000') || Buffer.byteLength(schema, 'utf8') > 63) {
    throw usage('schema must be a non-empty name of at most 63 bytes', { schema });
  }
  return schema;
}

/**
 * A LoomworksStore on Postgres (kind `postgres`). Give it a connection string (it makes a pool of
 * `poolSize` connections and ends it on close()) or a `pg.Pool` you own (left open on close()). Its tables
 * live in `schema` (default `public`), created and migrated on open under a transaction-level advisory
 * lock, so processes opening a fresh database at once migrate it exactly once.
 *
 * Every method is atomic; `transaction(fn)` runs `fn` on one connection between BEGIN and COMMIT (READ
 * COMMITTED; every method is written to be race-safe there) and rolls back when it rejects. Appends race
 * on primary keys: the loser gets `E_CONFLICT` and retries. Calling the store itself (rather than the
 * `tx` handed to the callback) from inside a transaction rejects with `E_USAGE`, where it would otherwise
 * wait for a connection the transaction may be holding.
 */
export function createPostgresStore(options: PostgresStoreOptions): PostgresStore {
  const hasConnectionString = typeof options?.connectionString === 'string';
  const hasPool = options?.pool !== undefined && options?.pool !== null;
  if (hasConnectionString === hasPool) throw usage('createPostgresStore needs exactly one of connectionString and pool');
  const schema = checkSchema(options.schema ?? 'public');
  if (options.poolSize !== undefined && (!Number.isInteger(options.poolSize) || options.poolSize < 1)) {
    throw usage('poolSize must be a positive integer', { poolSize: options.poolSize });
  }

  const ownsPool = !hasPool;
  const pool: pg.Pool =
    options.pool ??
    new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      // A name in pg_stat_activity (a connection string's application_name wins); idle connections never keep the process alive.
      application_name: 'loomworks',
      allowExitOnIdle: true,
    });
  // A pooled connection the server drops while idle emits 'error' on the pool; the next call simply gets a fresh one.
  if (ownsPool) pool.on('error', () => undefined);

  let serverDescription: ServerDescription | null = null;
  const server = (): ServerDescription => (serverDescription ??= describeServer(pool.options));
  const storeError = (error: unknown) => toStoreError(error, server);

  const sql = buildStatements(schema);
  const scopes = createTransactionScopes();
  const inFlight = new InFlight();
  let closing: Promise<void> | null = null;

  // Migration starts now; calls wait for it. A schema too new stays an error; a connection failure is retried by the next call.
  let migration: Promise<void> | null = null;
  const ensureReady = (): Promise<void> => {
    migration ??= (async () => {
      const client = await pool.connect();
      let failure: Error | undefined;
      try {
        await migrate(client, schema);
      } catch (error) {
        failure = error as Error;
        throw error;
      } finally {
        client.release(failure);
      }
    })().catch((error: unknown) => {
      if (!LoomworksError.is(error, 'E_SCHEMA_VERSION')) migration = null;
      throw storeError(error);
    });
    return migration;
  };
  // Reported by ready() and the calls that wait for it, not as an unhandled rejection.
  ensureReady().catch(() => undefined);

  const assertCallable = (method: string): void => {
    if (closing !== null) throw storeClosedError();
    scopes.assertOutside(method);
  };

  const poolSession: Session = {
    read: runOn(pool),
    write: runOn(pool),
    atomic: (work) => runTransaction(pool, (client) => work(runOn(client))),
  };

  const standalone: Invoke = async (method, work) => {
    assertCallable(method);
    inFlight.enter();
    try {
      await ensureReady();
      return await work(poolSession);
    } catch (error) {
      throw storeError(error);
    } finally {
      inFlight.leave();
    }
  };

  const operations = bindOperations(sql, standalone);

  return {
    kind: 'postgres',
    ...operations,

    ready: () => (closing === null ? ensureReady() : Promise.reject(storeClosedError())),

    async transaction<T>(fn: (tx: StoreOperations) => Promise<T>): Promise<T> {
      assertCallable('transaction');
      inFlight.enter();
      try {
        await ensureReady();
        const scope = new TransactionScope();
        const queue = new SerialQueue();
        let callbackFailure: { error: unknown } | null = null;
        return await runTransaction(
          pool,
          (client) => {
            const session: Session = {
              read: runOn(client),
              write: (statement, values) => underSavepoint(client, () => runOn(client)(statement, values)),
              atomic: (work) => underSavepoint(client, () => work(runOn(client))),
            };
            const inTransaction: Invoke = async (method, work) => {
              scope.assertActive(method);
              return queue.run(async () => {
                try {
                  return await work(session);
                } catch (error) {
                  throw storeError(error);
                }
              });
            };
            return scopes.run(scope, () => fn(bindOperations(sql, inTransaction))).catch((error: unknown) => {
              callbackFailure = { error };
              throw error;
            });
          },
          async () => {
            // Calls made before the callback settled belong to the transaction: let them finish first.
            scope.end();
            await queue.drain();
          }
        ).catch((error: unknown) => {
          // The callback's own errors reach the caller unchanged; only the store's (connect, BEGIN, COMMIT) are translated.
          if (callbackFailure !== null && callbackFailure.error === error) throw error;
          throw storeError(error);
        });
      } finally {
        inFlight.leave();
      }
    },

    close(): Promise<void> {
      if (scopes.inside()) return Promise.reject(usage('store.close() was called inside store.transaction()'));
      // Calls and transactions already started finish; calls made after this fail at once.
      closing ??= (async () => {
        await inFlight.idle();
        await migration?.catch(() => undefined);
        if (ownsPool) await pool.end().catch((error: unknown) => Promise.reject(storeError(error)));
      })();
      return closing;
    },
  };
}
