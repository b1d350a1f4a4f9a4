// Conformance cases for the anchor outbox: priority order, receipts, and what cannot be queued.
import type { MemoryEvent } from '@loomworks/core';
import { describe, expect } from 'vitest';
import type { ConformanceContext } from './context';
import { at, chainedEvents, engagementRecord, expectRejection, outboxEntry, scanAll } from './fixtures';

async function withEvents(context: ConformanceContext): Promise<{ one: MemoryEvent[]; two: MemoryEvent[] }> {
  const store = context.store();
  await store.insertEngagement(engagementRecord('eng-1'));
  await store.insertEngagement(engagementRecord('eng-2'));
  const one = chainedEvents('eng-1', 4);
  const two = chainedEvents('eng-2', 3);
  await store.appendEvents(one);
  await store.appendEvents(two);
  return { one, two };
}

export function registerOutboxCases(context: ConformanceContext): void {
  describe('anchor outbox', () => {
    context.test('outbox', 'lists pending anchors high before standard before low, then by enqueue time, engagement and seq', async () => {
      const store = context.store();
      const { one, two } = await withEvents(context);
      const [e1, e2, e3, e4] = one as [MemoryEvent, MemoryEvent, MemoryEvent, MemoryEvent];
      const [f1, f2, f3] = two as [MemoryEvent, MemoryEvent, MemoryEvent];
      await store.enqueueAnchors([outboxEntry(e1, 'standard', at(10)), outboxEntry(e2, 'low', at(1)), outboxEntry(e3, 'high', at(30))]);
      await store.enqueueAnchors([outboxEntry(f1, 'standard', at(10)), outboxEntry(f2, 'standard', at(5)), outboxEntry(f3, 'high', at(30))]);
      await store.enqueueAnchors([outboxEntry(e4, 'standard', at(10))]);
      const order = (await store.listPendingAnchors(100)).map((entry) => `${entry.engagementId}#${entry.seq}`);
      expect(order).toEqual(['eng-1#3', 'eng-2#3', 'eng-2#2', 'eng-1#1', 'eng-1#4', 'eng-2#1', 'eng-1#2']);
      expect(await store.listPendingAnchors(2)).toEqual([outboxEntry(e3, 'high', at(30)), outboxEntry(f3, 'high', at(30))]);
    });

    context.test('outbox', 'marks entries anchored with their receipts, and leaves an entry anchored once unchanged', async () => {
      const store = context.store();
      const { one } = await withEvents(context);
      const [e1, e2] = one as [MemoryEvent, MemoryEvent];
      await store.enqueueAnchors([outboxEntry(e1, 'standard', at(1)), outboxEntry(e2, 'high', at(2))]);
      await store.markAnchored([{ eventId: e2.id, anchoredAt: at(50), receipt: { sink: 'file', line: 1, proof: ['a', 'b'] } }]);
      expect((await store.listPendingAnchors(10)).map((entry) => entry.eventId)).toEqual([e1.id]);

      await store.markAnchored([
        { eventId: e2.id, anchoredAt: at(99), receipt: { sink: 'file', line: 99 } },
        { eventId: e1.id, anchoredAt: at(60), receipt: null },
      ]);
      expect(await store.listPendingAnchors(10)).toEqual([]);
      const entries = await scanAll(store, 'outbox');
      expect(entries.find((entry) => entry.eventId === e2.id)).toEqual({
        ...outboxEntry(e2, 'high', at(2)),
        anchoredAt: at(50),
        receipt: { sink: 'file', line: 1, proof: ['a', 'b'] },
      });
      expect(entries.find((entry) => entry.eventId === e1.id)).toEqual({ ...outboxEntry(e1, 'standard', at(1)), anchoredAt: at(60), receipt: null });
    });

    context.test('outbox', 'refuses to queue an event twice (E_CONFLICT) or an unknown event (E_NOT_FOUND), writing none of the batch', async () => {
      const store = context.store();
      const { one } = await withEvents(context);
      const [e1, e2, e3] = one as [MemoryEvent, MemoryEvent, MemoryEvent];
      await store.enqueueAnchors([outboxEntry(e1, 'standard', at(1))]);
      await expectRejection(store.enqueueAnchors([outboxEntry(e2, 'standard', at(2)), outboxEntry(e1, 'high', at(2))]), 'E_CONFLICT');
      const unknown = { ...outboxEntry(e3, 'standard', at(3)), eventId: 'event-unknown' };
      await expectRejection(store.enqueueAnchors([outboxEntry(e3, 'standard', at(3)), unknown]), 'E_NOT_FOUND');
      expect((await store.listPendingAnchors(10)).map((entry) => entry.eventId)).toEqual([e1.id]);
    });

    context.test('outbox', 'refuses a receipt for an event that is not queued with E_NOT_FOUND, marking none of the batch', async () => {
      const store = context.store();
      const { one } = await withEvents(context);
      const [e1] = one as [MemoryEvent];
      await store.enqueueAnchors([outboxEntry(e1, 'standard', at(1))]);
      await expectRejection(
        store.markAnchored([
          { eventId: e1.id, anchoredAt: at(5), receipt: null },
          { eventId: 'event-unknown', anchoredAt: at(5), receipt: null },
        ]),
        'E_NOT_FOUND'
      );
      expect(await store.listPendingAnchors(10)).toHaveLength(1);
    });
  });
}
