// The Memory hash: sha256 over the canonical JSON of an event without its own hash (SPEC §7.1).
import { sha256Hex } from '../runtime';
import type { MemoryEvent } from '../store';
import { canonicalJson } from './canonical-json';

/**
 * sha256 (hex) of the RFC 8785 canonical JSON of the event's fields other than `hash`. A full event may
 * be passed: its `hash` (and any property that is not an event field) is left out, so a stored event can
 * be re-hashed as it is.
 */
export function hashEvent(event: Omit<MemoryEvent, 'hash'>): string {
  const hashed: Omit<MemoryEvent, 'hash'> = {
    id: event.id,
    engagementId: event.engagementId,
    seq: event.seq,
    type: event.type,
    actor: event.actor,
    at: event.at,
    payload: event.payload,
    prevHash: event.prevHash,
  };
  return sha256Hex(canonicalJson(hashed));
}
