// Applies the schema migrations in order on open, under the database write lock, so several processes
// opening one fresh file at once migrate it exactly once.
import type Database from 'better-sqlite3';
import { LoomworksError } from '@loomworks/core';
import { lockWaitBound, retryWhileBusySync } from '../busy';
import { initialMigration } from './0001-initial';
import { indexesMigration } from './0002-indexes';
import type { SqliteMigration } from './migration';

export type { SqliteMigration } from './migration';
export { PRIORITY_RANK_SQL } from './0002-indexes';

export const MIGRATIONS: readonly SqliteMigration[] = [initialMigration, indexesMigration];

/** The schema version this code creates and understands. */
export const SCHEMA_VERSION = MIGRATIONS.length;

export type MigrateOptions = {
  /** Stop at this version instead of the latest (tests build databases of older versions with it). */
  target?: number;
  busyTimeoutMs?: number;
  /** Names the database in error messages. */
  filename?: string;
};

export type MigrateResult = { from: number; to: number; applied: number[] };

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS loomworks_migrations (
  version INTEGER NOT NULL PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
) STRICT`;

/** The highest applied migration; 0 for a database Loomworks has not touched yet. */
export function schemaVersion(database: Database.Database): number {
  const table = database.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'loomworks_migrations'`).get();
  if (table === undefined) return 0;
  const row = database.prepare('SELECT MAX(version) AS version FROM loomworks_migrations').get() as { version: number | null };
  return row.version ?? 0;
}

function newerSchema(version: number, filename: string): LoomworksError {
  return new LoomworksError(
    'E_SCHEMA_VERSION',
    `The database ${filename} was created by a newer Loomworks (schema ${version}); this version understands up to ${SCHEMA_VERSION} — upgrade @loomworks/store-sqlite`,
    {
      details: { filename, schemaVersion: version, understands: SCHEMA_VERSION },
      hint: 'Upgrade @loomworks/store-sqlite (and the CLI) to the version that wrote this database.',
    }
  );
}

/**
 * Brings the database up to `target` (default: the latest version). The version is read once without
 * a lock (an up-to-date database needs no write lock), then again under BEGIN IMMEDIATE, because
 * another process may have migrated it in between. A database newer than this code fails with
 * `E_SCHEMA_VERSION` and is left untouched.
 */
export function migrate(database: Database.Database, options: MigrateOptions = {}): MigrateResult {
  const target = options.target ?? SCHEMA_VERSION;
  const filename = options.filename ?? database.name;
  if (!Number.isInteger(target) || target < 0 || target > SCHEMA_VERSION) {
    throw new LoomworksError('E_USAGE', `target must be a schema version from 0 to ${SCHEMA_VERSION}`, { details: { target } });
  }
  const retry = { action: 'migrating the schema', giveUpAfterMs: lockWaitBound(options.busyTimeoutMs ?? 10_000) };
  const before = retryWhileBusySync(() => schemaVersion(database), retry);
  if (before > SCHEMA_VERSION) throw newerSchema(before, filename);
  if (before >= target) return { from: before, to: before, applied: [] };

  retryWhileBusySync(() => database.exec('BEGIN IMMEDIATE'), retry);
  try {
    database.exec(CREATE_MIGRATIONS_TABLE);
    const current = schemaVersion(database);
    if (current > SCHEMA_VERSION) throw newerSchema(current, filename);
    const applied: number[] = [];
    const record = database.prepare('INSERT INTO loomworks_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of MIGRATIONS) {
      if (migration.version <= current || migration.version > target) continue;
      database.exec(migration.up);
      record.run(migration.version, migration.name, new Date().toISOString());
      applied.push(migration.version);
    }
    database.exec('COMMIT');
    return { from: current, to: Math.max(current, target), applied };
  } catch (error) {
    if (database.inTransaction) database.exec('ROLLBACK');
    throw error;
  }
}
