// Appends events to an engagement's Memory: chains them to the head and queues anchoring in the same store operations.
import { LoomworksError } from '../errors';
import { createUlidGenerator, isoNow, systemClock, type Clock, type IdGenerator } from '../runtime';
import type { JsonValue, MemoryEvent, OutboxEntry, StoreOperations } from '../store';
import { canonicalJson } from './canonical-json';
import { ANCHOR_PRIORITY, GENESIS_HASH, isAnchored, isMemoryEventType, type MemoryEventType } from './event-types';
import { hashEvent } from './hash-event';

export type MemoryEventDraft = { type: MemoryEventType; actor: MemoryEvent['actor']; payload: JsonValue };

export type AppendMemoryEventsRuntime = { clock?: Clock; ids?: IdGenerator };

const defaultIds = createUlidGenerator();

/**
 * Chains `drafts` onto the engagement's Memory (consecutive `seq`s after the head, each `prevHash` the
 * hash before it) and, through the same `ops`, queues an anchor outbox entry for every event whose
 * priority is `standard` or `high`. Pass the `tx` of a `store.transaction` so the events, the outbox
 * entries and the caller's other writes commit together; an `E_CONFLICT` from the store means another
 * writer appended first, and the caller retries the whole transaction.
 */
export async function appendMemoryEvents(
  ops: StoreOperations,
  engagementId: string,
  drafts: readonly MemoryEventDraft[],
  runtime: AppendMemoryEventsRuntime = {}
): Promise<MemoryEvent[]> {
  if (drafts.length === 0) return [];
  drafts.forEach(assertDraft);
  const clock = runtime.clock ?? systemClock;
  const ids = runtime.ids ?? defaultIds;

  const head = await ops.getMemoryHead(engagementId);
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const events: MemoryEvent[] = [];
  for (const draft of drafts) {
    seq += 1;
    const unhashed: Omit<MemoryEvent, 'hash'> = {
      id: ids.newId(),
      engagementId,
      seq,
      type: draft.type,
      actor: { kind: draft.actor.kind, id: draft.actor.id },
      at: isoNow(clock),
      // A copy, so a caller changing its draft afterwards cannot make the returned event disagree with its hash.
      payload: structuredClone(draft.payload),
      prevHash,
    };
    const event: MemoryEvent = { ...unhashed, hash: hashEvent(unhashed) };
    events.push(event);
    prevHash = event.hash;
  }

  await ops.appendEvents(events);
  const anchors: OutboxEntry[] = events
    .filter((event) => isAnchored(ANCHOR_PRIORITY[event.type as MemoryEventType]))
    .map((event) => ({
      eventId: event.id,
      engagementId,
      seq: event.seq,
      hash: event.hash,
      priority: ANCHOR_PRIORITY[event.type as MemoryEventType],
      enqueuedAt: event.at,
      anchoredAt: null,
      receipt: null,
    }));
  if (anchors.length > 0) await ops.enqueueAnchors(anchors);
  return events;
}

function assertDraft(draft: MemoryEventDraft, index: number): void {
  if (!isMemoryEventType(draft.type)) {
    throw new LoomworksError('E_USAGE', `Unknown Memory event type ${JSON.stringify(draft.type)}`, { details: { index } });
  }
  if (!['person', 'companion', 'system'].includes(draft.actor?.kind) || typeof draft.actor.id !== 'string') {
    throw new LoomworksError('E_USAGE', `Memory event ${index} needs an actor { kind: 'person' | 'companion' | 'system', id }`, { details: { index } });
  }
  try {
    canonicalJson(draft.payload);
  } catch (error) {
    // Checked before anything is written: a payload that cannot be hashed faithfully is bad input, not a store failure.
    throw new LoomworksError('E_INVALID_INPUT', `Memory event ${index} has a payload that is not JSON data`, {
      cause: error,
      details: { index, type: draft.type },
    });
  }
}
