// Where the reliability tests keep their data. A target is a string the worker understands:
// `sqlite:<file>` or a `postgres://…` connection string.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoomworksError, type LoomworksStore } from '@loomworks/core';
import { startPostgres } from '@loomworks/testkit';

/** Opens the store a target string names (in the worker and in the tests that check its work). */
export async function openStoreTarget(target: string): Promise<LoomworksStore> {
  if (target.startsWith('sqlite:')) {
    const { createSqliteStore } = await import('@loomworks/store-sqlite');
    return createSqliteStore({ filename: target.slice('sqlite:'.length) });
  }
  if (target.startsWith('postgres://') || target.startsWith('postgresql://')) {
    const { createPostgresStore } = await import('@loomworks/store-postgres');
    return createPostgresStore({ connectionString: target });
  }
  throw new Error(`Unknown store target ${JSON.stringify(target)}: expected sqlite:<file> or postgres://…`);
}

export type PreparedTarget = {
  /** The target string handed to workers. */
  target: string;
  /** Store-specific checks after a test (SQLite: the file passes integrity_check). */
  checkIntegrity(): Promise<void>;
  /** Removes everything the target created. */
  cleanup(): Promise<void>;
};

export type StoreTarget = {
  name: string;
  /**
   * A fresh, empty place to keep data; for SQLite, a file that does not exist yet (workers create it).
   * `{ skip }` when the store cannot be had here (the test skips, printing the reason).
   */
  prepare(): Promise<PreparedTarget | { skip: string }>;
};

export const SQLITE_TARGET = {
  name: 'sqlite',
  async prepare(): Promise<PreparedTarget> {
    const folder = await mkdtemp(join(tmpdir(), 'loomworks-reliability-'));
    const filename = join(folder, 'loomworks.db');
    return {
      target: `sqlite:${filename}`,
      checkIntegrity: async () => {
        const { default: Database } = await import('better-sqlite3');
        const database = new Database(filename, { readonly: true });
        try {
          const result = database.pragma('integrity_check', { simple: true });
          if (result !== 'ok') throw new Error(`PRAGMA integrity_check of ${filename}: ${String(result)}`);
        } finally {
          database.close();
        }
      },
      cleanup: () => rm(folder, { recursive: true, force: true }),
    };
  },
} satisfies StoreTarget & { prepare(): Promise<PreparedTarget> };

/**
 * A fresh database on the testkit's Postgres (a throwaway cluster, or LOOMWORKS_TEST_PG_URL). Unavailable
 * Postgres skips the test with the reason, except under LOOMWORKS_REQUIRE_POSTGRES=1 (CI), where it fails.
 */
export const POSTGRES_TARGET: StoreTarget = {
  name: 'postgres',
  async prepare() {
    let server: Awaited<ReturnType<typeof startPostgres>>;
    try {
      server = await startPostgres();
    } catch (error) {
      if (LoomworksError.is(error, 'E_POSTGRES_UNAVAILABLE') && process.env.LOOMWORKS_REQUIRE_POSTGRES !== '1') return { skip: error.message };
      throw error;
    }
    const { default: pg } = await import('pg');
    const database = `loomworks_reliability_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: server.connectionString });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const url = new URL(server.connectionString);
    url.pathname = `/${database}`;
    return {
      target: url.toString(),
      checkIntegrity: async () => {},
      cleanup: async () => {
        const client = new pg.Client({ connectionString: server.connectionString });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
        await client.end();
        await server.stop();
      },
    };
  },
};

/** Every store the multi-process tests run against. */
export const STORE_TARGETS: readonly StoreTarget[] = [SQLITE_TARGET, POSTGRES_TARGET];
