// An in-memory LoomworksStore for tests and embedding, with the same semantics as the durable stores.
// Calls are serialised by an async mutex; a transaction keeps an undo log and replays it backwards on rejection.
import { LoomworksError } from '../errors';
import {
  applyEngagementPatch,
  checkEventBatch,
  checkListEventsOptions,
  checkPageLimit,
  checkPendingAnchorLimit,
  checkSessionVersion,
  checkStoreTable,
  decodeStoreCursor,
  encodeStoreCursor,
  isSameRecord,
} from './adapter-helpers';
import { StoreMutex, TransactionScope, createTransactionScopes, storeClosedError } from './transaction-scopes';
import {
  type AuthSessionRecord,
  type ChallengeRecord,
  type CreationSessionRecord,
  type CredentialRecord,
  type DocumentRecord,
  type EngagementPatch,
  type EngagementRecord,
  type JsonValue,
  type MemoryEvent,
  type OutboxEntry,
  type PersonRecord,
  type RecoveryCodeRecord,
  type SeedVersionRecord,
  type StoreRecordOf,
  type StoreTable,
  type TurnRecord,
} from './records';
import type {
  CounterUpdate,
  DeleteCredentialOutcome,
  ImportOutcome,
  ListEngagementsOptions,
  LoomworksStore,
  Page,
  ScanOptions,
  StoreOperations,
} from './store';

/** No options yet; the type leaves room for an injectable clock. */
export type MemoryStoreOptions = Record<string, never>;

const ANCHOR_PRIORITY_RANK = { high: 0, standard: 1, low: 2 } as const;

// ── Undo log ────────────────────────────────────────────────────────────────────────────────

type Undo = () => void;

class Journal {
  private readonly undos: Undo[] = [];

  record(undo: Undo): void {
    this.undos.push(undo);
  }

  /** Moves this journal's entries onto `parent`, so they are undone if the parent rolls back. */
  mergeInto(parent: Journal): void {
    for (const undo of this.undos) parent.record(undo);
    this.undos.length = 0;
  }

  rollback(): void {
    while (this.undos.length > 0) this.undos.pop()?.();
  }
}

// ── Tables ──────────────────────────────────────────────────────────────────────────────────

function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** A secondary index: group value → primary keys. */
class GroupIndex<R> {
  private readonly groups = new Map<string, Set<string>>();

  constructor(private readonly groupOf: (record: R) => string | null) {}

  add(record: R, key: string): void {
    const group = this.groupOf(record);
    if (group === null) return;
    let keys = this.groups.get(group);
    if (!keys) this.groups.set(group, (keys = new Set()));
    keys.add(key);
  }

  remove(record: R, key: string): void {
    const group = this.groupOf(record);
    if (group === null) return;
    const keys = this.groups.get(group);
    keys?.delete(key);
    if (keys?.size === 0) this.groups.delete(group);
  }

  keys(group: string): readonly string[] {
    return [...(this.groups.get(group) ?? [])];
  }
}

/** Records under a single string key (persons, engagements, documents, the outbox …). */
class KeyedTable<R> {
  private readonly rows = new Map<string, R>();
  private sortedKeys: string[] | null = null;

  constructor(readonly keyOf: (record: R) => string, private readonly indexes: readonly GroupIndex<R>[] = []) {}

  get(key: string): R | undefined {
    return this.rows.get(key);
  }

  put(record: R, journal: Journal): void {
    const key = this.keyOf(record);
    const previous = this.rows.get(key);
    this.write(key, previous, record);
    journal.record(() => this.write(key, record, previous));
  }

  remove(key: string, journal: Journal): void {
    const previous = this.rows.get(key);
    if (previous === undefined) return;
    this.write(key, previous, undefined);
    journal.record(() => this.write(key, undefined, previous));
  }

  /** Records after the cursor key, in key order. */
  page(afterKey: string | null, limit: number): { records: R[]; lastKey: string | null; more: boolean } {
    this.sortedKeys ??= [...this.rows.keys()].sort(compareText);
    const keys = this.sortedKeys;
    let start = afterKey === null ? 0 : lowerBound(keys.length, (index) => compareText(keys[index] ?? '', afterKey) <= 0);
    const records: R[] = [];
    let lastKey: string | null = null;
    for (; start < keys.length && records.length < limit; start += 1) {
      const key = keys[start] ?? '';
      records.push(this.rows.get(key) as R);
      lastKey = key;
    }
    return { records, lastKey, more: start < keys.length };
  }

  private write(key: string, from: R | undefined, to: R | undefined): void {
    if (from !== undefined) for (const index of this.indexes) index.remove(from, key);
    if (to !== undefined) for (const index of this.indexes) index.add(to, key);
    if (to === undefined) this.rows.delete(key);
    else this.rows.set(key, to);
    if ((from === undefined) !== (to === undefined)) this.sortedKeys = null;
  }
}

/** Records numbered within a parent (turns by index, seed versions by version, events by seq), kept sorted. */
class SequenceTable<R> {
  private readonly groups = new Map<string, R[]>();
  private sortedGroups: string[] | null = null;

  constructor(private readonly groupOf: (record: R) => string, private readonly positionOf: (record: R) => number) {}

  list(group: string): readonly R[] {
    return this.groups.get(group) ?? [];
  }

  last(group: string): R | undefined {
    const records = this.groups.get(group);
    return records?.[records.length - 1];
  }

  get(group: string, position: number): R | undefined {
    const records = this.list(group);
    const index = this.indexAfter(records, position - 1);
    const record = records[index];
    return record !== undefined && this.positionOf(record) === position ? record : undefined;
  }

  /** Records of a group with a position greater than `position`. */
  after(group: string, position: number): readonly R[] {
    const records = this.list(group);
    return records.slice(this.indexAfter(records, position));
  }

  insert(record: R, journal: Journal): void {
    const group = this.groupOf(record);
    const position = this.positionOf(record);
    let records = this.groups.get(group);
    if (!records) {
      this.groups.set(group, (records = []));
      this.sortedGroups = null;
    }
    records.splice(this.indexAfter(records, position - 1), 0, record);
    journal.record(() => {
      const current = this.groups.get(group) ?? [];
      const index = this.indexAfter(current, position - 1);
      current.splice(index, 1);
      if (current.length === 0) {
        this.groups.delete(group);
        this.sortedGroups = null;
      }
    });
  }

  /** Records after the cursor `[group, position]`, in (group, position) order. */
  page(after: readonly [string, number] | null, limit: number): { records: R[]; lastKey: [string, number] | null; more: boolean } {
    this.sortedGroups ??= [...this.groups.keys()].sort(compareText);
    const groups = this.sortedGroups;
    const records: R[] = [];
    let groupIndex = after === null ? 0 : lowerBound(groups.length, (index) => compareText(groups[index] ?? '', after[0]) < 0);
    let lastKey: [string, number] | null = null;
    for (; groupIndex < groups.length; groupIndex += 1) {
      const group = groups[groupIndex] ?? '';
      const members = this.groups.get(group) ?? [];
      let start = after !== null && group === after[0] ? this.indexAfter(members, after[1]) : 0;
      for (; start < members.length; start += 1) {
        if (records.length === limit) return { records, lastKey, more: true };
        const record = members[start] as R;
        records.push(record);
        lastKey = [group, this.positionOf(record)];
      }
    }
    return { records, lastKey, more: false };
  }

  /** Index of the first record whose position is greater than `position`. */
  private indexAfter(records: readonly R[], position: number): number {
    return lowerBound(records.length, (index) => this.positionOf(records[index] as R) <= position);
  }
}

/** The first index in [0, length) for which `isBefore` is false (`isBefore` must be monotone). */
function lowerBound(length: number, isBefore: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isBefore(middle)) low = middle + 1;
    else high = middle;
  }
  return low;
}

// ── Helpers ─────────────────────────────────────────────────────────────────────────────────

function copy<T>(value: T): T {
  return structuredClone(value);
}

function conflict(message: string, details: Record<string, unknown>): LoomworksError {
  return new LoomworksError('E_CONFLICT', message, { details });
}

function notFound(message: string, details: Record<string, unknown>): LoomworksError {
  return new LoomworksError('E_NOT_FOUND', message, { details });
}

function usage(message: string, details: Record<string, unknown> = {}): LoomworksError {
  return new LoomworksError('E_USAGE', message, { details });
}

function byCreatedThenId(left: { createdAt: string; id: string }, right: { createdAt: string; id: string }): number {
  return compareText(left.createdAt, right.createdAt) || compareText(left.id, right.id);
}

// ── State ───────────────────────────────────────────────────────────────────────────────────

/** Every table, with synchronous operations; the store wraps them in the mutex and the undo log. */
class MemoryState {
  private readonly personsByUserHandle = new GroupIndex<PersonRecord>((person) => person.userHandle);
  private readonly personsByEmail = new GroupIndex<PersonRecord>((person) => person.email);
  private readonly credentialsByPerson = new GroupIndex<CredentialRecord>((credential) => credential.personId);
  private readonly engagementsByOperator = new GroupIndex<EngagementRecord>((engagement) => engagement.operatorId);
  private readonly documentsByEngagement = new GroupIndex<DocumentRecord>((document) => document.engagementId);
  private readonly eventIds = new Set<string>();
  private readonly pendingAnchors = new GroupIndex<OutboxEntry>((entry) => (entry.anchoredAt === null ? 'pending' : null));

  readonly persons = new KeyedTable<PersonRecord>((record) => record.id, [this.personsByUserHandle, this.personsByEmail]);
  readonly credentials = new KeyedTable<CredentialRecord>((record) => record.id, [this.credentialsByPerson]);
  readonly challenges = new KeyedTable<ChallengeRecord>((record) => record.flowId);
  readonly authSessions = new KeyedTable<AuthSessionRecord>((record) => record.tokenHash);
  readonly recoveryCodes = new KeyedTable<RecoveryCodeRecord>((record) => record.codeHash);
  readonly engagements = new KeyedTable<EngagementRecord>((record) => record.id, [this.engagementsByOperator]);
  readonly sessions = new KeyedTable<CreationSessionRecord>((record) => record.id);
  readonly turns = new SequenceTable<TurnRecord>(
    (record) => record.sessionId,
    (record) => record.index
  );
  readonly documents = new KeyedTable<DocumentRecord>((record) => record.id, [this.documentsByEngagement]);
  readonly seedVersions = new SequenceTable<SeedVersionRecord>(
    (record) => record.engagementId,
    (record) => record.version
  );
  readonly events = new SequenceTable<MemoryEvent>(
    (record) => record.engagementId,
    (record) => record.seq
  );
  readonly outbox = new KeyedTable<OutboxEntry>((record) => record.eventId, [this.pendingAnchors]);

  // Engagements

  insertEngagement(record: EngagementRecord, journal: Journal): void {
    if (this.engagements.get(record.id)) throw conflict(`Engagement ${record.id} already exists`, { table: 'engagements', id: record.id });
    this.engagements.put(copy(record), journal);
  }

  updateEngagement(id: string, patch: EngagementPatch, journal: Journal): EngagementRecord {
    const current = this.engagements.get(id);
    if (!current) throw notFound(`No engagement ${id}`, { table: 'engagements', id });
    const next = applyEngagementPatch(current, patch);
    this.engagements.put(next, journal);
    return copy(next);
  }

  getEngagement(id: string): EngagementRecord | null {
    const record = this.engagements.get(id);
    return record ? copy(record) : null;
  }

  listEngagements(options: ListEngagementsOptions): Page<EngagementRecord> {
    const limit = checkPageLimit(options.limit, 'engagements');
    let after: [string, string] | null = null;
    if (options.cursor !== undefined && options.cursor !== null) after = decodeStoreCursor(options.cursor, ['string', 'string']) as [string, string];
    const newestFirst = this.engagementsByOperator
      .keys(options.operatorId)
      .map((id) => this.engagements.get(id) as EngagementRecord)
      .filter(
        (record) => after === null || compareText(record.createdAt, after[0]) < 0 || (record.createdAt === after[0] && compareText(record.id, after[1]) < 0)
      )
      .sort((left, right) => byCreatedThenId(right, left));
    const items = newestFirst.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor = newestFirst.length > limit && last ? encodeStoreCursor([last.createdAt, last.id]) : null;
    return { items: items.map(copy), nextCursor };
  }

  findEngagementsByNameKey(operatorId: string, nameKey: string): EngagementRecord[] {
    return this.engagementsByOperator
      .keys(operatorId)
      .map((id) => this.engagements.get(id) as EngagementRecord)
      .filter((record) => record.nameKey === nameKey)
      .sort(byCreatedThenId)
      .map(copy);
  }

  // Creation sessions and turns

  insertSession(record: CreationSessionRecord, journal: Journal): void {
    if (this.sessions.get(record.id)) throw conflict(`Session ${record.id} already exists`, { table: 'sessions', id: record.id });
    this.sessions.put(copy(record), journal);
  }

  getSession(id: string): CreationSessionRecord | null {
    const record = this.sessions.get(id);
    return record ? copy(record) : null;
  }

  updateSession(record: CreationSessionRecord, expectedVersion: number, journal: Journal): void {
    checkSessionVersion(record, expectedVersion);
    const current = this.sessions.get(record.id);
    if (!current) throw notFound(`No session ${record.id}`, { table: 'sessions', id: record.id });
    if (current.version !== expectedVersion) {
      throw conflict(`Session ${record.id} is at version ${current.version}, not ${expectedVersion}`, {
        table: 'sessions',
        id: record.id,
        version: current.version,
        expectedVersion,
      });
    }
    this.sessions.put(copy(record), journal);
  }

  appendTurn(turn: TurnRecord, journal: Journal): void {
    this.requireParent('sessions', turn.sessionId);
    const next = (this.turns.last(turn.sessionId)?.index ?? 0) + 1;
    if (turn.index !== next)
      throw conflict(`Turn ${turn.index} of session ${turn.sessionId} is not the next one (${next})`, {
        table: 'turns',
        sessionId: turn.sessionId,
        index: turn.index,
        expected: next,
      });
    this.turns.insert(copy(turn), journal);
  }

  listTurns(sessionId: string): TurnRecord[] {
    return this.turns.list(sessionId).map(copy);
  }

  // Documents and Seed versions

  insertDocument(record: DocumentRecord, journal: Journal): void {
    if (this.documents.get(record.id)) throw conflict(`Document ${record.id} already exists`, { table: 'documents', id: record.id });
    this.requireParent('engagements', record.engagementId);
    this.documents.put(copy(record), journal);
  }

  getDocument(id: string): DocumentRecord | null {
    const record = this.documents.get(id);
    return record ? copy(record) : null;
  }

  listDocuments(engagementId: string): DocumentRecord[] {
    return this.documentsByEngagement
      .keys(engagementId)
      .map((id) => this.documents.get(id) as DocumentRecord)
      .sort(byCreatedThenId)
      .map(copy);
  }

  insertSeedVersion(record: SeedVersionRecord, journal: Journal): void {
    this.requireParent('engagements', record.engagementId);
    const next = (this.seedVersions.last(record.engagementId)?.version ?? 0) + 1;
    if (record.version !== next) {
      throw conflict(`Seed version ${record.version} of engagement ${record.engagementId} is not the next one (${next})`, {
        table: 'seedVersions',
        engagementId: record.engagementId,
        version: record.version,
        expected: next,
      });
    }
    this.seedVersions.insert(copy(record), journal);
  }

  getSeedVersion(engagementId: string, version?: number): SeedVersionRecord | null {
    const record = version === undefined ? this.seedVersions.last(engagementId) : this.seedVersions.get(engagementId, version);
    return record ? copy(record) : null;
  }

  listSeedVersions(engagementId: string): SeedVersionRecord[] {
    return this.seedVersions.list(engagementId).map(copy);
  }

  // Memory

  appendEvents(events: readonly MemoryEvent[], journal: Journal): void {
    const first = checkEventBatch(events);
    if (first === undefined) return;
    this.requireParent('engagements', first.engagementId);
    const next = (this.events.last(first.engagementId)?.seq ?? 0) + 1;
    if (first.seq !== next) {
      throw conflict(`Event seq ${first.seq} of engagement ${first.engagementId} is not the next one (${next})`, {
        table: 'events',
        engagementId: first.engagementId,
        seq: first.seq,
        expected: next,
      });
    }
    const ids = new Set<string>();
    for (const event of events) {
      if (this.eventIds.has(event.id) || ids.has(event.id)) throw conflict(`Event ${event.id} already exists`, { table: 'events', id: event.id });
      ids.add(event.id);
    }
    for (const event of events) this.insertEvent(copy(event), journal);
  }

  getMemoryHead(engagementId: string): { seq: number; hash: string } | null {
    const last = this.events.last(engagementId);
    return last ? { seq: last.seq, hash: last.hash } : null;
  }

  listEvents(engagementId: string, options: { afterSeq?: number; limit?: number } = {}): MemoryEvent[] {
    const { afterSeq, limit } = checkListEventsOptions(options);
    const events = this.events.after(engagementId, afterSeq);
    return (limit === undefined ? events : events.slice(0, limit)).map(copy);
  }

  // Anchor outbox

  enqueueAnchors(entries: readonly OutboxEntry[], journal: Journal): void {
    const ids = new Set<string>();
    for (const entry of entries) {
      if (!this.eventIds.has(entry.eventId)) throw notFound(`No event ${entry.eventId} to anchor`, { table: 'outbox', eventId: entry.eventId });
      if (this.outbox.get(entry.eventId) || ids.has(entry.eventId))
        throw conflict(`Event ${entry.eventId} is already in the anchor outbox`, { table: 'outbox', eventId: entry.eventId });
      ids.add(entry.eventId);
    }
    for (const entry of entries) this.outbox.put(copy(entry), journal);
  }

  listPendingAnchors(limit: number): OutboxEntry[] {
    checkPendingAnchorLimit(limit);
    return this.pendingAnchors
      .keys('pending')
      .map((eventId) => this.outbox.get(eventId) as OutboxEntry)
      .sort(
        (left, right) =>
          ANCHOR_PRIORITY_RANK[left.priority] - ANCHOR_PRIORITY_RANK[right.priority] ||
          compareText(left.enqueuedAt, right.enqueuedAt) ||
          compareText(left.engagementId, right.engagementId) ||
          left.seq - right.seq
      )
      .slice(0, limit)
      .map(copy);
  }

  markAnchored(receipts: readonly { eventId: string; anchoredAt: string; receipt: JsonValue }[], journal: Journal): void {
    for (const receipt of receipts) {
      if (!this.outbox.get(receipt.eventId))
        throw notFound(`Event ${receipt.eventId} is not in the anchor outbox`, { table: 'outbox', eventId: receipt.eventId });
    }
    for (const receipt of receipts) {
      const entry = this.outbox.get(receipt.eventId) as OutboxEntry;
      // The first receipt stands: anchoring is at-least-once, and a later duplicate must not rewrite it.
      if (entry.anchoredAt !== null) continue;
      this.outbox.put({ ...entry, anchoredAt: receipt.anchoredAt, receipt: copy(receipt.receipt) }, journal);
    }
  }

  // Auth

  insertPerson(record: PersonRecord, journal: Journal): void {
    if (this.persons.get(record.id)) throw conflict(`Person ${record.id} already exists`, { table: 'persons', id: record.id });
    if (this.personsByUserHandle.keys(record.userHandle).length > 0) throw conflict('A person with that user handle already exists', { table: 'persons' });
    this.persons.put(copy(record), journal);
  }

  getPerson(id: string): PersonRecord | null {
    const record = this.persons.get(id);
    return record ? copy(record) : null;
  }

  getPersonByUserHandle(userHandle: string): PersonRecord | null {
    const [id] = this.personsByUserHandle.keys(userHandle);
    return id === undefined ? null : this.getPerson(id);
  }

  insertCredential(record: CredentialRecord, journal: Journal): void {
    if (this.credentials.get(record.id)) throw conflict('That credential is already registered', { table: 'credentials', id: record.id });
    this.requireParent('persons', record.personId);
    this.credentials.put(copy(record), journal);
  }

  getCredential(id: string): CredentialRecord | null {
    const record = this.credentials.get(id);
    return record ? copy(record) : null;
  }

  listCredentials(personId: string): CredentialRecord[] {
    return this.credentialsByPerson
      .keys(personId)
      .map((id) => this.credentials.get(id) as CredentialRecord)
      .sort(byCreatedThenId)
      .map(copy);
  }

  findCredentialIdsByEmailHint(email: string): string[] {
    return this.personsByEmail
      .keys(email)
      .flatMap((personId) => this.credentialsByPerson.keys(personId))
      .sort(compareText);
  }

  updateCredentialCounter(id: string, update: CounterUpdate, journal: Journal): boolean {
    const current = this.credentials.get(id);
    if (!current) throw notFound('No credential with that id', { table: 'credentials', id });
    if (current.counter !== update.expectedCounter) return false;
    this.credentials.put({ ...current, counter: update.counter, backedUp: update.backedUp, lastUsedAt: update.lastUsedAt }, journal);
    return true;
  }

  deleteCredential(id: string, journal: Journal): DeleteCredentialOutcome {
    const current = this.credentials.get(id);
    if (!current) return 'missing';
    if (this.credentialsByPerson.keys(current.personId).length <= 1) return 'last';
    this.credentials.remove(id, journal);
    return 'deleted';
  }

  insertChallenge(record: ChallengeRecord, journal: Journal): void {
    if (this.challenges.get(record.flowId)) throw conflict(`Flow ${record.flowId} already has a challenge`, { table: 'challenges', flowId: record.flowId });
    this.challenges.put(copy(record), journal);
  }

  consumeChallenge(flowId: string, journal: Journal): ChallengeRecord | null {
    const record = this.challenges.get(flowId);
    if (!record) return null;
    this.challenges.remove(flowId, journal);
    return copy(record);
  }

  insertAuthSession(record: AuthSessionRecord, journal: Journal): void {
    if (this.authSessions.get(record.tokenHash)) throw conflict('An auth session with that token hash already exists', { table: 'authSessions' });
    this.requireParent('persons', record.personId);
    this.authSessions.put(copy(record), journal);
  }

  getAuthSession(tokenHash: string): AuthSessionRecord | null {
    const record = this.authSessions.get(tokenHash);
    return record ? copy(record) : null;
  }

  revokeAuthSession(tokenHash: string, revokedAt: string, journal: Journal): void {
    const current = this.authSessions.get(tokenHash);
    if (!current) throw notFound('No auth session with that token hash', { table: 'authSessions' });
    // The first revocation time stands.
    if (current.revokedAt !== null) return;
    this.authSessions.put({ ...current, revokedAt }, journal);
  }

  insertRecoveryCodes(records: readonly RecoveryCodeRecord[], journal: Journal): void {
    const hashes = new Set<string>();
    for (const record of records) {
      if (this.recoveryCodes.get(record.codeHash) || hashes.has(record.codeHash))
        throw conflict('A recovery code with that hash already exists', { table: 'recoveryCodes' });
      hashes.add(record.codeHash);
      this.requireParent('persons', record.personId);
    }
    for (const record of records) this.recoveryCodes.put(copy(record), journal);
  }

  consumeRecoveryCode(codeHash: string, usedAt: string, journal: Journal): RecoveryCodeRecord | null {
    const current = this.recoveryCodes.get(codeHash);
    if (!current || current.usedAt !== null) return null;
    const used = { ...current, usedAt };
    this.recoveryCodes.put(used, journal);
    return copy(used);
  }

  // Bulk access

  scan<T extends StoreTable>(table: T, options: ScanOptions = {}): { records: StoreRecordOf[T][]; next: string | null } {
    const limit = checkPageLimit(options.limit, 'scan');
    const after = options.after ?? null;
    const sequence = this.sequenceTable(table);
    if (sequence) {
      const cursor = after === null ? null : (decodeStoreCursor(after, ['string', 'number']) as [string, number]);
      const page = sequence.page(cursor, limit);
      return { records: page.records.map(copy) as StoreRecordOf[T][], next: page.more && page.lastKey ? encodeStoreCursor(page.lastKey) : null };
    }
    const keyed = this.keyedTable(table);
    const cursor = after === null ? null : (decodeStoreCursor(after, ['string'])[0] as string);
    const page = keyed.page(cursor, limit);
    return { records: page.records.map(copy) as StoreRecordOf[T][], next: page.more && page.lastKey !== null ? encodeStoreCursor([page.lastKey]) : null };
  }

  importRecord<T extends StoreTable>(table: T, record: StoreRecordOf[T], journal: Journal): ImportOutcome {
    const existing = this.findByPrimaryKey(table, record);
    if (existing !== undefined) {
      if (isSameRecord(existing, record)) return 'identical';
      throw conflict(`A different ${table} record with the same key is already stored`, { table });
    }
    // Imports keep keys and skip the "next seq" rules (they copy history), but not uniqueness or parents.
    switch (table) {
      case 'persons':
        this.insertPerson(record as PersonRecord, journal);
        break;
      case 'credentials':
        this.insertCredential(record as CredentialRecord, journal);
        break;
      case 'challenges':
        this.insertChallenge(record as ChallengeRecord, journal);
        break;
      case 'authSessions':
        this.insertAuthSession(record as AuthSessionRecord, journal);
        break;
      case 'recoveryCodes':
        this.insertRecoveryCodes([record as RecoveryCodeRecord], journal);
        break;
      case 'engagements':
        this.insertEngagement(record as EngagementRecord, journal);
        break;
      case 'sessions':
        this.insertSession(record as CreationSessionRecord, journal);
        break;
      case 'turns':
        this.requireParent('sessions', (record as TurnRecord).sessionId);
        this.turns.insert(copy(record as TurnRecord), journal);
        break;
      case 'documents':
        this.insertDocument(record as DocumentRecord, journal);
        break;
      case 'seedVersions':
        this.requireParent('engagements', (record as SeedVersionRecord).engagementId);
        this.seedVersions.insert(copy(record as SeedVersionRecord), journal);
        break;
      case 'events': {
        const event = record as MemoryEvent;
        this.requireParent('engagements', event.engagementId);
        if (this.eventIds.has(event.id)) throw conflict(`Event ${event.id} already exists`, { table: 'events', id: event.id });
        this.insertEvent(copy(event), journal);
        break;
      }
      case 'outbox':
        this.enqueueAnchors([record as OutboxEntry], journal);
        break;
    }
    return 'inserted';
  }

  private insertEvent(event: MemoryEvent, journal: Journal): void {
    this.events.insert(event, journal);
    this.eventIds.add(event.id);
    journal.record(() => this.eventIds.delete(event.id));
  }

  private findByPrimaryKey(table: StoreTable, record: unknown): unknown {
    switch (table) {
      case 'turns': {
        const turn = record as TurnRecord;
        return this.turns.get(turn.sessionId, turn.index);
      }
      case 'seedVersions': {
        const version = record as SeedVersionRecord;
        return this.seedVersions.get(version.engagementId, version.version);
      }
      case 'events': {
        const event = record as MemoryEvent;
        return this.events.get(event.engagementId, event.seq);
      }
      default: {
        const keyed = this.keyedTable(table) as KeyedTable<unknown>;
        return keyed.get(keyed.keyOf(record));
      }
    }
  }

  private sequenceTable(table: StoreTable): SequenceTable<unknown> | null {
    if (table === 'turns') return this.turns as SequenceTable<unknown>;
    if (table === 'seedVersions') return this.seedVersions as SequenceTable<unknown>;
    if (table === 'events') return this.events as SequenceTable<unknown>;
    return null;
  }

  private keyedTable(table: StoreTable): KeyedTable<unknown> {
    return this[table as Exclude<StoreTable, 'turns' | 'seedVersions' | 'events'>] as KeyedTable<unknown>;
  }

  private requireParent(table: 'persons' | 'sessions' | 'engagements', id: string): void {
    if (!this[table].get(id)) {
      const noun = { persons: 'person', sessions: 'session', engagements: 'engagement' }[table];
      throw notFound(`No ${noun} ${id}`, { table, id });
    }
  }
}

// ── The store ───────────────────────────────────────────────────────────────────────────────

type Invoke = <T>(method: string, work: (journal: Journal) => T) => Promise<T>;

function bindOperations(state: () => MemoryState, invoke: Invoke): StoreOperations {
  return {
    insertEngagement: (record) => invoke('insertEngagement', (journal) => state().insertEngagement(record, journal)),
    updateEngagement: (id, patch) => invoke('updateEngagement', (journal) => state().updateEngagement(id, patch, journal)),
    getEngagement: (id) => invoke('getEngagement', () => state().getEngagement(id)),
    listEngagements: (options) => invoke('listEngagements', () => state().listEngagements(options)),
    findEngagementsByNameKey: (operatorId, nameKey) => invoke('findEngagementsByNameKey', () => state().findEngagementsByNameKey(operatorId, nameKey)),
    insertSession: (record) => invoke('insertSession', (journal) => state().insertSession(record, journal)),
    getSession: (id) => invoke('getSession', () => state().getSession(id)),
    updateSession: (record, expectedVersion) => invoke('updateSession', (journal) => state().updateSession(record, expectedVersion, journal)),
    appendTurn: (turn) => invoke('appendTurn', (journal) => state().appendTurn(turn, journal)),
    listTurns: (sessionId) => invoke('listTurns', () => state().listTurns(sessionId)),
    insertDocument: (record) => invoke('insertDocument', (journal) => state().insertDocument(record, journal)),
    getDocument: (id) => invoke('getDocument', () => state().getDocument(id)),
    listDocuments: (engagementId) => invoke('listDocuments', () => state().listDocuments(engagementId)),
    insertSeedVersion: (record) => invoke('insertSeedVersion', (journal) => state().insertSeedVersion(record, journal)),
    getSeedVersion: (engagementId, version) => invoke('getSeedVersion', () => state().getSeedVersion(engagementId, version)),
    listSeedVersions: (engagementId) => invoke('listSeedVersions', () => state().listSeedVersions(engagementId)),
    appendEvents: (events) => invoke('appendEvents', (journal) => state().appendEvents(events, journal)),
    getMemoryHead: (engagementId) => invoke('getMemoryHead', () => state().getMemoryHead(engagementId)),
    listEvents: (engagementId, options) => invoke('listEvents', () => state().listEvents(engagementId, options)),
    enqueueAnchors: (entries) => invoke('enqueueAnchors', (journal) => state().enqueueAnchors(entries, journal)),
    listPendingAnchors: (limit) => invoke('listPendingAnchors', () => state().listPendingAnchors(limit)),
    markAnchored: (receipts) => invoke('markAnchored', (journal) => state().markAnchored(receipts, journal)),
    insertPerson: (record) => invoke('insertPerson', (journal) => state().insertPerson(record, journal)),
    getPerson: (id) => invoke('getPerson', () => state().getPerson(id)),
    getPersonByUserHandle: (userHandle) => invoke('getPersonByUserHandle', () => state().getPersonByUserHandle(userHandle)),
    insertCredential: (record) => invoke('insertCredential', (journal) => state().insertCredential(record, journal)),
    getCredential: (id) => invoke('getCredential', () => state().getCredential(id)),
    listCredentials: (personId) => invoke('listCredentials', () => state().listCredentials(personId)),
    findCredentialIdsByEmailHint: (email) => invoke('findCredentialIdsByEmailHint', () => state().findCredentialIdsByEmailHint(email)),
    updateCredentialCounter: (id, update) => invoke('updateCredentialCounter', (journal) => state().updateCredentialCounter(id, update, journal)),
    deleteCredential: (id) => invoke('deleteCredential', (journal) => state().deleteCredential(id, journal)),
    insertChallenge: (record) => invoke('insertChallenge', (journal) => state().insertChallenge(record, journal)),
    consumeChallenge: (flowId) => invoke('consumeChallenge', (journal) => state().consumeChallenge(flowId, journal)),
    insertAuthSession: (record) => invoke('insertAuthSession', (journal) => state().insertAuthSession(record, journal)),
    getAuthSession: (tokenHash) => invoke('getAuthSession', () => state().getAuthSession(tokenHash)),
    revokeAuthSession: (tokenHash, revokedAt) => invoke('revokeAuthSession', (journal) => state().revokeAuthSession(tokenHash, revokedAt, journal)),
    insertRecoveryCodes: (records) => invoke('insertRecoveryCodes', (journal) => state().insertRecoveryCodes(records, journal)),
    consumeRecoveryCode: (codeHash, usedAt) => invoke('consumeRecoveryCode', (journal) => state().consumeRecoveryCode(codeHash, usedAt, journal)),
    scan: (table, options) => invoke('scan', () => state().scan(checkStoreTable(table), options)),
    importRecord: (table, record) => invoke('importRecord', (journal) => state().importRecord(checkStoreTable(table), record, journal)),
  };
}

/**
 * A LoomworksStore held in this process's memory (kind `memory`): for tests, examples and embedding
 * where durability does not matter. Every call and every transaction runs alone (an async mutex), so a
 * transaction sees no one else's writes and no one sees its writes before it commits; a rejected
 * transaction is undone write by write. Records go in and come out as copies.
 *
 * Calling the store itself (rather than the `tx` handed to the callback) from inside a transaction
 * rejects with `E_USAGE` instead of waiting forever for the transaction to finish.
 */
export function createMemoryStore(_options: MemoryStoreOptions = {}): LoomworksStore {
  let state: MemoryState | null = new MemoryState();
  let closing: Promise<void> | null = null;
  const mutex = new StoreMutex();
  const scopes = createTransactionScopes();

  const currentState = (): MemoryState => {
    if (state === null) throw storeClosedError();
    return state;
  };

  const assertCallable = (method: string): void => {
    if (closing !== null) throw storeClosedError();
    scopes.assertOutside(method);
  };

  const standalone: Invoke = async (method, work) => {
    assertCallable(method);
    return mutex.run(async () => {
      const journal = new Journal();
      try {
        return work(journal);
      } catch (error) {
        journal.rollback();
        throw error;
      }
    });
  };

  const operations = bindOperations(currentState, standalone);

  return {
    kind: 'memory',
    ...operations,

    async transaction<T>(fn: (tx: StoreOperations) => Promise<T>): Promise<T> {
      assertCallable('transaction');
      return mutex.run(async () => {
        currentState();
        const scope = new TransactionScope();
        const transactionJournal = new Journal();
        // Each call inside the transaction is atomic on its own too: a call that fails leaves nothing
        // behind even if the callback catches the error and goes on to commit.
        const inTransaction: Invoke = async (method, work) => {
          scope.assertActive(method);
          const journal = new Journal();
          try {
            const result = work(journal);
            journal.mergeInto(transactionJournal);
            return result;
          } catch (error) {
            journal.rollback();
            throw error;
          }
        };
        try {
          return await scopes.run(scope, () => fn(bindOperations(currentState, inTransaction)));
        } catch (error) {
          transactionJournal.rollback();
          throw error;
        } finally {
          scope.end();
        }
      });
    },

    close(): Promise<void> {
      if (scopes.inside()) return Promise.reject(usage('store.close() was called inside store.transaction()'));
      // Work queued before close() still runs; calls made after it fail at once.
      closing ??= mutex.run(async () => {
        state = null;
      });
      return closing;
    },
  };
}

