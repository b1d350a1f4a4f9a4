// The path from the embedded default to Postgres (SPEC §7.2): SQLite → Postgres → memory keeps every record.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STORE_TABLES, copyStore, createFromContent, createGuidedCompanion, createMemoryStore, drainAnchorOutbox, verifyMemory, type LoomworksStore } from '@loomworks/core';
import { createPostgresStore } from '@loomworks/store-postgres';
import { createSqliteStore } from '@loomworks/store-sqlite';
import { describeWithPostgres } from '@loomworks/testkit';
import { expect, it } from 'vitest';

async function dump(store: LoomworksStore): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const table of STORE_TABLES) {
    const records: unknown[] = [];
    let after: string | null = null;
    do {
      const page: { records: unknown[]; next: string | null } = await store.scan(table, { after, limit: 50 });
      records.push(...page.records);
      after = page.next;
    } while (after !== null);
    tables[table] = records;
  }
  return tables;
}

describeWithPostgres('copyStore across real stores', (postgres) => {
  it('copies SQLite → Postgres → memory: every table identical, every chain verifying', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'loomworks-copy-'));
    const sqlite = createSqliteStore({ filename: join(folder, 'source.db') });
    const pg = createPostgresStore({ connectionString: postgres.connectionString, schema: postgres.newSchemaName('copy') });
    const memory = createMemoryStore();
    try {
      const content = await readFile(new URL('../../examples/marketing/content.md', import.meta.url), 'utf8');
      for (const id of ['op-1', 'op-2']) await createFromContent(content, { companion: createGuidedCompanion(), store: sqlite, operator: { id } });
      // Anchored outbox entries and the passkey records travel too.
      await drainAnchorOutbox(sqlite, { id: 'test', anchor: async (batch) => batch.map((entry) => ({ eventId: entry.eventId, anchoredAt: '2026-11-26T12:00:00.000Z', receipt: { ok: true } })) }, { limit: 5 });
      await sqlite.insertPerson({ id: 'person-1', displayName: 'Robin', email: 'robin@example.com', userHandle: 'dXNlci1oYW5kbGU', createdAt: '2026-11-26T10:00:00.000Z' });
      await sqlite.insertCredential({
        id: 'credential-1', personId: 'person-1', publicKey: 'cHVibGljLWtleQ', counter: 4_000_000_000, transports: ['internal', 'hybrid'], deviceType: 'multiDevice',
        backedUp: true, createdAt: '2026-11-26T10:00:00.000Z', lastUsedAt: null,
      });
      await sqlite.insertRecoveryCodes([{ personId: 'person-1', codeHash: 'a'.repeat(64), createdAt: '2026-11-26T10:00:00.000Z', usedAt: null }]);

      const toPostgres = await copyStore(sqlite, pg, { pageSize: 7 });
      expect(toPostgres).toMatchObject({ engagements: 2, sessions: 2, events: 26 });
      const toMemory = await copyStore(pg, memory, { pageSize: 7 });
      expect(toMemory).toMatchObject({ engagements: 2, sessions: 2, events: 26 });

      const source = await dump(sqlite);
      expect(await dump(pg)).toEqual(source);
      expect(await dump(memory)).toEqual(source);
      expect(source.outbox!.filter((entry) => (entry as { anchoredAt: string | null }).anchoredAt !== null)).toHaveLength(5);
      for (const store of [pg, memory]) expect(await verifyMemory(store)).toEqual({ ok: true, engagements: 2, events: 26 });
      // Copying again finds everything already there.
      expect(await copyStore(sqlite, pg)).toMatchObject({ engagements: 0, sessions: 0, events: 0 });
    } finally {
      await Promise.all([sqlite.close(), pg.close(), memory.close()]);
      await rm(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
