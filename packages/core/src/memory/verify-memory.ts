// Recomputes Memory hash chains from the store and names the first event that does not verify.
import { LoomworksError } from '../errors';
import type { MemoryEvent, StoreOperations } from '../store';
import { GENESIS_HASH } from './event-types';
import { hashEvent } from './hash-event';

export type VerifyMemoryResult =
  | { ok: true; engagements: number; events: number }
  | { ok: false; engagementId: string; seq: number; reason: VerifyMemoryFailureReason };

/**
 * Why a chain broke, at the reported `seq`:
 * - `seq-gap`: the event with this seq is missing (deleted, or the chain does not start at 1);
 * - `wrong-engagement`: the store returned another engagement's event in this chain;
 * - `genesis`: the first event's `prevHash` is not 64 zeros;
 * - `prev-hash-mismatch`: `prevHash` is not the previous event's hash (events reordered, replaced or inserted);
 * - `hash-mismatch`: the stored `hash` is not the hash of the event's content (content or hash altered).
 */
export type VerifyMemoryFailureReason = 'seq-gap' | 'wrong-engagement' | 'genesis' | 'prev-hash-mismatch' | 'hash-mismatch';

/** Events read per store call, so a long chain never has to fit in memory at once. */
const EVENT_PAGE_SIZE = 500;
const ENGAGEMENT_PAGE_SIZE = 500;

type ChainResult = { ok: true; events: number } | { ok: false; engagementId: string; seq: number; reason: VerifyMemoryFailureReason };

/**
 * Verifies the chain of one engagement, or of every engagement in the store. Resolves to the counts
 * verified, or to the first broken `seq` (lowest seq of the first broken engagement) with a reason.
 * An unknown engagement id with no events rejects with `E_NOT_FOUND`.
 *
 * A chain alone cannot reveal that its newest events were removed; the anchor receipts can.
 */
export async function verifyMemory(store: StoreOperations, engagementId?: string): Promise<VerifyMemoryResult> {
  if (engagementId !== undefined) {
    const result = await verifyChain(store, engagementId);
    if (!result.ok) return result;
    if (result.events === 0 && (await store.getEngagement(engagementId)) === null) {
      throw new LoomworksError('E_NOT_FOUND', `No engagement ${engagementId}`, { details: { engagementId } });
    }
    return { ok: true, engagements: 1, events: result.events };
  }

  let engagements = 0;
  let events = 0;
  let after: string | null = null;
  do {
    const page: { records: { id: string }[]; next: string | null } = await store.scan('engagements', { after, limit: ENGAGEMENT_PAGE_SIZE });
    for (const engagement of page.records) {
      const result = await verifyChain(store, engagement.id);
      if (!result.ok) return result;
      engagements += 1;
      events += result.events;
    }
    after = page.next;
  } while (after !== null);
  return { ok: true, engagements, events };
}

async function verifyChain(store: StoreOperations, engagementId: string): Promise<ChainResult> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (;;) {
    const page = await store.listEvents(engagementId, { afterSeq: expectedSeq - 1, limit: EVENT_PAGE_SIZE });
    for (const event of page) {
      const reason = checkEvent(event, engagementId, expectedSeq, prevHash);
      if (reason !== null) return { ok: false, engagementId, seq: expectedSeq, reason };
      prevHash = event.hash;
      expectedSeq += 1;
    }
    if (page.length < EVENT_PAGE_SIZE) return { ok: true, events: expectedSeq - 1 };
  }
}

function checkEvent(event: MemoryEvent, engagementId: string, expectedSeq: number, prevHash: string): VerifyMemoryFailureReason | null {
  if (event.seq !== expectedSeq) return 'seq-gap';
  if (event.engagementId !== engagementId) return 'wrong-engagement';
  if (event.prevHash !== prevHash) return expectedSeq === 1 ? 'genesis' : 'prev-hash-mismatch';
  let hash: string;
  try {
    hash = hashEvent(event);
  } catch {
    // Content that cannot be canonicalised cannot match any hash written by appendMemoryEvents.
    return 'hash-mismatch';
  }
  return hash === event.hash ? null : 'hash-mismatch';
}
