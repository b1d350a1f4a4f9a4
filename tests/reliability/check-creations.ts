// The invariants scripted creations must leave in a store, whatever happened to the processes writing it.
import {
  verifyMemory,
  type CreationSessionRecord,
  type EngagementRecord,
  type LoomworksStore,
  type MemoryEvent,
  type OutboxEntry,
  type StoreRecordOf,
  type StoreTable,
} from '@loomworks/core';
import { expect } from 'vitest';

async function scanAll<T extends StoreTable>(store: LoomworksStore, table: T): Promise<StoreRecordOf[T][]> {
  const records: StoreRecordOf[T][] = [];
  let after: string | null = null;
  do {
    const page: { records: StoreRecordOf[T][]; next: string | null } = await store.scan(table, { after, limit: 500 });
    records.push(...page.records);
    after = page.next;
  } while (after !== null);
  return records;
}

export type OpenSession = { id: string; turns: number };

export type CreationsCheck = {
  engagements: EngagementRecord[];
  openSessions: OpenSession[];
  events: number;
};

/**
 * Asserts that every engagement is whole — active, Seed version 1, one document, the full event set
 * (created, uploaded, extracted, inducted, activated, one assertion per Field 6 entry) all queued for
 * anchoring, founded by a committed session — that every chain verifies, that names are unique, and that
 * every session is either committed with its engagement or still open with none.
 */
export async function checkCreations(store: LoomworksStore): Promise<CreationsCheck> {
  const verified = await verifyMemory(store);
  expect(verified, 'verifyMemory').toMatchObject({ ok: true });

  const engagements = await scanAll(store, 'engagements');
  const sessions = new Map((await scanAll(store, 'sessions')).map((session): [string, CreationSessionRecord] => [session.id, session]));
  const outbox = new Map<string, OutboxEntry>((await scanAll(store, 'outbox')).map((entry) => [entry.eventId, entry]));
  let events = 0;

  for (const engagement of engagements) {
    const label = `engagement ${engagement.id} (${engagement.name})`;
    expect(engagement, label).toMatchObject({ status: 'active', seedVersion: 1 });
    const version = await store.getSeedVersion(engagement.id, 1);
    expect(version, `${label}: Seed version 1`).not.toBeNull();
    const assertions = version?.seed.additionalAssertions?.length ?? 0;
    const chain: MemoryEvent[] = await store.listEvents(engagement.id);
    expect(
      chain.map((event) => event.type),
      `${label}: its events`
    ).toEqual([
      'engagement_created',
      'discovery_record_uploaded',
      'discovery_to_seed_extracted',
      'seed_inducted',
      'engagement_activated',
      ...Array.from({ length: assertions }, () => 'assertion_committed'),
    ]);
    expect(
      chain.filter((event) => !outbox.has(event.id)).map((event) => event.type),
      `${label}: events missing from the anchor outbox`
    ).toEqual([]);
    expect(await store.listDocuments(engagement.id), `${label}: its documents`).toHaveLength(1);
    const session = engagement.sessionId === null ? undefined : sessions.get(engagement.sessionId);
    expect(session, `${label}: its session`).toMatchObject({ status: 'committed', engagementId: engagement.id });
    events += chain.length;
  }

  const names = engagements.map((engagement) => engagement.name);
  expect(names.length - new Set(names).size, 'engagements sharing a name').toBe(0);

  const founders = new Map(engagements.map((engagement) => [engagement.sessionId, engagement]));
  const openSessions: OpenSession[] = [];
  for (const session of sessions.values()) {
    if (session.status === 'committed') {
      expect(founders.get(session.id)?.id, `session ${session.id}: committed, so its engagement exists`).toBe(session.engagementId);
    } else {
      expect(session, `session ${session.id}`).toMatchObject({ status: 'open', engagementId: null });
      expect(founders.has(session.id), `open session ${session.id} has no engagement`).toBe(false);
      openSessions.push({ id: session.id, turns: (await store.listTurns(session.id)).length });
    }
  }
  return { engagements, openSessions, events };
}
