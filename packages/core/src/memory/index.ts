// Memory: the append-only, hash-chained event log of every engagement, and its anchoring (SPEC §7.1).
export { canonicalJson } from './canonical-json';
export { ANCHOR_PRIORITY, EVENT_TYPES, GENESIS_HASH, type MemoryEventType } from './event-types';
export { hashEvent } from './hash-event';
export { appendMemoryEvents, type MemoryEventDraft } from './append-memory-events';
export { verifyMemory, type VerifyMemoryResult } from './verify-memory';
export type { AnchorReceipt, AnchorRequest, AnchorSink } from './anchor-sink';
export { createFileAnchorSink, type FileAnchorSinkOptions } from './file-anchor-sink';
export { drainAnchorOutbox, type DrainAnchorOutboxOptions } from './drain-anchor-outbox';
