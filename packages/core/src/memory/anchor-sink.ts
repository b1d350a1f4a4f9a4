// The anchor seam: an AnchorSink records event hashes somewhere outside the store (a file, a timestamping service).
import type { AnchorPriority, JsonValue } from '../store';

export type AnchorRequest = { eventId: string; engagementId: string; seq: number; hash: string; priority: AnchorPriority };

/** Proof that one event was anchored; `receipt` is whatever the sink can later show (opaque to Loomworks). */
export type AnchorReceipt = { eventId: string; anchoredAt: string; receipt: JsonValue };

export interface AnchorSink {
  /** Names the sink in errors and logs, e.g. `file:/var/lib/loomworks/anchors.jsonl`. */
  readonly id: string;
  /** Anchors a batch and resolves to one receipt per anchored request; a rejection means nothing in the batch counts as anchored. */
  anchor(batch: readonly AnchorRequest[]): Promise<AnchorReceipt[]>;
}
