// Moves pending anchor outbox entries through an AnchorSink and records the receipts (at-least-once).
import { LoomworksError } from '../errors';
import { isoNow, systemClock, type Clock } from '../runtime';
import type { LoomworksStore } from '../store';
import type { AnchorReceipt, AnchorRequest, AnchorSink } from './anchor-sink';

export type DrainAnchorOutboxOptions = {
  /** Entries per sink call: 1–500, default 100. */
  batchSize?: number;
  /** Stop after this many entries (default: until the outbox is empty). */
  limit?: number;
  /** Stamps receipts whose sink gave no usable `anchoredAt`. */
  clock?: Clock;
};

export type DrainAnchorOutboxResult = { anchored: number; batches: number };

const DEFAULT_BATCH_SIZE = 100;
const MAX_BATCH_SIZE = 500;

/**
 * Anchors pending outbox entries, `high` priority first, in batches. Each batch's receipts are stored
 * only after the sink resolves, so a sink failure (rejected with `E_ANCHOR`, the sink's error as `cause`)
 * leaves the batch pending for the next drain. A receipt for an event outside the batch is refused the
 * same way. If the process dies between the sink call and storing the receipts, the batch is anchored
 * again next time: sinks see each event at least once.
 */
export async function drainAnchorOutbox(store: LoomworksStore, sink: AnchorSink, options: DrainAnchorOutboxOptions = {}): Promise<DrainAnchorOutboxResult> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw new LoomworksError('E_USAGE', `batchSize must be an integer from 1 to ${MAX_BATCH_SIZE}`, { details: { batchSize } });
  }
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  if (!(limit === Number.POSITIVE_INFINITY || (Number.isInteger(limit) && limit >= 0))) {
    throw new LoomworksError('E_USAGE', 'limit must be a non-negative integer', { details: { limit } });
  }
  const clock = options.clock ?? systemClock;

  let anchored = 0;
  let batches = 0;
  while (anchored < limit) {
    const pending = await store.listPendingAnchors(Math.min(batchSize, limit - anchored));
    if (pending.length === 0) break;
    const requests: AnchorRequest[] = pending.map((entry) => ({
      eventId: entry.eventId,
      engagementId: entry.engagementId,
      seq: entry.seq,
      hash: entry.hash,
      priority: entry.priority,
    }));

    let receipts: AnchorReceipt[];
    try {
      receipts = await sink.anchor(requests);
    } catch (error) {
      throw new LoomworksError('E_ANCHOR', `Anchor sink ${sink.id} failed; ${requests.length} events stay pending`, {
        cause: error,
        details: { sink: sink.id, anchored, pending: requests.length },
      });
    }
    const accepted = checkReceipts(sink, requests, receipts, clock);
    await store.markAnchored(accepted);
    anchored += accepted.length;
    batches += 1;

    if (accepted.length < requests.length) {
      // Asking again would hand the sink the same entries forever; report the shortfall instead.
      const receiptIds = new Set(accepted.map((receipt) => receipt.eventId));
      const missing = requests.filter((request) => !receiptIds.has(request.eventId)).map((request) => request.eventId);
      throw new LoomworksError('E_ANCHOR', `Anchor sink ${sink.id} returned no receipt for ${missing.length} events; they stay pending`, {
        details: { sink: sink.id, anchored, missing },
      });
    }
  }
  return { anchored, batches };
}

function checkReceipts(sink: AnchorSink, requests: readonly AnchorRequest[], receipts: unknown, clock: Clock): AnchorReceipt[] {
  if (!Array.isArray(receipts)) {
    throw new LoomworksError('E_ANCHOR', `Anchor sink ${sink.id} did not return a list of receipts`, { details: { sink: sink.id } });
  }
  const requested = new Set(requests.map((request) => request.eventId));
  const seen = new Set<string>();
  const accepted: AnchorReceipt[] = [];
  for (const receipt of receipts as AnchorReceipt[]) {
    const eventId = receipt?.eventId;
    if (typeof eventId !== 'string' || !requested.has(eventId) || seen.has(eventId)) {
      // A receipt the batch did not ask for proves nothing about our events; store none of the batch.
      throw new LoomworksError('E_ANCHOR', `Anchor sink ${sink.id} returned a receipt for an event it was not asked to anchor`, {
        details: { sink: sink.id, eventId: String(eventId) },
      });
    }
    seen.add(eventId);
    const anchoredAt = typeof receipt.anchoredAt === 'string' && !Number.isNaN(Date.parse(receipt.anchoredAt)) ? receipt.anchoredAt : isoNow(clock);
    accepted.push({ eventId, anchoredAt, receipt: receipt.receipt ?? null });
  }
  return accepted;
}
