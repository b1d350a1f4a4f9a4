// Conformance cases for scan and importRecord, the two methods copyStore is built on.
import { STORE_TABLES, canonicalJson, verifyMemory, type StoreOperations, type StoreRecordOf, type StoreTable } from '@loomworks/core';
import { describe, expect } from 'vitest';
import type { ConformanceContext } from './context';
import { populate } from './dataset';
import { at, chainedEvents, credentialRecord, engagementRecord, expectRejection, outboxEntry, scanAll, snapshot, turnRecord } from './fixtures';

/** A snapshot with each table's records in a fixed order, so stores can be compared whatever their scan order. */
async function comparableSnapshot(store: StoreOperations): Promise<Record<string, string[]>> {
  const tables = await snapshot(store);
  return Object.fromEntries(Object.entries(tables).map(([table, records]) => [table, records.map((record) => canonicalJson(record)).sort()]));
}

/** The record with one non-key field changed, for the "different record, same key" conflict. */
function altered<T extends StoreTable>(table: T, record: StoreRecordOf[T]): StoreRecordOf[T] {
  const changes: { [K in StoreTable]: (value: StoreRecordOf[K]) => StoreRecordOf[K] } = {
    persons: (value) => ({ ...value, displayName: 'Someone else' }),
    credentials: (value) => ({ ...value, counter: value.counter + 1 }),
    challenges: (value) => ({ ...value, challenge: 'another challenge' }),
    authSessions: (value) => ({ ...value, expiresAt: at(1) }),
    recoveryCodes: (value) => ({ ...value, usedAt: at(1) }),
    engagements: (value) => ({ ...value, name: 'Another name' }),
    sessions: (value) => ({ ...value, state: { changed: true } }),
    turns: (value) => ({ ...value, text: 'another text' }),
    documents: (value) => ({ ...value, content: 'another content' }),
    seedVersions: (value) => ({ ...value, source: 'upload' }),
    events: (value) => ({ ...value, payload: { rewritten: true } }),
    outbox: (value) => ({ ...value, priority: value.priority === 'high' ? 'low' : 'high' }),
  };
  return (changes[table] as (value: StoreRecordOf[T]) => StoreRecordOf[T])(record);
}

export function registerBulkCases(context: ConformanceContext): void {
  describe('scan and importRecord', () => {
    context.test('bulk', 'scans every table page by page, each record exactly once, children in number order', async () => {
      const store = context.store();
      await populate(store);
      const counts: Record<string, number> = {};
      for (const table of STORE_TABLES) {
        const records = await scanAll(store, table, 2);
        const keys = records.map((record) => canonicalJson(record));
        expect(new Set(keys).size, table).toBe(keys.length);
        expect(keys.sort(), table).toEqual((await scanAll(store, table, 500)).map((record) => canonicalJson(record)).sort());
        counts[table] = records.length;
      }
      expect(counts).toEqual({
        persons: 2,
        credentials: 3,
        challenges: 3,
        authSessions: 2,
        recoveryCodes: 3,
        engagements: 3,
        sessions: 2,
        turns: 14,
        documents: 3,
        seedVersions: 4,
        events: 13,
        outbox: 3,
      });

      const turns = (await scanAll(store, 'turns', 5)).filter((turn) => turn.sessionId === 'session-1');
      expect(turns.map((turn) => turn.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(turns[9]).toEqual(turnRecord('session-1', 10));
      const events = (await scanAll(store, 'events', 3)).filter((event) => event.engagementId === 'eng-1');
      expect(events.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    });

    context.test('bulk', 'scans an empty table as one empty page', async () => {
      expect(await context.store().scan('events')).toEqual({ records: [], next: null });
    });

    context.test('bulk', 'rejects an unknown table, a bad limit and a cursor it did not hand out with E_USAGE', async () => {
      const store = context.store();
      await store.insertEngagement(engagementRecord('eng-1'));
      await expectRejection(store.scan('people' as StoreTable), 'E_USAGE');
      await expectRejection(store.importRecord('people' as StoreTable, engagementRecord('eng-2') as never), 'E_USAGE');
      await expectRejection(store.scan('engagements', { limit: 0 }), 'E_USAGE');
      await expectRejection(store.scan('engagements', { after: 'not-a-cursor' }), 'E_USAGE');
    });

    context.test('bulk', 'imports every record of another store keeping its keys: inserted, then identical, and E_CONFLICT when different', async () => {
      const source = context.store();
      await populate(source);
      const target = await context.createStore();
      try {
        for (const table of STORE_TABLES) {
          for (const record of await scanAll(source, table)) expect(await target.importRecord(table, record), table).toBe('inserted');
        }
        expect(await comparableSnapshot(target)).toEqual(await comparableSnapshot(source));
        expect(await verifyMemory(target)).toEqual({ ok: true, engagements: 3, events: 13 });

        for (const table of STORE_TABLES) {
          const records = await scanAll(source, table);
          for (const record of records) expect(await target.importRecord(table, record), table).toBe('identical');
          const [first] = records;
          if (first === undefined) throw new Error(`the dataset has no ${table}`);
          await expectRejection(target.importRecord(table, altered(table, first)), 'E_CONFLICT');
        }
        expect(await comparableSnapshot(target)).toEqual(await comparableSnapshot(source));
      } finally {
        await context.disposeStore(target);
      }
    });

    context.test('bulk', 'refuses to import a record whose parent is missing with E_NOT_FOUND', async () => {
      const store = context.store();
      const [event] = chainedEvents('eng-unknown', 1);
      if (!event) throw new Error('no event');
      await expectRejection(store.importRecord('events', event), 'E_NOT_FOUND');
      await expectRejection(store.importRecord('turns', turnRecord('session-unknown', 1)), 'E_NOT_FOUND');
      await expectRejection(store.importRecord('credentials', credentialRecord('cred-1', 'person-unknown')), 'E_NOT_FOUND');
      await store.importRecord('engagements', engagementRecord('eng-unknown'));
      await expectRejection(store.importRecord('outbox', outboxEntry(event, 'standard', at(1))), 'E_NOT_FOUND');
      expect(await snapshot(store)).toMatchObject({ events: [], turns: [], credentials: [], outbox: [] });
    });
  });
}
