// Schema migrations: an older database is brought forward with its data, a newer one is refused,
// and a fresh file opened by several processes at once is migrated exactly once.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { LoomworksError } from '@loomworks/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../store';
import { MIGRATIONS, SCHEMA_VERSION, migrate, schemaVersion } from '.';

const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'loomworks-sqlite-migrations-'));
let files = 0;

afterAll(() => rmSync(folder, { recursive: true, force: true }));

function freshFile(name: string): string {
  return join(folder, `${name}-${++files}.db`);
}

function appliedVersions(filename: string): number[] {
  const database = new Database(filename, { readonly: true });
  try {
    return (database.prepare('SELECT version FROM loomworks_migrations ORDER BY version').all() as { version: number }[]).map((row) => row.version);
  } finally {
    database.close();
  }
}

describe('migrations', () => {
  it('numbers its migrations 1, 2, … with the latest as the schema version', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
    expect(SCHEMA_VERSION).toBe(2);
  });

  it('brings a database created at schema 1 up to the latest version, keeping its data', async () => {
    const filename = freshFile('older');
    const old = new Database(filename);
    expect(migrate(old, { target: 1 })).toEqual({ from: 0, to: 1, applied: [1] });
    old
      .prepare(
        'INSERT INTO engagements (id, operator_id, name, name_key, status, induction_status, seed_version, session_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
      )
      .run(
        'eng-old',
        'operator-1',
        'Old project',
        'old project',
        'active',
        'induction-pass-clean',
        1,
        null,
        '2025-06-01T00:00:00.000Z',
        '2025-06-02T00:00:00.000Z'
      );
    old
      .prepare('INSERT INTO challenges (flow_id, challenge, purpose, person_id, data, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run('flow-old', 'challenge', 'login', null, JSON.stringify({ kept: ['as', 'written'] }), '2025-06-01T00:00:00.000Z', '2025-06-01T00:02:00.000Z');
    expect(old.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'engagements_by_operator_newest'`).get()).toBeUndefined();
    old.close();

    const store = createSqliteStore({ filename });
    expect(await store.getEngagement('eng-old')).toEqual({
      id: 'eng-old',
      operatorId: 'operator-1',
      name: 'Old project',
      nameKey: 'old project',
      status: 'active',
      inductionStatus: 'induction-pass-clean',
      seedVersion: 1,
      sessionId: null,
      createdAt: '2025-06-01T00:00:00.000Z',
      updatedAt: '2025-06-02T00:00:00.000Z',
    });
    expect((await store.listEngagements({ operatorId: 'operator-1' })).items.map((item) => item.id)).toEqual(['eng-old']);
    expect((await store.consumeChallenge('flow-old'))?.data).toEqual({ kept: ['as', 'written'] });
    await store.close();

    expect(appliedVersions(filename)).toEqual([1, 2]);
    const migrated = new Database(filename, { readonly: true });
    expect(migrated.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'engagements_by_operator_newest'`).get()).toBeDefined();
    migrated.close();
  });

  it('applies nothing to an up-to-date database', async () => {
    const filename = freshFile('current');
    await createSqliteStore({ filename }).close();
    const database = new Database(filename);
    expect(migrate(database)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION, applied: [] });
    expect(schemaVersion(database)).toBe(SCHEMA_VERSION);
    expect(() => migrate(database, { target: SCHEMA_VERSION + 1 })).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
    database.close();
  });

  it('refuses a database written by a newer version with E_SCHEMA_VERSION, and leaves it as it was', async () => {
    const filename = freshFile('newer');
    await createSqliteStore({ filename }).close();
    const newer = new Database(filename);
    newer.prepare('INSERT INTO loomworks_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(3, 'from-the-future', '2030-01-01T00:00:00.000Z');
    newer.close();

    let error: unknown;
    try {
      createSqliteStore({ filename });
    } catch (caught) {
      error = caught;
    }
    expect(LoomworksError.is(error, 'E_SCHEMA_VERSION')).toBe(true);
    expect((error as LoomworksError).message).toContain(
      'created by a newer Loomworks (schema 3); this version understands up to 2 — upgrade @loomworks/store-sqlite'
    );
    expect(appliedVersions(filename)).toEqual([1, 2, 3]);
  });

  it('migrates a fresh file exactly once when several processes open it at the same moment', async () => {
    const filename = freshFile('raced');
    const processes = 4;
    // Every child waits for the same instant after loading, so the opens overlap.
    const startAt = Date.now() + 2_000;
    const script = `
      const { createSqliteStore } = await import('@loomworks/store-sqlite');
      const [filename, startAt, id] = process.argv.slice(1);
      while (Date.now() < Number(startAt)) await new Promise((resolve) => setTimeout(resolve, 1));
      const store = createSqliteStore({ filename });
      const at = new Date().toISOString();
      await store.insertEngagement({ id, operatorId: 'operator-1', name: id, nameKey: id, status: 'candidate', inductionStatus: null, seedVersion: null, sessionId: null, createdAt: at, updatedAt: at });
      await store.close();
    `;
    const outcomes = await Promise.all(
      Array.from(
        { length: processes },
        (_, index) =>
          new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
            const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script, filename, String(startAt), `eng-${index}`], {
              cwd: repositoryRoot,
              stdio: ['ignore', 'ignore', 'pipe'],
            });
            let stderr = '';
            child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
            child.on('error', reject);
            child.on('close', (code) => resolve({ code, stderr }));
          })
      )
    );
    expect(outcomes).toEqual(Array.from({ length: processes }, () => ({ code: 0, stderr: '' })));
    expect(appliedVersions(filename)).toEqual([1, 2]);
    const store = createSqliteStore({ filename });
    expect((await store.listEngagements({ operatorId: 'operator-1' })).items.map((item) => item.id).sort()).toEqual(['eng-0', 'eng-1', 'eng-2', 'eng-3']);
    await store.close();
  });
});
