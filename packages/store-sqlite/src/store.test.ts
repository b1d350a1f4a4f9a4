// The SQLite store against the shared conformance suite (real files in a temp folder), plus what only SQLite has.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { GENESIS_HASH, LoomworksError, hashEvent, type EngagementRecord, type LoomworksStore, type MemoryEvent, type StoreOperations } from '@loomworks/core';
import { defineStoreConformanceSuite } from '@loomworks/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { openConnection } from './connection';
import { createSqliteStore, type SqliteStore } from './store';

const folder = mkdtempSync(join(tmpdir(), 'loomworks-sqlite-conformance-'));
let files = 0;

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Checks the file a case left behind is a sound database, then removes it. */
async function dispose(store: LoomworksStore): Promise<void> {
  await store.close();
  const { filename } = store as SqliteStore;
  const database = new Database(filename, { readonly: true });
  try {
    const result = database.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`integrity_check of ${filename} after the case: ${String(result)}`);
  } finally {
    database.close();
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${filename}${suffix}`, { force: true });
}

defineStoreConformanceSuite({
  name: 'sqlite',
  create: async () => createSqliteStore({ filename: join(folder, `case-${++files}.db`) }),
  dispose,
});

// ── What only the SQLite store has ───────────────────────────────────────────────────────────

const engagement: EngagementRecord = {
  id: 'eng-1',
  operatorId: 'operator-1',
  name: 'Marketing',
  nameKey: 'marketing',
  status: 'candidate',
  inductionStatus: null,
  seedVersion: null,
  sessionId: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function freshFile(name: string): string {
  return join(folder, `${name}-${++files}.db`);
}

function eventsOf(engagementId: string, count: number, idPrefix = engagementId): MemoryEvent[] {
  const events: MemoryEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq += 1) {
    const unhashed = {
      id: `${idPrefix}-event-${seq}`,
      engagementId,
      seq,
      type: 'assertion_committed',
      actor: { kind: 'person' as const, id: 'operator-1' },
      at: '2026-01-01T00:00:00.000Z',
      payload: { seq },
      prevHash,
    };
    const event = { ...unhashed, hash: hashEvent(unhashed) };
    events.push(event);
    prevHash = event.hash;
  }
  return events;
}

describe('createSqliteStore', () => {
  it('creates the file and its missing folders, and reports its kind and absolute path', async () => {
    const filename = join(folder, 'nested', 'deeper', 'loomworks.db');
    const store = createSqliteStore({ filename });
    expect(store.kind).toBe('sqlite');
    expect(store.filename).toBe(filename);
    await store.insertEngagement(engagement);
    await store.close();
    expect(existsSync(filename)).toBe(true);
  });

  it('keeps a :memory: database private to its store', async () => {
    const first = createSqliteStore({ filename: ':memory:' });
    const second = createSqliteStore({ filename: ':memory:' });
    await first.insertEngagement(engagement);
    expect(await first.getEngagement('eng-1')).toEqual(engagement);
    expect(await second.getEngagement('eng-1')).toBeNull();
    await first.close();
    await second.close();
  });

  it('opens connections with WAL, NORMAL sync, foreign keys and the busy timeout, and leaves the file in WAL mode', async () => {
    const filename = freshFile('pragmas');
    const { database } = openConnection({ filename, busyTimeoutMs: 2_345 });
    try {
      expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(database.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(database.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(database.pragma('busy_timeout', { simple: true })).toBe(2_345);
    } finally {
      database.close();
    }
    // WAL is a property of the file: any later connection, ours or not, finds it.
    const store = createSqliteStore({ filename });
    await store.close();
    const other = new Database(filename, { readonly: true });
    expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
    other.close();
  });

  it('lets a second store on the same file see committed writes, and nothing of a transaction still open', async () => {
    const filename = freshFile('shared');
    const writer = createSqliteStore({ filename });
    const reader = createSqliteStore({ filename });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let written: () => void = () => undefined;
    const halfway = new Promise<void>((resolve) => {
      written = resolve;
    });
    const committing = writer.transaction(async (tx) => {
      await tx.insertEngagement(engagement);
      written();
      await gate;
    });
    await halfway;
    expect(await reader.getEngagement('eng-1')).toBeNull();
    release();
    await committing;
    expect(await reader.getEngagement('eng-1')).toEqual(engagement);
    await writer.close();
    await reader.close();
  });

  it('rejects a call on the store itself from inside its own transaction with E_USAGE, while other stores stay usable', async () => {
    const store = createSqliteStore({ filename: freshFile('reentry') });
    const other = createSqliteStore({ filename: freshFile('other') });
    const error = await store
      .transaction(async (tx) => {
        await tx.insertEngagement(engagement);
        // Another store's calls are not this transaction's business.
        await other.insertEngagement(engagement);
        await store.getEngagement('eng-1');
      })
      .catch((caught: unknown) => caught);
    expect(LoomworksError.is(error, 'E_USAGE')).toBe(true);
    expect(await store.getEngagement('eng-1')).toBeNull();
    expect(await other.getEngagement('eng-1')).toEqual(engagement);
    await expect(store.transaction(() => store.transaction(async () => 1))).rejects.toMatchObject({ code: 'E_USAGE' });

    let leaked: StoreOperations | undefined;
    await store.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked?.insertEngagement(engagement)).rejects.toMatchObject({ code: 'E_USAGE' });
    expect(await store.getEngagement('eng-1')).toBeNull();
    await store.close();
    await other.close();
  });

  it('keeps each call inside a transaction atomic even when the callback swallows its failure', async () => {
    const store = createSqliteStore({ filename: freshFile('atomic-call') });
    await store.insertEngagement(engagement);
    const events = eventsOf('eng-1', 3);
    await store.transaction(async (tx) => {
      await tx.appendEvents(events.slice(0, 1));
      // The second batch writes one event, then meets an id already taken: neither of its events may stay.
      const clash = { ...(events[2] as MemoryEvent), id: (events[0] as MemoryEvent).id };
      const failure = await tx.appendEvents([events[1] as MemoryEvent, clash]).catch((caught: unknown) => caught);
      expect(LoomworksError.is(failure, 'E_CONFLICT')).toBe(true);
      await tx.updateEngagement('eng-1', { status: 'active', updatedAt: '2026-01-02T00:00:00.000Z' });
    });
    expect((await store.listEvents('eng-1')).map((event) => event.seq)).toEqual([1]);
    expect((await store.getEngagement('eng-1'))?.status).toBe('active');
    await store.close();
  });

  it('wraps what SQLite throws in LoomworksErrors that keep it as cause', async () => {
    const garbage = freshFile('not-a-database');
    writeFileSync(garbage, 'this is not a SQLite database, just text that is long enough to have a header '.repeat(20));
    const openError = (() => {
      try {
        createSqliteStore({ filename: garbage });
        return null;
      } catch (error) {
        return error;
      }
    })();
    expect(LoomworksError.is(openError, 'E_STORE')).toBe(true);
    expect(((openError as LoomworksError).cause as { code?: string }).code).toBe('SQLITE_NOTADB');

    const store = createSqliteStore({ filename: freshFile('foreign-errors') });
    await store.insertEngagement(engagement);
    const duplicate = await store.insertEngagement(engagement).catch((caught: unknown) => caught);
    expect(LoomworksError.is(duplicate, 'E_CONFLICT')).toBe(true);
    expect(((duplicate as LoomworksError).cause as { code?: string }).code).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
    // A JavaScript caller passing text where the contract says a number: the STRICT table refuses it.
    const mistyped = await store.insertEngagement({ ...engagement, id: 'eng-2', seedVersion: 'first' as unknown as number }).catch((caught: unknown) => caught);
    expect(LoomworksError.is(mistyped, 'E_STORE')).toBe(true);
    expect(((mistyped as LoomworksError).cause as { code?: string }).code).toBe('SQLITE_CONSTRAINT_DATATYPE');
    expect(await store.getEngagement('eng-2')).toBeNull();
    await store.close();
  });

  it('waits for the write lock another connection holds instead of reporting SQLITE_BUSY', async () => {
    const filename = freshFile('busy-wait');
    const store = createSqliteStore({ filename, busyTimeoutMs: 50 });
    const holder = new Database(filename);
    holder.exec('BEGIN IMMEDIATE');
    // Released from a timer: it can only fire while the store backs off between attempts, without blocking.
    setTimeout(() => holder.exec('COMMIT'), 20);
    await store.insertEngagement(engagement);
    expect(await store.getEngagement('eng-1')).toEqual(engagement);
    holder.close();
    await store.close();
  });

  it('gives up with E_STORE, keeping SQLITE_BUSY as cause, when the write lock is never released', async () => {
    const filename = freshFile('busy-forever');
    const store = createSqliteStore({ filename, busyTimeoutMs: 20 });
    const holder = new Database(filename);
    holder.exec('BEGIN IMMEDIATE');
    const error = await store.insertEngagement(engagement).catch((caught: unknown) => caught);
    holder.exec('ROLLBACK');
    holder.close();
    expect(LoomworksError.is(error, 'E_STORE')).toBe(true);
    expect(((error as LoomworksError).cause as { code?: string }).code).toMatch(/^SQLITE_BUSY/);
    // The store is still usable once the lock is free.
    await store.insertEngagement(engagement);
    await store.close();
  });

  it('rejects bad options with E_USAGE', () => {
    expect(() => createSqliteStore({ filename: '' })).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
    expect(() => createSqliteStore({ filename: freshFile('options'), busyTimeoutMs: -1 })).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
  });
});
