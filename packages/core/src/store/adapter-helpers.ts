// What every LoomworksStore does alike besides storing: the argument checks (same code, same message), the opaque
// cursors, and the comparison behind importRecord. The memory store uses them; store adapters import them from core.
import { LoomworksError } from '../errors';
import { STORE_TABLES, type CreationSessionRecord, type EngagementPatch, type EngagementRecord, type MemoryEvent, type StoreTable } from './records';

/** Default and largest page size, per kind of page. */
const PAGE_LIMITS = {
  engagements: { fallback: 50, maximum: 500 },
  scan: { fallback: 100, maximum: Number.MAX_SAFE_INTEGER },
} as const;

function usage(message: string, details: Record<string, unknown>): LoomworksError {
  return new LoomworksError('E_USAGE', message, { details });
}

/** The page size to use: the default when `limit` is absent; E_USAGE when it is not an integer in range. */
export function checkPageLimit(limit: number | undefined, page: keyof typeof PAGE_LIMITS): number {
  const { fallback, maximum } = PAGE_LIMITS[page];
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > maximum) throw usage(`limit must be an integer from 1 to ${maximum}`, { limit });
  return limit;
}

/** The cursor after a record, from its sort key (a listing's or a scan's). */
export function encodeStoreCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The sort key in a cursor, checked against the types it must have; E_USAGE for anything else. */
export function decodeStoreCursor(cursor: string, shape: readonly ('string' | 'number')[]): (string | number)[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (!Array.isArray(key) || key.length !== shape.length || key.some((part, index) => typeof part !== shape[index])) {
    throw usage('The cursor is not one this store handed out', { cursor });
  }
  return key as (string | number)[];
}

/** `table`, once known to be a store table (JavaScript callers can pass anything). */
export function checkStoreTable<T extends StoreTable>(table: T): T {
  if (!(STORE_TABLES as readonly string[]).includes(table)) throw usage(`Unknown store table ${JSON.stringify(table)}`, { table });
  return table;
}

/** The first event of an appendEvents batch (undefined when empty), once the batch is one engagement's consecutive seqs. */
export function checkEventBatch(events: readonly MemoryEvent[]): MemoryEvent | undefined {
  const first = events[0];
  if (first === undefined) return undefined;
  events.forEach((event, index) => {
    if (event.engagementId !== first.engagementId || event.seq !== first.seq + index) {
      throw usage('appendEvents takes events of one engagement with consecutive seqs', { index, engagementId: event.engagementId, seq: event.seq });
    }
  });
  return first;
}

/** E_USAGE unless an updateSession record carries the version after the expected one. */
export function checkSessionVersion(record: CreationSessionRecord, expectedVersion: number): void {
  if (record.version !== expectedVersion + 1) {
    throw usage(`A session update must carry version ${expectedVersion + 1} (expectedVersion + 1)`, {
      id: record.id,
      version: record.version,
      expectedVersion,
    });
  }
}

/** listEvents options with their defaults, once checked. */
export function checkListEventsOptions(options: { afterSeq?: number; limit?: number }): { afterSeq: number; limit: number | undefined } {
  const afterSeq = options.afterSeq ?? 0;
  if (!Number.isInteger(afterSeq)) throw usage('afterSeq must be an integer', { afterSeq });
  const limit = options.limit;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) throw usage('limit must be a non-negative integer', { limit });
  return { afterSeq, limit };
}

/** listPendingAnchors' limit, once checked. */
export function checkPendingAnchorLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw usage('limit must be a positive integer', { limit });
  return limit;
}

/** Structural equality of JSON-like records, treating an `undefined` property as absent (JSON drops it too). */
export function isSameRecord(left: unknown, right: unknown): boolean {
  if (Object.is(left, right)) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => isSameRecord(item, right[index]));
  }
  const leftRecord = left as Record<string, unknown>;
  const rightRecord = right as Record<string, unknown>;
  const leftKeys = Object.keys(leftRecord).filter((key) => leftRecord[key] !== undefined);
  const rightKeys = Object.keys(rightRecord).filter((key) => rightRecord[key] !== undefined);
  return leftKeys.length === rightKeys.length && leftKeys.every((key) => Object.hasOwn(rightRecord, key) && isSameRecord(leftRecord[key], rightRecord[key]));
}

/**
 * The engagement after `patch`. Only the patchable fields are taken: a stray id, operatorId or createdAt in a
 * JavaScript caller's patch is ignored.
 */
export function applyEngagementPatch(current: EngagementRecord, patch: EngagementPatch): EngagementRecord {
  const next: EngagementRecord = { ...current, updatedAt: patch.updatedAt };
  if (patch.name !== undefined) next.name = patch.name;
  if (patch.nameKey !== undefined) next.nameKey = patch.nameKey;
  if (patch.status !== undefined) next.status = patch.status;
  if (patch.inductionStatus !== undefined) next.inductionStatus = patch.inductionStatus;
  if (patch.seedVersion !== undefined) next.seedVersion = patch.seedVersion;
  return next;
}
