import { defineStoreConformanceSuite } from '@loomworks/testkit';
import { describe, expect, it } from 'vitest';
import { createMemoryStore, type EngagementRecord, type StoreOperations } from '.';
import { LoomworksError } from '../errors';

defineStoreConformanceSuite({ name: 'memory', create: async () => createMemoryStore() });

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

// Behaviour particular to the in-process store: mistakes that would otherwise hang or corrupt silently.
describe('createMemoryStore', () => {
  it('rejects a call on the store itself from inside its own transaction with E_USAGE instead of waiting forever', async () => {
    const store = createMemoryStore();
    const error = await store
      .transaction(async (tx) => {
        await tx.insertEngagement(engagement);
        await store.getEngagement('eng-1');
      })
      .catch((caught: unknown) => caught);
    expect(LoomworksError.is(error, 'E_USAGE')).toBe(true);
    expect(await store.getEngagement('eng-1')).toBeNull();
    await expect(store.transaction(() => store.transaction(async () => 1))).rejects.toMatchObject({ code: 'E_USAGE' });
  });

  it('rejects use of a transaction object after its transaction ended', async () => {
    const store = createMemoryStore();
    let leaked: StoreOperations | undefined;
    await store.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked?.insertEngagement(engagement)).rejects.toMatchObject({ code: 'E_USAGE' });
    expect(await store.getEngagement('eng-1')).toBeNull();
  });

  it('keeps each call inside a transaction atomic even when the callback swallows its failure', async () => {
    const store = createMemoryStore();
    await store.transaction(async (tx) => {
      await tx.insertEngagement(engagement);
      await tx.insertEngagement(engagement).catch(() => undefined);
      await tx.updateEngagement('eng-1', { status: 'active', updatedAt: '2026-01-02T00:00:00.000Z' });
    });
    expect((await store.getEngagement('eng-1'))?.status).toBe('active');
  });

  it('reports its kind as memory', () => {
    expect(createMemoryStore().kind).toBe('memory');
  });
});
