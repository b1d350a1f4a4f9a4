// Applies the store's migrations on open: in one transaction, under an advisory lock keyed by the schema,
// so concurrent processes opening a fresh schema migrate it exactly once.
import { createHash } from 'node:crypto';
import { LoomworksError } from '@loomworks/core';
import pg from 'pg';
import { initialMigration } from './0001-initial';
import { indexesMigration } from './0002-indexes';
import type { Migration } from './migration';

export type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [initialMigration, indexesMigration];

/** The schema version this code writes and understands. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

export type MigrateOptions = {
  /** Stop at this version (tests build "older" databases with it). Default: the latest. */
  target?: number;
};

export type MigrateResult = { from: number; to: number };

/** A fixed 64-bit advisory lock key per schema: stores of different schemas never wait for each other. */
export function migrationLockKey(schema: string): string {
  const digest = createHash('sha256').update(`@loomworks/store-postgres migrations ${schema}`).digest();
  return digest.readBigInt64BE(0).toString();
}

/**
 * Brings `schema` (created if missing) up to `target` on a connected client that is not inside a
 * transaction. Rejects with `E_SCHEMA_VERSION` when the schema is newer than this code; other failures
 * are pg's errors (the store wraps them) and leave the schema as it was.
 */
export async function migrate(client: pg.ClientBase, schema: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  const target = options.target ?? LATEST_SCHEMA_VERSION;
  const quotedSchema = pg.escapeIdentifier(schema);
  await client.query('BEGIN');
  try {
    // Transaction-level: released by COMMIT or ROLLBACK, never left behind by a crashed process.
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [migrationLockKey(schema)]);
    // Existence checks first, so a role without CREATE privilege can open a schema someone else migrated.
    const schemaExists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (schemaExists.rowCount === 0) await client.query(`CREATE SCHEMA ${quotedSchema}`);
    await client.query(`SET LOCAL search_path TO ${quotedSchema}`);
    const tableExists = await client.query<{ found: string | null }>('SELECT to_regclass($1) AS found', [`${quotedSchema}.loomworks_migrations`]);
    if (tableExists.rows[0]?.found == null) {
      await client.query('CREATE TABLE loomworks_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)');
    }
    const applied = await client.query<{ version: number }>('SELECT coalesce(max(version), 0) AS version FROM loomworks_migrations');
    const current = applied.rows[0]?.version ?? 0;
    if (current > LATEST_SCHEMA_VERSION) {
      throw new LoomworksError(
        'E_SCHEMA_VERSION',
        `The Postgres schema "${schema}" was created by a newer Loomworks (schema ${current}); this version understands up to ${LATEST_SCHEMA_VERSION} — upgrade @loomworks/store-postgres`,
        { details: { schema, version: current, supported: LATEST_SCHEMA_VERSION }, hint: 'Upgrade @loomworks/store-postgres to the version that wrote this database.' }
      );
    }
    for (const migration of MIGRATIONS) {
      if (migration.version <= current || migration.version > target) continue;
      for (const statement of migration.up) await client.query(statement);
      await client.query('INSERT INTO loomworks_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
    }
    await client.query('COMMIT');
    return { from: current, to: Math.max(current, Math.min(target, LATEST_SCHEMA_VERSION)) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
