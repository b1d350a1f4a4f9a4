import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createGuidedCompanion } from '../companion';
import { verifyMemory } from '../memory';
import { createFromContent } from '../session';
import { STORE_TABLES } from './records';
import { copyStore } from './copy-store';
import { createMemoryStore } from './memory-store';
import type { LoomworksStore } from './store';

const marketing = readFileSync(new URL('../../../../examples/marketing/content.md', import.meta.url), 'utf8');

async function everything(store: LoomworksStore) {
  const dump: Record<string, unknown[]> = {};
  for (const table of STORE_TABLES) {
    dump[table] = [];
    let after: string | null = null;
    do {
      const page: { records: unknown[]; next: string | null } = await store.scan(table, { after, limit: 7 });
      dump[table]!.push(...page.records);
      after = page.next;
    } while (after);
  }
  return dump;
}

async function populated(): Promise<LoomworksStore> {
  const store = createMemoryStore();
  for (const id of ['op-1', 'op-2', 'op-3']) await createFromContent(marketing, { companion: createGuidedCompanion(), store, operator: { id } });
  await store.insertPerson({ id: 'person-1', displayName: 'Robin', email: null, userHandle: 'aGFuZGxl', createdAt: '2026-11-26T10:00:00.000Z' });
  await store.insertCredential({
    id: 'cred-1', personId: 'person-1', publicKey: 'cGs', counter: 3, transports: ['internal'], deviceType: 'multiDevice', backedUp: true,
    createdAt: '2026-11-26T10:00:00.000Z', lastUsedAt: null,
  });
  return store;
}

describe('copyStore', () => {
  it('copies every record of every table in small pages, and the chains verify in the target', async () => {
    const from = await populated();
    const to = createMemoryStore();
    const pages: string[] = [];
    const result = await copyStore(from, to, { pageSize: 5, onProgress: ({ table }) => pages.push(table) });
    expect(result).toMatchObject({ engagements: 3, sessions: 3, events: 39 });
    expect(result.tables.turns.copied).toBeGreaterThan(30);
    expect(pages.filter((table) => table === 'turns').length).toBeGreaterThan(5);
    expect(await everything(to)).toEqual(await everything(from));
    expect(await verifyMemory(to)).toEqual({ ok: true, engagements: 3, events: 39 });
  });

  it('skips identical records on a second copy and fails with E_CONFLICT on a differing one', async () => {
    const from = await populated();
    const to = createMemoryStore();
    await copyStore(from, to);
    const again = await copyStore(from, to);
    expect(again).toMatchObject({ engagements: 0, sessions: 0, events: 0 });
    expect(again.tables.events.skipped).toBe(39);

    const clash = createMemoryStore();
    const [engagement] = (await from.scan('engagements')).records;
    await clash.insertEngagement({ ...engagement!, name: 'Something else' });
    await expect(copyStore(from, clash)).rejects.toMatchObject({ code: 'E_CONFLICT' });
  });
});
