// Conformance cases for Memory events: gapless appends with expected seqs, heads, paging, races.
import { verifyMemory, type MemoryEvent } from '@loomworks/core';
import { describe, expect } from 'vitest';
import type { ConformanceContext } from './context';
import { chainedEvents, engagementRecord, expectRejection, settle } from './fixtures';

export function registerMemoryCases(context: ConformanceContext): void {
  describe('Memory events', () => {
    context.test('memory', 'appends events from seq 1 and lists them exactly as written, so the chain still verifies', async () => {
      const store = context.store();
      await store.insertEngagement(engagementRecord('eng-1'));
      expect(await store.getMemoryHead('eng-1')).toBeNull();
      expect(await store.listEvents('eng-1')).toEqual([]);
      const first = chainedEvents('eng-1', 3);
      await store.appendEvents(first);
      const second = chainedEvents('eng-1', 2, { seq: 3, hash: first[2]?.hash ?? '' });
      await store.appendEvents(second);
      expect(await store.listEvents('eng-1')).toEqual([...first, ...second]);
      expect(await store.getMemoryHead('eng-1')).toEqual({ seq: 5, hash: second[1]?.hash });
      expect(await verifyMemory(store, 'eng-1')).toEqual({ ok: true, engagements: 1, events: 5 });
    });

    context.test('memory', 'keeps each engagement its own chain', async () => {
      const store = context.store();
      await store.insertEngagement(engagementRecord('eng-1'));
      await store.insertEngagement(engagementRecord('eng-2'));
      await store.appendEvents(chainedEvents('eng-1', 2));
      await store.appendEvents(chainedEvents('eng-2', 1));
      expect((await store.listEvents('eng-1')).map((event) => [event.engagementId, event.seq])).toEqual([
        ['eng-1', 1],
        ['eng-1', 2],
      ]);
      expect((await store.getMemoryHead('eng-2'))?.seq).toBe(1);
      expect(await verifyMemory(store)).toEqual({ ok: true, engagements: 2, events: 3 });
    });

    context.test('memory', 'pages events with afterSeq and limit', async () => {
      const store = context.store();
      await store.insertEngagement(engagementRecord('eng-1'));
      const events = chainedEvents('eng-1', 12);
      await store.appendEvents(events);
      expect(await store.listEvents('eng-1', { afterSeq: 4, limit: 3 })).toEqual(events.slice(4, 7));
      expect(await store.listEvents('eng-1', { afterSeq: 10 })).toEqual(events.slice(10));
      expect(await store.listEvents('eng-1', { limit: 2 })).toEqual(events.slice(0, 2));
      expect(await store.listEvents('eng-1', { afterSeq: 12 })).toEqual([]);
    });

    context.test('memory', 'refuses a batch whose first seq is not the next one with E_CONFLICT and writes none of it', async () => {
      const store = context.store();
      await store.insertEngagement(engagementRecord('eng-1'));
      const events = chainedEvents('eng-1', 5);
      await expectRejection(store.appendEvents(events.slice(1, 3)), 'E_CONFLICT');
      await store.appendEvents(events.slice(0, 2));
      await expectRejection(store.appendEvents(events.slice(1, 4)), 'E_CONFLICT');
      await expectRejection(store.appendEvents(events.slice(3, 5)), 'E_CONFLICT');
      expect((await store.listEvents('eng-1')).map((event) => event.seq)).toEqual([1, 2]);
      expect((await store.getMemoryHead('eng-1'))?.seq).toBe(2);
    });

    context.test('memory', 'rejects a batch with a gap inside or a second engagement, writing none of it', async () => {
      const store = context.store();
      await store.insertEngagement(engagementRecord('eng-1'));
      await store.insertEngagement(engagementRecord('eng-2'));
      const events = chainedEvents('eng-1', 4);
      const gap = [events[0], events[2]] as MemoryEvent[];
      await expectRejection(store.appendEvents(gap));
      const mixed = [events[0], { ...chainedEvents('eng-2', 2)[1], seq: 2 }] as MemoryEvent[];
      await expectRejection(store.appendEvents(mixed));
      expect(await store.listEvents('eng-1')).toEqual([]);
      expect(await store.listEvents('eng-2')).toEqual([]);
    });

    context.test('memory', 'refuses events of an unknown engagement with E_NOT_FOUND and a reused event id with E_CONFLICT', async () => {
      const store = context.store();
      await expectRejection(store.appendEvents(chainedEvents('eng-unknown', 1)), 'E_NOT_FOUND');
      await store.insertEngagement(engagementRecord('eng-1'));
      await store.insertEngagement(engagementRecord('eng-2'));
      await store.appendEvents(chainedEvents('eng-1', 1, null, 'shared'));
      await expectRejection(store.appendEvents(chainedEvents('eng-2', 1, null, 'shared')), 'E_CONFLICT');
      expect(await store.listEvents('eng-2')).toEqual([]);
    });

    context.test('memory', 'accepts an empty batch as a no-op', async () => {
      const store = context.store();
      await store.insertEngagement(engagementRecord('eng-1'));
      await store.appendEvents([]);
      expect(await store.getMemoryHead('eng-1')).toBeNull();
    });

    context.test(['memory', 'concurrency'], 'lets exactly one of two racing appends of the same seq win, and keeps the winner intact', async () => {
      const store = context.store();
      await store.insertEngagement(engagementRecord('eng-1'));
      const writerA = chainedEvents('eng-1', 2, null, 'writer-a');
      const writerB = chainedEvents('eng-1', 3, null, 'writer-b');
      const { fulfilled, codes } = await settle([store.appendEvents(writerA), store.appendEvents(writerB)]);
      expect(fulfilled).toHaveLength(1);
      expect(codes).toEqual(['E_CONFLICT']);
      const stored = await store.listEvents('eng-1');
      expect([writerA, writerB]).toContainEqual(stored);
    });

    context.test(['memory', 'concurrency'], 'lands every event when racing writers retry on E_CONFLICT, gapless and verifiable', async () => {
      const store = context.store();
      await store.insertEngagement(engagementRecord('eng-1'));
      const writers = Array.from({ length: 6 }, async (_, writer) => {
        for (let attempt = 0; attempt < 50; attempt += 1) {
          const head = await store.getMemoryHead('eng-1');
          try {
            await store.appendEvents(chainedEvents('eng-1', 1, head, `writer-${writer}-attempt-${attempt}`));
            return;
          } catch (error) {
            if ((error as { code?: string }).code !== 'E_CONFLICT') throw error;
          }
        }
        throw new Error(`writer ${writer} never got its event in`);
      });
      await Promise.all(writers);
      expect((await store.listEvents('eng-1')).map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(await verifyMemory(store, 'eng-1')).toEqual({ ok: true, engagements: 1, events: 6 });
    });
  });
}
