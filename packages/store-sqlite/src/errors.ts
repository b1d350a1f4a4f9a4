// Turns what better-sqlite3 throws into LoomworksErrors, deciding by SQLite's extended result code, never by message.
import { LoomworksError, wrapError } from '@loomworks/core';

/** The extended result code of a better-sqlite3 error (`SQLITE_BUSY`, `SQLITE_CONSTRAINT_UNIQUE` …), if it is one. */
export function sqliteCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

/** Another connection holds the lock this one needs (every SQLITE_BUSY variant). */
export function isBusy(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === 'SQLITE_BUSY' || (code?.startsWith('SQLITE_BUSY_') ?? false);
}

/**
 * Wraps a foreign error from `action` (e.g. `insertEngagement`): a key already taken is `E_CONFLICT`, a
 * missing parent row is `E_NOT_FOUND`, anything else `E_STORE`. The SQLite error stays as `cause`.
 */
export function translateError(error: unknown, action: string): LoomworksError {
  if (LoomworksError.is(error)) return error;
  const code = sqliteCode(error);
  const details = { action, sqliteCode: code };
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return new LoomworksError('E_CONFLICT', `${action}: a record with the same key is already stored`, { cause: error, details });
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new LoomworksError('E_NOT_FOUND', `${action}: the record it belongs to does not exist`, { cause: error, details });
  }
  return wrapError(error, 'E_STORE', `SQLite store: ${action} failed`, details);
}
