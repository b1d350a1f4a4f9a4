import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ANCHOR_PRIORITY, EVENT_TYPES, GENESIS_HASH, appendMemoryEvents, canonicalJson, hashEvent, type MemoryEventDraft } from '.';
import { LoomworksError } from '../errors';
import { createSequentialIds, type Clock } from '../runtime';
import { createMemoryStore, type EngagementRecord, type LoomworksStore } from '../store';

const system = { kind: 'system', id: 'loomworks' } as const;

function fakeClock(start = Date.parse('2026-01-02T03:04:05.000Z')): Clock {
  let now = start;
  return { now: () => (now += 1000) };
}

async function storeWithEngagement(id = 'eng-1'): Promise<LoomworksStore> {
  const store = createMemoryStore();
  const engagement: EngagementRecord = {
    id,
    operatorId: 'op',
    name: 'Marketing',
    nameKey: 'marketing',
    status: 'candidate',
    inductionStatus: null,
    seedVersion: null,
    sessionId: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
  await store.insertEngagement(engagement);
  return store;
}

const drafts: MemoryEventDraft[] = [
  { type: 'engagement_created', actor: { kind: 'person', id: 'op' }, payload: { name: 'Marketing' } },
  { type: 'seed_inducted', actor: system, payload: { status: 'induction-pass-clean', findings: [] } },
  { type: 'engagement_activated', actor: system, payload: {} },
];

describe('EVENT_TYPES and ANCHOR_PRIORITY', () => {
  it('match the table of SPEC §7.1', () => {
    expect(EVENT_TYPES).toEqual([
      'engagement_created',
      'discovery_record_uploaded',
      'discovery_to_seed_extracted',
      'seed_committed_from_brief',
      'seed_inducted',
      'seed_amended',
      'engagement_activated',
      'assertion_committed',
    ]);
    expect(ANCHOR_PRIORITY).toEqual({
      engagement_created: 'standard',
      discovery_record_uploaded: 'standard',
      discovery_to_seed_extracted: 'standard',
      seed_committed_from_brief: 'standard',
      seed_inducted: 'standard',
      seed_amended: 'standard',
      engagement_activated: 'high',
      assertion_committed: 'standard',
    });
    expect(Object.isFrozen(ANCHOR_PRIORITY)).toBe(true);
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });
});

describe('appendMemoryEvents', () => {
  it('chains events from seq 1 with the genesis prevHash, clock timestamps and generated ids', async () => {
    const store = await storeWithEngagement();
    const events = await store.transaction((tx) => appendMemoryEvents(tx, 'eng-1', drafts, { clock: fakeClock(), ids: createSequentialIds('evt') }));

    expect(events.map((event) => [event.seq, event.id, event.at, event.type])).toEqual([
      [1, 'evt-000001', '2026-01-02T03:04:06.000Z', 'engagement_created'],
      [2, 'evt-000002', '2026-01-02T03:04:07.000Z', 'seed_inducted'],
      [3, 'evt-000003', '2026-01-02T03:04:08.000Z', 'engagement_activated'],
    ]);
    expect(events[0]?.prevHash).toBe(GENESIS_HASH);
    expect(events[1]?.prevHash).toBe(events[0]?.hash);
    expect(events[2]?.prevHash).toBe(events[1]?.hash);
    expect(await store.listEvents('eng-1')).toEqual(events);
    expect(await store.getMemoryHead('eng-1')).toEqual({ seq: 3, hash: events[2]?.hash });
  });

  it('hashes each event as sha256 of the canonical JSON of every field but hash', async () => {
    const store = await storeWithEngagement();
    const [event] = await store.transaction((tx) => appendMemoryEvents(tx, 'eng-1', drafts.slice(0, 1)));
    if (!event) throw new Error('no event');
    const { hash, ...withoutHash } = event;
    // Computed independently of hashEvent, so a change to either is caught.
    expect(hash).toBe(createHash('sha256').update(canonicalJson(withoutHash), 'utf8').digest('hex'));
    expect(hashEvent(event)).toBe(hash);
    expect(hashEvent({ ...event, payload: { name: 'Marketing!' } })).not.toBe(hash);
  });

  it('continues a chain from the stored head', async () => {
    const store = await storeWithEngagement();
    const first = await store.transaction((tx) => appendMemoryEvents(tx, 'eng-1', drafts.slice(0, 2)));
    const second = await store.transaction((tx) => appendMemoryEvents(tx, 'eng-1', drafts.slice(2)));
    expect(second[0]?.seq).toBe(3);
    expect(second[0]?.prevHash).toBe(first[1]?.hash);
  });

  it('queues standard and high events in the anchor outbox with the event hash and priority', async () => {
    const store = await storeWithEngagement();
    const events = await store.transaction((tx) => appendMemoryEvents(tx, 'eng-1', drafts, { clock: fakeClock() }));
    const { records } = await store.scan('outbox');
    expect(records).toHaveLength(3);
    expect(records.find((entry) => entry.eventId === events[2]?.id)).toEqual({
      eventId: events[2]?.id,
      engagementId: 'eng-1',
      seq: 3,
      hash: events[2]?.hash,
      priority: 'high',
      enqueuedAt: events[2]?.at,
      anchoredAt: null,
      receipt: null,
    });
    expect((await store.listPendingAnchors(10)).map((entry) => entry.seq)).toEqual([3, 1, 2]);
  });

  it('writes nothing, events or outbox entries, when the surrounding transaction rolls back', async () => {
    const store = await storeWithEngagement();
    const failure = new Error('induction crashed');
    await expect(
      store.transaction(async (tx) => {
        await appendMemoryEvents(tx, 'eng-1', drafts);
        throw failure;
      })
    ).rejects.toBe(failure);
    expect(await store.listEvents('eng-1')).toEqual([]);
    expect(await store.getMemoryHead('eng-1')).toBeNull();
    expect((await store.scan('outbox')).records).toEqual([]);
  });

  it('lets E_CONFLICT through when another writer appended first, and writes nothing', async () => {
    const store = await storeWithEngagement();
    await store.transaction((tx) => appendMemoryEvents(tx, 'eng-1', drafts.slice(0, 1)));
    // A writer that read the head before the other append landed.
    const error = await store
      .transaction((tx) => appendMemoryEvents({ ...tx, getMemoryHead: async () => null }, 'eng-1', drafts.slice(1)))
      .catch((caught: unknown) => caught);
    expect(LoomworksError.is(error, 'E_CONFLICT')).toBe(true);
    expect((await store.listEvents('eng-1')).map((event) => event.seq)).toEqual([1]);
    expect((await store.scan('outbox')).records).toHaveLength(1);
  });

  it('refuses an unknown event type or actor with E_USAGE and a payload that is not JSON data with E_INVALID_INPUT, before writing', async () => {
    const store = await storeWithEngagement();
    const unknownType = { type: 'engagement_deleted', actor: system, payload: {} } as unknown as MemoryEventDraft;
    await expect(store.transaction((tx) => appendMemoryEvents(tx, 'eng-1', [drafts[0] as MemoryEventDraft, unknownType]))).rejects.toMatchObject({
      code: 'E_USAGE',
    });
    const badActor = { type: 'seed_amended', actor: { kind: 'robot', id: 'x' }, payload: {} } as unknown as MemoryEventDraft;
    await expect(store.transaction((tx) => appendMemoryEvents(tx, 'eng-1', [badActor]))).rejects.toMatchObject({ code: 'E_USAGE' });
    const undefinedPayload = { type: 'seed_amended', actor: system, payload: { field: undefined } } as unknown as MemoryEventDraft;
    const error = await store.transaction((tx) => appendMemoryEvents(tx, 'eng-1', [undefinedPayload])).catch((caught: unknown) => caught);
    expect(LoomworksError.is(error, 'E_INVALID_INPUT')).toBe(true);
    expect((error as LoomworksError).cause).toBeInstanceOf(TypeError);
    expect(await store.listEvents('eng-1')).toEqual([]);
  });

  it('returns events that do not change when the caller later mutates its drafts', async () => {
    const store = await storeWithEngagement();
    const payload = { name: 'Marketing' };
    const [event] = await store.transaction((tx) => appendMemoryEvents(tx, 'eng-1', [{ type: 'engagement_created', actor: system, payload }]));
    payload.name = 'changed';
    expect(event?.payload).toEqual({ name: 'Marketing' });
    expect(hashEvent(event as NonNullable<typeof event>)).toBe(event?.hash);
  });

  it('does nothing for an empty list', async () => {
    const store = await storeWithEngagement();
    expect(await appendMemoryEvents(store, 'eng-1', [])).toEqual([]);
    expect(await store.getMemoryHead('eng-1')).toBeNull();
  });
});
