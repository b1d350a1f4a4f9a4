// The Memory event vocabulary (SPEC §7.1) and which events are queued for external anchoring.
import type { AnchorPriority } from '../store';

export const EVENT_TYPES = [
  'engagement_created',
  'discovery_record_uploaded',
  'discovery_to_seed_extracted',
  'seed_committed_from_brief',
  'seed_inducted',
  'seed_amended',
  'engagement_activated',
  'assertion_committed',
] as const;

export type MemoryEventType = (typeof EVENT_TYPES)[number];

/** How urgently each event type is anchored; `standard` and `high` events go to the anchor outbox. */
export const ANCHOR_PRIORITY: Readonly<Record<MemoryEventType, AnchorPriority>> = Object.freeze({
  engagement_created: 'standard',
  discovery_record_uploaded: 'standard',
  discovery_to_seed_extracted: 'standard',
  seed_committed_from_brief: 'standard',
  seed_inducted: 'standard',
  seed_amended: 'standard',
  engagement_activated: 'high',
  assertion_committed: 'standard',
});

/** `prevHash` of every chain's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export function isMemoryEventType(value: unknown): value is MemoryEventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}

/** Whether an event of this priority is queued in the anchor outbox. */
export function isAnchored(priority: AnchorPriority): boolean {
  return priority === 'standard' || priority === 'high';
}
