import { LoomworksError, type EngagementRecord } from '@loomworks/core';
import { describeWithPostgres } from '@loomworks/testkit';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, migrate } from '.';
import { createPostgresStore } from '../store';

const record: EngagementRecord = {
  id: 'eng-1',
  operatorId: 'operator-1',
  name: 'Marketing',
  nameKey: 'marketing',
  status: 'active',
  inductionStatus: 'induction-pass-clean',
  seedVersion: 1,
  sessionId: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describeWithPostgres('Postgres store migrations', (postgres) => {
  let admin: pg.Pool;

  beforeAll(() => {
    admin = new pg.Pool({ connectionString: postgres.connectionString, max: 2 });
  });
  afterAll(async () => {
    await admin?.end();
  });

  const applied = async (schema: string) =>
    (await admin.query<{ version: number; name: string }>(`SELECT version, name FROM ${pg.escapeIdentifier(schema)}.loomworks_migrations ORDER BY version`)).rows;
  const indexes = async (schema: string) =>
    (await admin.query<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE schemaname = $1 ORDER BY indexname', [schema])).rows.map(
      (row) => row.indexname
    );

  it('ships forward-only migrations numbered 1, 2, … with the latest as the version the store writes', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(2);
  });

  it('creates a missing schema on open and records every migration it applied', async () => {
    const schema = postgres.newSchemaName();
    const store = createPostgresStore({ connectionString: postgres.connectionString, schema });
    await store.ready();
    await store.close();
    expect(await applied(schema)).toEqual([
      { version: 1, name: 'initial' },
      { version: 2, name: 'indexes' },
    ]);
    expect(await indexes(schema)).toContain('engagements_operator_created');
  });

  it('migrates a database created at schema version 1 to the latest, keeping its data', async () => {
    const schema = postgres.newSchemaName();
    const client = await admin.connect();
    try {
      expect(await migrate(client, schema, { target: 1 })).toEqual({ from: 0, to: 1 });
      await client.query(
        `INSERT INTO ${pg.escapeIdentifier(schema)}.engagements (id, operator_id, name, name_key, status, induction_status, seed_version, session_id, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [record.id, record.operatorId, record.name, record.nameKey, record.status, record.inductionStatus, record.seedVersion, record.sessionId, record.createdAt, record.updatedAt]
      );
    } finally {
      client.release();
    }
    expect(await applied(schema)).toEqual([{ version: 1, name: 'initial' }]);
    expect(await indexes(schema)).not.toContain('engagements_operator_created');

    const store = createPostgresStore({ connectionString: postgres.connectionString, schema });
    try {
      expect(await store.getEngagement('eng-1')).toEqual(record);
      expect((await store.listEngagements({ operatorId: 'operator-1' })).items).toEqual([record]);
    } finally {
      await store.close();
    }
    expect((await applied(schema)).map((row) => row.version)).toEqual([1, 2]);
    expect(await indexes(schema)).toContain('engagements_operator_created');
  });

  it('refuses a schema written by a newer release with E_SCHEMA_VERSION, on open and on every call', async () => {
    const schema = postgres.newSchemaName();
    const first = createPostgresStore({ connectionString: postgres.connectionString, schema });
    await first.insertEngagement(record);
    await first.close();
    await admin.query(`INSERT INTO ${pg.escapeIdentifier(schema)}.loomworks_migrations (version, name, applied_at) VALUES (3, 'from-the-future', $1)`, [
      record.createdAt,
    ]);

    const store = createPostgresStore({ connectionString: postgres.connectionString, schema });
    try {
      for (const attempt of [store.ready(), store.getEngagement('eng-1')]) {
        const error = await attempt.then(
          () => null,
          (caught: unknown) => caught
        );
        expect(LoomworksError.is(error, 'E_SCHEMA_VERSION')).toBe(true);
        expect((error as LoomworksError).message).toContain('newer Loomworks (schema 3)');
        expect((error as LoomworksError).message).toContain('understands up to 2');
        expect((error as LoomworksError).message).toContain('upgrade @loomworks/store-postgres');
      }
    } finally {
      await store.close();
    }
    expect((await applied(schema)).map((row) => row.version)).toEqual([1, 2, 3]);
  });

  it('migrates a fresh schema exactly once when several stores open it at the same time', async () => {
    const schema = postgres.newSchemaName();
    const stores = Array.from({ length: 4 }, () => createPostgresStore({ connectionString: postgres.connectionString, schema }));
    try {
      await Promise.all(stores.map((store) => store.ready()));
      await stores[0]?.insertEngagement(record);
      expect(await stores[3]?.getEngagement('eng-1')).toEqual(record);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
    expect((await applied(schema)).map((row) => row.version)).toEqual([1, 2]);
  });

  it('applies nothing when a migration fails: a table already taken in the schema fails the open and leaves the schema as it was', async () => {
    const schema = postgres.newSchemaName();
    await admin.query(`CREATE SCHEMA ${pg.escapeIdentifier(schema)}`);
    await admin.query(`CREATE TABLE ${pg.escapeIdentifier(schema)}.sessions (id integer PRIMARY KEY)`);
    const store = createPostgresStore({ connectionString: postgres.connectionString, schema });
    try {
      const error = await store.ready().then(
        () => null,
        (caught: unknown) => caught
      );
      expect(LoomworksError.is(error, 'E_STORE')).toBe(true);
      expect(((error as LoomworksError).cause as pg.DatabaseError).code).toBe('42P07');
    } finally {
      await store.close();
    }
    const { rows } = await admin.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = $1', [schema]);
    expect(rows.map((row) => row.tablename)).toEqual(['sessions']);
  });
});
