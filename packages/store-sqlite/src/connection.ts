// Opens a SQLite file the way the store needs it: WAL, a busy timeout, foreign keys, NORMAL sync, migrated.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { LoomworksError } from '@loomworks/core';
import { lockWaitBound, retryWhileBusySync } from './busy';
import { sqliteCode } from './errors';
import { migrate } from './migrations';

export type OpenConnectionOptions = {
  filename: string;
  busyTimeoutMs: number;
  /** Stop migrating at this schema version (tests); default: the latest. */
  migrateTo?: number;
};

export type Connection = { database: Database.Database; filename: string };

const IN_MEMORY = ':memory:';

/**
 * Opens (creating the file and its folder if missing) and migrates. WAL lets readers run beside the one
 * writer and, with synchronous=NORMAL, stays consistent when a process is killed at any point: a commit
 * is in the WAL before the call returns. A power loss may lose the last commits, never corrupt the file.
 */
export function openConnection(options: OpenConnectionOptions): Connection {
  const filename = options.filename === IN_MEMORY ? IN_MEMORY : resolve(options.filename);
  let database: Database.Database | undefined;
  try {
    if (filename !== IN_MEMORY) mkdirSync(dirname(filename), { recursive: true });
    database = new Database(filename, { timeout: options.busyTimeoutMs });
    const opened = database;
    // The busy timeout first: switching a fresh file to WAL takes a lock another opener may hold.
    opened.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
    retryWhileBusySync(() => opened.pragma('journal_mode = WAL'), { action: 'switching to WAL', giveUpAfterMs: lockWaitBound(options.busyTimeoutMs) });
    opened.pragma('synchronous = NORMAL');
    // A creation writes ~120 WAL pages in ~20 small commits, rewriting the same session, index and list pages;
    // checkpointing every 4000 pages (WAL up to ~16 MB) instead of SQLite's 1000 copies each hot page back
    // to the database a quarter as often. Durability is the same: the WAL is the database until then.
    opened.pragma('wal_autocheckpoint = 4000');
    opened.pragma('foreign_keys = ON');
    migrate(opened, { busyTimeoutMs: options.busyTimeoutMs, filename, ...(options.migrateTo === undefined ? {} : { target: options.migrateTo }) });
    return { database: opened, filename };
  } catch (error) {
    database?.close();
    if (LoomworksError.is(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new LoomworksError('E_STORE', `Could not open the SQLite database ${filename}: ${reason}`, {
      cause: error,
      details: { filename, sqliteCode: sqliteCode(error) },
      hint: 'Check that the path is a Loomworks SQLite database (or a new file) in a folder you can write to.',
    });
  }
}
