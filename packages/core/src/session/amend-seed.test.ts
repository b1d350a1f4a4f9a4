import { describe, expect, it } from 'vitest';
import { renderDiscoveryRecord } from '../discovery';
import { verifyMemory } from '../memory';
import type { Seed } from '../seed';
import { createMemoryStore } from '../store';
import { amendSeed } from './amend-seed';
import { uploadDiscoveryRecord } from './upload';

const operator = { id: 'op-1' };
const seed: Seed = {
  name: 'Garden club notes',
  purpose: 'A monthly note for the garden club.',
  audience: 'Club members.',
  voice: 'Friendly.',
  constraints: ['One page at most'],
  success: ['Members reply with photos'],
  additionalAssertions: [{ key: 'Sender', value: 'The club secretary' }],
};

describe('amendSeed (the induction loop)', () => {
  it('fixes a failing candidate: a new version supersedes the old, and it is activated', async () => {
    const store = createMemoryStore();
    const created = await uploadDiscoveryRecord(renderDiscoveryRecord({ ...seed, voice: 'TBD' }), { store, operator });
    expect(created.engagement.status).toBe('candidate');
    const amended = await amendSeed(created.engagement.id, { voice: 'Friendly and short.' }, { store, operator });
    expect(amended).toMatchObject({ version: 2, changed: ['voice'], engagement: { status: 'active' }, induction: { status: 'induction-pass-clean' } });
    expect((await store.listSeedVersions(created.engagement.id)).map((version) => [version.version, version.source, version.inductionStatus])).toEqual([
      [1, 'upload', 'induction-fail'],
      [2, 'amend', 'induction-pass-clean'],
    ]);
    const types = (await store.listEvents(created.engagement.id)).map((event) => event.type);
    expect(types.slice(-4)).toEqual(['seed_amended', 'seed_inducted', 'engagement_activated', 'assertion_committed']);
    expect(await verifyMemory(store)).toMatchObject({ ok: true });
  });

  it('refuses a change that would fail an active engagement, writing nothing', async () => {
    const store = createMemoryStore();
    const created = await uploadDiscoveryRecord(renderDiscoveryRecord(seed), { store, operator });
    const before = (await store.listEvents(created.engagement.id)).length;
    await expect(amendSeed(created.engagement.id, { constraints: ['TODO'] }, { store, operator })).rejects.toMatchObject({
      code: 'E_INDUCTION_FAILED',
      details: { findings: [expect.objectContaining({ code: 'INDUCTION_PLACEHOLDER' })] },
    });
    expect(await store.listEvents(created.engagement.id)).toHaveLength(before);
    expect(await store.listSeedVersions(created.engagement.id)).toHaveLength(1);
  });

  it('renames, commits only new Field 6 entries, and does nothing for an unchanged value', async () => {
    const store = createMemoryStore();
    const created = await uploadDiscoveryRecord(renderDiscoveryRecord(seed), { store, operator });
    const renamed = await amendSeed(
      created.engagement.id,
      { name: 'Garden club monthly', additionalAssertions: [...seed.additionalAssertions, { key: 'Deadline', value: 'The first Friday' }] },
      { store, operator },
    );
    expect(renamed.engagement.name).toBe('Garden club monthly');
    expect((await store.getEngagement(created.engagement.id))?.nameKey).toBe('garden club monthly');
    const assertions = (await store.listEvents(created.engagement.id)).filter((event) => event.type === 'assertion_committed');
    expect(assertions.map((event) => (event.payload as { key: string }).key)).toEqual(['Sender', 'Deadline']);
    const unchanged = await amendSeed(created.engagement.id, { voice: 'Friendly.' }, { store, operator });
    expect(unchanged).toMatchObject({ version: 2, changed: [] });
  });

  it('rejects invalid changes and unknown parts with E_INVALID_SEED, and other Operators\u2019 engagements with E_NOT_FOUND', async () => {
    const store = createMemoryStore();
    const created = await uploadDiscoveryRecord(renderDiscoveryRecord(seed), { store, operator });
    await expect(amendSeed(created.engagement.id, { voice: '' }, { store, operator })).rejects.toMatchObject({ code: 'E_INVALID_SEED' });
    await expect(amendSeed(created.engagement.id, { tone: 'x' } as never, { store, operator })).rejects.toMatchObject({ code: 'E_INVALID_SEED' });
    await expect(amendSeed(created.engagement.id, { voice: 'x' }, { store, operator: { id: 'op-2' } })).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
  });
});
