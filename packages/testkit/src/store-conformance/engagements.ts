// Conformance cases for engagements: insert, update, lookups and keyset pagination per Operator.
import type { EngagementRecord } from '@loomworks/core';
import { describe, expect } from 'vitest';
import type { ConformanceContext } from './context';
import { at, engagementRecord, expectRejection } from './fixtures';

/** Every page of one Operator's engagements, following `nextCursor` to the end. */
async function allPages(context: ConformanceContext, operatorId: string, limit: number): Promise<EngagementRecord[][]> {
  const pages: EngagementRecord[][] = [];
  let cursor: string | null = null;
  do {
    const page: { items: EngagementRecord[]; nextCursor: string | null } = await context.store().listEngagements({ operatorId, limit, cursor });
    pages.push(page.items);
    cursor = page.nextCursor;
    if (pages.length > 100) throw new Error('listEngagements never returned a null nextCursor');
  } while (cursor !== null);
  return pages;
}

function newestFirst(records: readonly EngagementRecord[]): EngagementRecord[] {
  return [...records].sort((left, right) => (left.createdAt !== right.createdAt ? (left.createdAt < right.createdAt ? 1 : -1) : left.id < right.id ? 1 : -1));
}

export function registerEngagementCases(context: ConformanceContext): void {
  describe('engagements', () => {
    context.test('engagements', 'stores an engagement and reads it back field for field; unknown ids read as null', async () => {
      const store = context.store();
      const record = engagementRecord('eng-1', { sessionId: 'session-1', inductionStatus: 'induction-pass-clean', seedVersion: 1, status: 'active' });
      await store.insertEngagement(record);
      expect(await store.getEngagement('eng-1')).toEqual(record);
      expect(await store.getEngagement('eng-unknown')).toBeNull();
    });

    context.test('engagements', 'refuses a second engagement with the same id with E_CONFLICT and keeps the first', async () => {
      const store = context.store();
      await store.insertEngagement(engagementRecord('eng-1'));
      await expectRejection(store.insertEngagement(engagementRecord('eng-1', { name: 'Other' })), 'E_CONFLICT');
      expect((await store.getEngagement('eng-1'))?.name).toBe('Project eng-1');
    });

    context.test('engagements', 'updates only the patched fields and returns the updated record', async () => {
      const store = context.store();
      const original = engagementRecord('eng-1');
      await store.insertEngagement(original);
      const updated = await store.updateEngagement('eng-1', {
        status: 'active',
        inductionStatus: 'induction-pass-with-notes',
        seedVersion: 2,
        updatedAt: at(60),
      });
      const expected = { ...original, status: 'active', inductionStatus: 'induction-pass-with-notes', seedVersion: 2, updatedAt: at(60) };
      expect(updated).toEqual(expected);
      expect(await store.getEngagement('eng-1')).toEqual(expected);

      const renamed = await store.updateEngagement('eng-1', { name: 'Renamed', nameKey: 'renamed', updatedAt: at(61) });
      expect(renamed).toEqual({ ...expected, name: 'Renamed', nameKey: 'renamed', updatedAt: at(61) });
    });

    context.test('engagements', 'rejects an update of a missing engagement with E_NOT_FOUND', async () => {
      await expectRejection(context.store().updateEngagement('eng-missing', { status: 'active', updatedAt: at(1) }), 'E_NOT_FOUND');
      expect(await context.store().getEngagement('eng-missing')).toBeNull();
    });

    context.test('engagements', "lists one Operator's engagements newest first (createdAt, then id), across pages with equal createdAt", async () => {
      const store = context.store();
      const mine = [
        engagementRecord('eng-a', { createdAt: at(10) }),
        engagementRecord('eng-b', { createdAt: at(20) }),
        engagementRecord('eng-c', { createdAt: at(20) }),
        engagementRecord('eng-d', { createdAt: at(20) }),
        engagementRecord('eng-e', { createdAt: at(20) }),
        engagementRecord('eng-f', { createdAt: at(30) }),
        engagementRecord('eng-g', { createdAt: at(5) }),
      ];
      const theirs = [
        engagementRecord('eng-x', { operatorId: 'operator-2', createdAt: at(20) }),
        engagementRecord('eng-y', { operatorId: 'operator-2', createdAt: at(40) }),
      ];
      // Inserted in an order unrelated to the expected one, so insertion order cannot pass for the sort.
      for (const index of [3, 0, 7, 5, 1, 8, 2, 6, 4]) await store.insertEngagement([...mine, ...theirs][index] as EngagementRecord);

      for (const limit of [1, 2, 3, 7, 50]) {
        const pages = await allPages(context, 'operator-1', limit);
        expect(pages.flat().map((record) => record.id)).toEqual(newestFirst(mine).map((record) => record.id));
        expect(pages.every((page) => page.length <= limit)).toBe(true);
        expect(pages.slice(0, -1).every((page) => page.length === limit)).toBe(true);
      }
      expect((await allPages(context, 'operator-1', 3)).flat()).toEqual(newestFirst(mine));
      expect((await allPages(context, 'operator-2', 10)).flat().map((record) => record.id)).toEqual(['eng-y', 'eng-x']);
      expect(await store.listEngagements({ operatorId: 'operator-nobody' })).toEqual({ items: [], nextCursor: null });
    });

    context.test('engagements', 'continues from its cursor without repeats or gaps when newer engagements arrive between pages', async () => {
      const store = context.store();
      for (let index = 0; index < 6; index += 1) await store.insertEngagement(engagementRecord(`eng-${index}`, { createdAt: at(index) }));
      const first = await store.listEngagements({ operatorId: 'operator-1', limit: 3 });
      expect(first.items.map((record) => record.id)).toEqual(['eng-5', 'eng-4', 'eng-3']);
      await store.insertEngagement(engagementRecord('eng-new', { createdAt: at(100) }));
      const second = await store.listEngagements({ operatorId: 'operator-1', limit: 3, cursor: first.nextCursor });
      expect(second.items.map((record) => record.id)).toEqual(['eng-2', 'eng-1', 'eng-0']);
      expect(second.nextCursor).toBeNull();
    });

    context.test('engagements', 'pages 50 engagements by default', async () => {
      const store = context.store();
      for (let index = 0; index < 51; index += 1)
        await store.insertEngagement(engagementRecord(`eng-${String(index).padStart(2, '0')}`, { createdAt: at(index) }));
      const first = await store.listEngagements({ operatorId: 'operator-1' });
      expect(first.items).toHaveLength(50);
      expect(first.nextCursor).not.toBeNull();
      const second = await store.listEngagements({ operatorId: 'operator-1', cursor: first.nextCursor });
      expect(second.items.map((record) => record.id)).toEqual(['eng-00']);
      expect(second.nextCursor).toBeNull();
    });

    context.test('engagements', 'rejects a limit outside 1–500 and a cursor it did not hand out with E_USAGE', async () => {
      const store = context.store();
      await store.insertEngagement(engagementRecord('eng-1'));
      for (const limit of [0, -1, 501, 1.5, Number.NaN]) await expectRejection(store.listEngagements({ operatorId: 'operator-1', limit }), 'E_USAGE');
      await expectRejection(store.listEngagements({ operatorId: 'operator-1', cursor: 'not-a-cursor' }), 'E_USAGE');
      expect((await store.listEngagements({ operatorId: 'operator-1', limit: 500 })).items).toHaveLength(1);
    });

    context.test('engagements', "finds an Operator's engagements by folded name key, and only that Operator's", async () => {
      const store = context.store();
      await store.insertEngagement(engagementRecord('eng-1', { name: 'Marketing', nameKey: 'marketing', createdAt: at(1) }));
      await store.insertEngagement(engagementRecord('eng-2', { name: 'MARKETING', nameKey: 'marketing', createdAt: at(2) }));
      await store.insertEngagement(engagementRecord('eng-3', { name: 'Sales', nameKey: 'sales' }));
      await store.insertEngagement(engagementRecord('eng-4', { name: 'Marketing', nameKey: 'marketing', operatorId: 'operator-2' }));
      const found = await store.findEngagementsByNameKey('operator-1', 'marketing');
      expect(found.map((record) => record.id).sort()).toEqual(['eng-1', 'eng-2']);
      expect(found.find((record) => record.id === 'eng-2')).toEqual(await store.getEngagement('eng-2'));
      expect(await store.findEngagementsByNameKey('operator-1', 'nothing')).toEqual([]);
      expect(await store.findEngagementsByNameKey('operator-3', 'marketing')).toEqual([]);
    });
  });
}
