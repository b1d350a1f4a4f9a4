import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendMemoryEvents, createFileAnchorSink, drainAnchorOutbox, type AnchorReceipt, type AnchorRequest, type AnchorSink, type MemoryEventDraft } from '.';
import { LoomworksError } from '../errors';
import { createMemoryStore, type EngagementRecord, type LoomworksStore } from '../store';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'loomworks-drain-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const system = { kind: 'system', id: 'loomworks' } as const;
const clock = { now: () => Date.parse('2026-03-04T05:06:07.000Z') };

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

/** Two engagements: a creation (standard events) then an activation (high) on each. */
async function storeWithPendingAnchors(): Promise<LoomworksStore> {
  const store = createMemoryStore();
  const created: MemoryEventDraft[] = [
    { type: 'engagement_created', actor: system, payload: {} },
    { type: 'seed_inducted', actor: system, payload: {} },
  ];
  const activated: MemoryEventDraft[] = [{ type: 'engagement_activated', actor: system, payload: {} }];
  for (const id of ['eng-a', 'eng-b']) {
    await store.insertEngagement(engagement(id));
    await store.transaction((tx) => appendMemoryEvents(tx, id, created));
  }
  for (const id of ['eng-a', 'eng-b']) await store.transaction((tx) => appendMemoryEvents(tx, id, activated));
  return store;
}

/** A sink fake that records every batch and answers with the given behaviour. */
function recordingSink(answer: (batch: readonly AnchorRequest[]) => Promise<AnchorReceipt[]>): AnchorSink & { batches: AnchorRequest[][] } {
  const batches: AnchorRequest[][] = [];
  return {
    id: 'fake',
    batches,
    anchor: (batch) => {
      batches.push([...batch]);
      return answer(batch);
    },
  };
}

const receiptsFor = async (batch: readonly AnchorRequest[]): Promise<AnchorReceipt[]> =>
  batch.map((request) => ({ eventId: request.eventId, anchoredAt: '2026-03-04T05:06:07.000Z', receipt: { ok: request.seq } }));

describe('drainAnchorOutbox', () => {
  it('anchors high-priority events first, writes JSON Lines receipts and stores them on the outbox entries', async () => {
    const store = await storeWithPendingAnchors();
    const path = join(directory, 'anchors.jsonl');
    const result = await drainAnchorOutbox(store, createFileAnchorSink(path, { clock }), { batchSize: 4 });
    expect(result).toEqual({ anchored: 6, batches: 2 });

    const lines = (await readFile(path, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { engagementId: string; seq: number; priority: string; hash: string; eventId: string });
    expect(lines.map((line) => [line.engagementId, line.seq, line.priority])).toEqual([
      ['eng-a', 3, 'high'],
      ['eng-b', 3, 'high'],
      ['eng-a', 1, 'standard'],
      ['eng-a', 2, 'standard'],
      ['eng-b', 1, 'standard'],
      ['eng-b', 2, 'standard'],
    ]);
    const events = [...(await store.listEvents('eng-a')), ...(await store.listEvents('eng-b'))];
    for (const line of lines) expect(line.hash).toBe(events.find((event) => event.id === line.eventId)?.hash);

    expect(await store.listPendingAnchors(10)).toEqual([]);
    const { records } = await store.scan('outbox');
    expect(records.every((entry) => entry.anchoredAt === '2026-03-04T05:06:07.000Z' && (entry.receipt as { sink: string }).sink === 'file')).toBe(true);
    expect(await drainAnchorOutbox(store, createFileAnchorSink(path, { clock }))).toEqual({ anchored: 0, batches: 0 });
  });

  it('stops after `limit` entries and leaves the rest pending', async () => {
    const store = await storeWithPendingAnchors();
    const sink = recordingSink(receiptsFor);
    expect(await drainAnchorOutbox(store, sink, { batchSize: 2, limit: 3 })).toEqual({ anchored: 3, batches: 2 });
    expect(sink.batches.map((batch) => batch.length)).toEqual([2, 1]);
    expect(await store.listPendingAnchors(10)).toHaveLength(3);
  });

  it('rejects with E_ANCHOR carrying the sink error when the sink fails, and loses nothing', async () => {
    const store = await storeWithPendingAnchors();
    const outage = new Error('anchoring service unavailable');
    const error = await drainAnchorOutbox(
      store,
      recordingSink(() => Promise.reject(outage))
    ).catch((caught: unknown) => caught);
    expect(LoomworksError.is(error, 'E_ANCHOR')).toBe(true);
    expect((error as LoomworksError).cause).toBe(outage);
    expect(await store.listPendingAnchors(10)).toHaveLength(6);

    // The next drain picks the same entries up.
    expect(await drainAnchorOutbox(store, recordingSink(receiptsFor))).toEqual({ anchored: 6, batches: 1 });
  });

  it('keeps the batches already anchored when a later batch fails', async () => {
    const store = await storeWithPendingAnchors();
    let calls = 0;
    const sink = recordingSink((batch) => (++calls === 1 ? receiptsFor(batch) : Promise.reject(new Error('down'))));
    await expect(drainAnchorOutbox(store, sink, { batchSize: 2 })).rejects.toMatchObject({ code: 'E_ANCHOR', details: { anchored: 2 } });
    const pending = await store.listPendingAnchors(10);
    expect(pending).toHaveLength(4);
    expect(pending.every((entry) => entry.priority === 'standard')).toBe(true);
  });

  it('refuses a receipt for an event it did not ask to anchor and stores none of that batch', async () => {
    const store = await storeWithPendingAnchors();
    const sink = recordingSink(async (batch) => [
      ...(await receiptsFor(batch)),
      { eventId: 'someone-else', anchoredAt: '2026-03-04T05:06:07.000Z', receipt: null },
    ]);
    const error = await drainAnchorOutbox(store, sink).catch((caught: unknown) => caught);
    expect(LoomworksError.is(error, 'E_ANCHOR')).toBe(true);
    expect(await store.listPendingAnchors(10)).toHaveLength(6);
  });

  it('stores the receipts it got and reports the events the sink left out, which stay pending', async () => {
    const store = await storeWithPendingAnchors();
    const sink = recordingSink(async (batch) => (await receiptsFor(batch)).slice(1));
    const error = await drainAnchorOutbox(store, sink).catch((caught: unknown) => caught);
    expect(LoomworksError.is(error, 'E_ANCHOR')).toBe(true);
    const skipped = sink.batches[0]?.[0]?.eventId;
    expect((error as LoomworksError).details.missing).toEqual([skipped]);
    expect((await store.listPendingAnchors(10)).map((entry) => entry.eventId)).toEqual([skipped]);
    expect(sink.batches).toHaveLength(1);
  });

  it('refuses a batch size outside 1–500 with E_USAGE', async () => {
    const store = await storeWithPendingAnchors();
    await expect(drainAnchorOutbox(store, recordingSink(receiptsFor), { batchSize: 0 })).rejects.toMatchObject({ code: 'E_USAGE' });
    await expect(drainAnchorOutbox(store, recordingSink(receiptsFor), { batchSize: 501 })).rejects.toMatchObject({ code: 'E_USAGE' });
  });
});
