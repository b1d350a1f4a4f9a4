import { describe, expect, it } from 'vitest';
import { LoomworksError } from '../errors';
import { findEngagement } from './find-engagement';
import { createMemoryStore } from './memory-store';
import type { EngagementRecord } from './records';
import { engagementNameKey, type LoomworksStore } from './store';

function engagement(id: string, operatorId: string, name: string, createdAt = '2026-11-26T10:00:00.000Z'): EngagementRecord {
  return {
    id,
    operatorId,
    name,
    nameKey: engagementNameKey(name),
    status: 'active',
    inductionStatus: 'induction-pass-clean',
    seedVersion: null,
    sessionId: null,
    createdAt,
    updatedAt: createdAt,
  };
}

async function storeWith(...records: EngagementRecord[]): Promise<LoomworksStore> {
  const store = createMemoryStore();
  for (const record of records) await store.insertEngagement(record);
  return store;
}

async function rejection(promise: Promise<unknown>): Promise<LoomworksError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!LoomworksError.is(error)) throw new Error(`expected a LoomworksError, got ${String(error)}`);
  return error;
}

describe('findEngagement', () => {
  it('finds an engagement by its id, or by its name in any case and with stray spaces', async () => {
    const store = await storeWith(engagement('E1', 'ada', 'Loomworks launch marketing'), engagement('E2', 'ada', 'Bakery newsletter'));
    expect((await findEngagement(store, 'E2', { operatorId: 'ada' })).name).toBe('Bakery newsletter');
    expect((await findEngagement(store, '  LOOMWORKS Launch marketing ', { operatorId: 'ada' })).id).toBe('E1');
  });

  it("never finds another Operator's engagement, by id or by name", async () => {
    const store = await storeWith(engagement('E1', 'ada', 'Shared name'));
    for (const reference of ['E1', 'Shared name']) {
      const error = await rejection(findEngagement(store, reference, { operatorId: 'grace' }));
      expect(error.code).toBe('E_NOT_FOUND');
    }
  });

  it('falls back to the name when the reference is another Operator\'s id', async () => {
    const store = await storeWith(engagement('E1', 'ada', 'Mine'), engagement('E9', 'grace', 'E1'));
    expect((await findEngagement(store, 'E1', { operatorId: 'grace' })).id).toBe('E9');
  });

  it('refuses to guess between engagements sharing a name and lists their ids', async () => {
    const store = await storeWith(engagement('E1', 'ada', 'Newsletter'), engagement('E2', 'ada', 'NEWSLETTER', '2026-11-27T10:00:00.000Z'));
    const error = await rejection(findEngagement(store, 'newsletter', { operatorId: 'ada' }));
    expect(error.code).toBe('E_INVALID_INPUT');
    expect(error.details.ids).toEqual(['E1', 'E2']);
    expect((await findEngagement(store, 'E2', { operatorId: 'ada' })).name).toBe('NEWSLETTER');
  });

  it('rejects an empty reference as invalid input', async () => {
    const error = await rejection(findEngagement(await storeWith(), '   ', { operatorId: 'ada' }));
    expect(error.code).toBe('E_INVALID_INPUT');
  });
});
