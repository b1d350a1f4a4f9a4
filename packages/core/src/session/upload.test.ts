import { readFileSync } from 'node:fs';
import { createFakeCompanion } from '@loomworks/testkit';
import { describe, expect, it } from 'vitest';
import { renderDiscoveryRecord } from '../discovery';
import { verifyMemory } from '../memory';
import type { Seed } from '../seed';
import { createMemoryStore } from '../store';
import { uploadDiscoveryRecord } from './upload';

const operator = { id: 'op-1' };
const marketing = readFileSync(new URL('../../../../examples/marketing/content.md', import.meta.url), 'utf8');
const seed: Seed = {
  name: 'Garden club notes',
  purpose: 'A monthly note for the garden club.',
  audience: 'Club members.',
  voice: 'Friendly.',
  constraints: ['One page at most'],
  success: ['Members reply with photos'],
  additionalAssertions: [{ key: 'Sender', value: 'The club secretary' }],
};

describe('uploadDiscoveryRecord', () => {
  it('stores the document as given, extracts, inducts and commits with the session commit events', async () => {
    const store = createMemoryStore();
    const result = await uploadDiscoveryRecord(marketing, { store, operator });
    expect(result).toMatchObject({ engagement: { name: 'Loomworks launch marketing', status: 'active' }, induction: { status: 'induction-pass-clean' } });
    expect(result.session).toBeUndefined();
    const [document] = await store.listDocuments(result.engagement.id);
    expect(document).toMatchObject({ content: marketing, format: 'discovery-record/v1', sessionId: null });
    const events = await store.listEvents(result.engagement.id);
    expect(events.slice(0, 5).map((event) => event.type)).toEqual([
      'engagement_created',
      'discovery_record_uploaded',
      'discovery_to_seed_extracted',
      'seed_inducted',
      'engagement_activated',
    ]);
    expect(events[1]).toMatchObject({ actor: { kind: 'person', id: 'op-1' }, payload: { source: 'upload' } });
    expect(events.filter((event) => event.type === 'assertion_committed')).toHaveLength(8);
    expect(await verifyMemory(store)).toMatchObject({ ok: true });
  });

  it('returns the first engagement when the same bytes are uploaded again', async () => {
    const store = createMemoryStore();
    const first = await uploadDiscoveryRecord(marketing, { store, operator });
    const second = await uploadDiscoveryRecord(marketing, { store, operator });
    expect(second.engagement.id).toBe(first.engagement.id);
    expect((await store.scan('engagements')).records).toHaveLength(1);
  });

  it('rejects a record that does not extract with its issues, writing nothing', async () => {
    const store = createMemoryStore();
    const broken = renderDiscoveryRecord({ ...seed, voice: undefined } as never);
    const error = await uploadDiscoveryRecord(broken, { store, operator }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'E_EXTRACTION_FAILED', details: { issues: [expect.objectContaining({ code: 'EXTRACT_MISSING_FIELD', field: 'voice' })] } });
    expect((await store.scan('engagements')).records).toEqual([]);
  });

  it('rejects content that is not text', async () => {
    await expect(uploadDiscoveryRecord(new Uint8Array([0xff, 0xfe, 0x00]), { store: createMemoryStore(), operator })).rejects.toMatchObject({ code: 'E_INVALID_CONTENT' });
  });

  it('a record with a failing induction lands as a candidate with its findings', async () => {
    const result = await uploadDiscoveryRecord(renderDiscoveryRecord({ ...seed, constraints: ['TBD'] }), { store: createMemoryStore(), operator });
    expect(result).toMatchObject({ engagement: { status: 'candidate' }, induction: { status: 'induction-fail' } });
    expect(result.induction.findings).toContainEqual(expect.objectContaining({ code: 'INDUCTION_PLACEHOLDER', field: 'constraints', item: 0 }));
  });

  it('falls back to the Companion for a free-form document only when one is given', async () => {
    const freeForm = 'Garden club notes: a monthly note for the garden club, friendly, one page at most.';
    const store = createMemoryStore();
    await expect(uploadDiscoveryRecord(freeForm, { store, operator })).rejects.toMatchObject({ code: 'E_INVALID_CONTENT' });
    const companion = createFakeCompanion({ complete: () => JSON.stringify(seed) });
    const result = await uploadDiscoveryRecord(freeForm, { store, operator, companion });
    expect(result.seed).toEqual(seed);
    expect(companion.completions[0]).toMatchObject({ task: 'extraction' });
    expect(companion.completions[0]!.prompt).toContain(freeForm);
    const [document] = await store.listDocuments(result.engagement.id);
    expect(document).toMatchObject({ content: freeForm, format: 'text' });
  });
});
