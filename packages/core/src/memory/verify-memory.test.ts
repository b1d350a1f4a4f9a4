import { describe, expect, it } from 'vitest';
import { appendMemoryEvents, hashEvent, verifyMemory, type MemoryEventDraft } from '.';
import { LoomworksError } from '../errors';
import { createMemoryStore, type EngagementRecord, type LoomworksStore, type MemoryEvent, type StoreOperations } from '../store';

const system = { kind: 'system', id: 'loomworks' } as const;

function engagement(id: string): EngagementRecord {
  return {
    id,
    operatorId: 'op',
    name: id,
    nameKey: id,
    status: 'candidate',
    inductionStatus: null,
    seedVersion: null,
    sessionId: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

function drafts(count: number): MemoryEventDraft[] {
  return Array.from({ length: count }, (_, index) => ({ type: 'assertion_committed', actor: system, payload: { statement: `fact ${index + 1}` } }));
}

/** A store holding one engagement with a valid chain of `count` events. */
async function chainedStore(count: number, engagementId = 'eng-1'): Promise<{ store: LoomworksStore; events: MemoryEvent[] }> {
  const store = createMemoryStore();
  await store.insertEngagement(engagement(engagementId));
  const events = await store.transaction((tx) => appendMemoryEvents(tx, engagementId, drafts(count)));
  return { store, events };
}

/**
 * Tampering happens below the store API (a database edited by hand); here a fresh store is loaded with
 * the altered rows through importRecord, which keeps records exactly as given.
 */
async function storeWithRows(engagementId: string, events: readonly MemoryEvent[]): Promise<LoomworksStore> {
  const store = createMemoryStore();
  await store.importRecord('engagements', engagement(engagementId));
  for (const event of events) await store.importRecord('events', event);
  return store;
}

const LENGTH = 7;
const positions = [
  ['first', 1],
  ['a middle', 4],
  ['the last', LENGTH],
] as const;

describe('verifyMemory', () => {
  it('accepts valid chains and counts engagements and events, including an engagement with no events', async () => {
    const store = createMemoryStore();
    for (const id of ['eng-a', 'eng-b', 'eng-c']) await store.insertEngagement(engagement(id));
    await store.transaction((tx) => appendMemoryEvents(tx, 'eng-a', drafts(3)));
    await store.transaction((tx) => appendMemoryEvents(tx, 'eng-b', drafts(2)));
    await store.transaction((tx) => appendMemoryEvents(tx, 'eng-b', drafts(2)));
    expect(await verifyMemory(store)).toEqual({ ok: true, engagements: 3, events: 7 });
    expect(await verifyMemory(store, 'eng-b')).toEqual({ ok: true, engagements: 1, events: 4 });
    expect(await verifyMemory(store, 'eng-c')).toEqual({ ok: true, engagements: 1, events: 0 });
  });

  it('rejects an unknown engagement with E_NOT_FOUND rather than calling it valid', async () => {
    const error = await verifyMemory(createMemoryStore(), 'nope').catch((caught: unknown) => caught);
    expect(LoomworksError.is(error, 'E_NOT_FOUND')).toBe(true);
  });

  it.each(positions)('names the %s event (seq %i) when its payload was altered', async (_label, seq) => {
    const { events } = await chainedStore(LENGTH);
    const tampered = events.map((event) => (event.seq === seq ? { ...event, payload: { statement: 'rewritten' } } : event));
    expect(await verifyMemory(await storeWithRows('eng-1', tampered), 'eng-1')).toEqual({ ok: false, engagementId: 'eng-1', seq, reason: 'hash-mismatch' });
  });

  it.each(positions)('names the %s event (seq %i) when its stored hash was altered', async (_label, seq) => {
    const { events } = await chainedStore(LENGTH);
    const tampered = events.map((event) => (event.seq === seq ? { ...event, hash: 'f'.repeat(64) } : event));
    const result = await verifyMemory(await storeWithRows('eng-1', tampered), 'eng-1');
    expect(result).toEqual({ ok: false, engagementId: 'eng-1', seq, reason: 'hash-mismatch' });
  });

  it.each([
    ['first', 1],
    ['a middle', 4],
    ['the last', LENGTH - 1],
  ] as const)('names the %s swapped position (seq %i) when two neighbouring events changed places', async (_label, seq) => {
    const { events } = await chainedStore(LENGTH);
    const tampered = events.map((event) => (event.seq === seq ? { ...event, seq: seq + 1 } : event.seq === seq + 1 ? { ...event, seq } : event));
    const result = await verifyMemory(await storeWithRows('eng-1', tampered), 'eng-1');
    expect(result).toEqual({ ok: false, engagementId: 'eng-1', seq, reason: seq === 1 ? 'genesis' : 'prev-hash-mismatch' });
  });

  it('names the event after one whose content and hash were both rewritten', async () => {
    const { events } = await chainedStore(LENGTH);
    const tampered = events.map((event) => {
      if (event.seq !== 3) return event;
      const rewritten = { ...event, payload: { statement: 'rewritten' } };
      return { ...rewritten, hash: hashEvent(rewritten) };
    });
    expect(await verifyMemory(await storeWithRows('eng-1', tampered), 'eng-1')).toEqual({
      ok: false,
      engagementId: 'eng-1',
      seq: 4,
      reason: 'prev-hash-mismatch',
    });
  });

  it.each([
    ['first', 1],
    ['a middle', 4],
  ] as const)('names the seq of a deleted %s event', async (_label, seq) => {
    const { events } = await chainedStore(LENGTH);
    const remaining = events.filter((event) => event.seq !== seq);
    expect(await verifyMemory(await storeWithRows('eng-1', remaining), 'eng-1')).toEqual({ ok: false, engagementId: 'eng-1', seq, reason: 'seq-gap' });
  });

  it('names the first broken engagement when verifying the whole store', async () => {
    const { events: good } = await chainedStore(3, 'eng-a');
    const { events: bad } = await chainedStore(3, 'eng-b');
    const store = await storeWithRows('eng-a', good);
    await store.importRecord('engagements', engagement('eng-b'));
    for (const event of bad) await store.importRecord('events', event.seq === 2 ? { ...event, at: '1999-01-01T00:00:00.000Z' } : event);
    expect(await verifyMemory(store)).toEqual({ ok: false, engagementId: 'eng-b', seq: 2, reason: 'hash-mismatch' });
  });

  it('reads long chains page by page and still names the exact seq past the first page', async () => {
    const { store, events } = await chainedStore(1234);
    const limits: (number | undefined)[] = [];
    const recording: StoreOperations = {
      ...store,
      listEvents: (engagementId, options) => {
        limits.push(options?.limit);
        return store.listEvents(engagementId, options);
      },
    };
    expect(await verifyMemory(recording, 'eng-1')).toEqual({ ok: true, engagements: 1, events: 1234 });
    expect(limits.length).toBeGreaterThan(1);
    expect(limits.every((limit) => limit !== undefined && limit < 1234)).toBe(true);

    const tampered = events.map((event) => (event.seq === 1100 ? { ...event, payload: { statement: 'rewritten' } } : event));
    expect(await verifyMemory(await storeWithRows('eng-1', tampered), 'eng-1')).toEqual({
      ok: false,
      engagementId: 'eng-1',
      seq: 1100,
      reason: 'hash-mismatch',
    });
  });
});
