// The store contract (SPEC §7.2): one interface every store implements and one conformance suite checks.
import type {
  AuthSessionRecord,
  ChallengeRecord,
  CreationSessionRecord,
  CredentialRecord,
  DocumentRecord,
  EngagementPatch,
  EngagementRecord,
  MemoryEvent,
  OutboxEntry,
  PersonRecord,
  RecoveryCodeRecord,
  SeedVersionRecord,
  StoreRecordOf,
  StoreTable,
  TurnRecord,
  JsonValue,
} from './records';

/** Bumped when the contract changes incompatibly, so adapters can say which version they implement. */
export const STORE_CONTRACT_VERSION = 1;

export type Page<T> = { items: T[]; nextCursor: string | null };

export type ListEngagementsOptions = {
  operatorId: string;
  /** 1–500; default 50. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string | null;
};

export type ScanOptions = { after?: string | null; limit?: number };

export type ImportOutcome = 'inserted' | 'identical';

export type CounterUpdate = {
  /** The counter the caller read; the update applies only if it is still current (compare-and-set). */
  expectedCounter: number;
  counter: number;
  backedUp: boolean;
  lastUsedAt: string;
};

export type DeleteCredentialOutcome = 'deleted' | 'last' | 'missing';

/**
 * Everything a store can do, inside or outside a transaction. Every method is atomic on its own;
 * `transaction` makes a group atomic. Failures are LoomworksErrors: `E_CONFLICT` for a lost race or a
 * duplicate key, `E_NOT_FOUND` for an update of a missing record or a write whose parent is missing
 * (credentials, auth sessions and recovery codes need their person; turns their session; documents,
 * Seed versions and events their engagement; outbox entries their event), `E_USAGE` for a bad `limit`,
 * a cursor the store did not hand out or an unknown table, `E_STORE` (with `cause`) otherwise.
 * `@loomworks/testkit`'s `defineStoreConformanceSuite` checks all of this.
 */
export interface StoreOperations {
  // Engagements
  insertEngagement(record: EngagementRecord): Promise<void>;
  updateEngagement(id: string, patch: EngagementPatch): Promise<EngagementRecord>;
  getEngagement(id: string): Promise<EngagementRecord | null>;
  /** Newest first (by `createdAt`, then `id`), keyset-paginated, one Operator's engagements. */
  listEngagements(options: ListEngagementsOptions): Promise<Page<EngagementRecord>>;
  findEngagementsByNameKey(operatorId: string, nameKey: string): Promise<EngagementRecord[]>;

  // Creation sessions and their turns
  insertSession(record: CreationSessionRecord): Promise<void>;
  getSession(id: string): Promise<CreationSessionRecord | null>;
  /** Writes `record` (whose `version` must be `expectedVersion + 1`) if the stored version is `expectedVersion`; else `E_CONFLICT`. */
  updateSession(record: CreationSessionRecord, expectedVersion: number): Promise<void>;
  /** Appends a turn; its `index` must be the next one for the session, else `E_CONFLICT`. */
  appendTurn(turn: TurnRecord): Promise<void>;
  listTurns(sessionId: string): Promise<TurnRecord[]>;

  // Documents and Seed versions
  insertDocument(record: DocumentRecord): Promise<void>;
  getDocument(id: string): Promise<DocumentRecord | null>;
  listDocuments(engagementId: string): Promise<DocumentRecord[]>;
  /** `version` must be the next one for the engagement, else `E_CONFLICT`. */
  insertSeedVersion(record: SeedVersionRecord): Promise<void>;
  /** The given version, or the latest when `version` is omitted. */
  getSeedVersion(engagementId: string, version?: number): Promise<SeedVersionRecord | null>;
  listSeedVersions(engagementId: string): Promise<SeedVersionRecord[]>;

  // Memory
  /**
   * Appends events of one engagement with consecutive `seq`s. The first `seq` must be the next one
   * (head + 1, or 1), else `E_CONFLICT` and nothing is written.
   */
  appendEvents(events: readonly MemoryEvent[]): Promise<void>;
  getMemoryHead(engagementId: string): Promise<{ seq: number; hash: string } | null>;
  /** Events in `seq` order, after `afterSeq` (default 0), at most `limit` (default all). */
  listEvents(engagementId: string, options?: { afterSeq?: number; limit?: number }): Promise<MemoryEvent[]>;

  // Anchor outbox
  enqueueAnchors(entries: readonly OutboxEntry[]): Promise<void>;
  /** Unanchored entries: `high` before `standard` before `low`, then in enqueue order (`enqueuedAt`, engagement, seq). */
  listPendingAnchors(limit: number): Promise<OutboxEntry[]>;
  /** Marks entries anchored with their receipts; entries already anchored are left unchanged; an event not in the outbox is `E_NOT_FOUND`. */
  markAnchored(receipts: readonly { eventId: string; anchoredAt: string; receipt: JsonValue }[]): Promise<void>;

  // Auth (SPEC §9). There is deliberately no way to find a person by email.
  /** `E_CONFLICT` when the id or the user handle is taken. */
  insertPerson(record: PersonRecord): Promise<void>;
  getPerson(id: string): Promise<PersonRecord | null>;
  getPersonByUserHandle(userHandle: string): Promise<PersonRecord | null>;
  insertCredential(record: CredentialRecord): Promise<void>;
  getCredential(id: string): Promise<CredentialRecord | null>;
  listCredentials(personId: string): Promise<CredentialRecord[]>;
  /** Credential ids of people whose contact email equals `email` — only a hint for `allowCredentials`. */
  findCredentialIdsByEmailHint(email: string): Promise<string[]>;
  /** Compare-and-set of the signature counter and backup state; false when `expectedCounter` is stale. */
  updateCredentialCounter(id: string, update: CounterUpdate): Promise<boolean>;
  /** Deletes a credential unless it is its owner's last one (checked atomically). */
  deleteCredential(id: string): Promise<DeleteCredentialOutcome>;
  insertChallenge(record: ChallengeRecord): Promise<void>;
  /** Removes and returns the challenge atomically: a second call for the same flow gets null. */
  consumeChallenge(flowId: string): Promise<ChallengeRecord | null>;
  insertAuthSession(record: AuthSessionRecord): Promise<void>;
  getAuthSession(tokenHash: string): Promise<AuthSessionRecord | null>;
  revokeAuthSession(tokenHash: string, revokedAt: string): Promise<void>;
  insertRecoveryCodes(records: readonly RecoveryCodeRecord[]): Promise<void>;
  /** Marks an unused code used and returns it; null when unknown or already used (atomic). */
  consumeRecoveryCode(codeHash: string, usedAt: string): Promise<RecoveryCodeRecord | null>;

  // Bulk access for copyStore
  /** Records of a table in primary-key order, one page at a time. */
  scan<T extends StoreTable>(table: T, options?: ScanOptions): Promise<{ records: StoreRecordOf[T][]; next: string | null }>;
  /** Inserts a record keeping its keys; `identical` when an equal record exists; `E_CONFLICT` when a different one does. */
  importRecord<T extends StoreTable>(table: T, record: StoreRecordOf[T]): Promise<ImportOutcome>;
}

export interface LoomworksStore extends StoreOperations {
  /** `memory`, `sqlite`, `postgres`, … */
  readonly kind: string;
  /** Runs `fn` atomically: everything it wrote is committed when it resolves and rolled back when it rejects. */
  transaction<T>(fn: (tx: StoreOperations) => Promise<T>): Promise<T>;
  /** Lets calls and transactions already started finish, then releases resources; later calls reject with `E_STORE_CLOSED`. Idempotent. */
  close(): Promise<void>;
}

/** Engagement names are unique per Operator ignoring case: this is the folded form stores index. */
export function engagementNameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().trim();
}
