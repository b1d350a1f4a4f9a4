// Records for the conformance cases: valid, fully populated, and built only from the public contract.
import {
  GENESIS_HASH,
  LoomworksError,
  STORE_TABLES,
  engagementNameKey,
  hashEvent,
  type AnchorPriority,
  type AuthSessionRecord,
  type ChallengeRecord,
  type CreationSessionRecord,
  type CredentialRecord,
  type DocumentRecord,
  type EngagementRecord,
  type ErrorCode,
  type MemoryEvent,
  type OutboxEntry,
  type PersonRecord,
  type RecoveryCodeRecord,
  type Seed,
  type SeedVersionRecord,
  type StoreOperations,
  type StoreRecordOf,
  type StoreTable,
  type TurnRecord,
} from '@loomworks/core';

const EPOCH = Date.UTC(2026, 0, 1);

/** An ISO timestamp `seconds` after 2026-01-01T00:00:00Z: distinct, ordered, in the format core writes. */
export function at(seconds: number): string {
  return new Date(EPOCH + seconds * 1000).toISOString();
}

export function engagementRecord(id: string, overrides: Partial<EngagementRecord> = {}): EngagementRecord {
  const name = overrides.name ?? `Project ${id}`;
  return {
    id,
    operatorId: 'operator-1',
    name,
    nameKey: engagementNameKey(name),
    status: 'candidate',
    inductionStatus: null,
    seedVersion: null,
    sessionId: null,
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
}

export function sessionRecord(id: string, overrides: Partial<CreationSessionRecord> = {}): CreationSessionRecord {
  return {
    id,
    operatorId: 'operator-1',
    companionId: 'guided',
    status: 'open',
    engagementId: null,
    state: { phase: 'eliciting', draft: { name: 'Marketing' }, coverage: ['purpose'], nested: { list: [1, 2.5, 'three', null, true] } },
    version: 1,
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
}

export function turnRecord(sessionId: string, index: number, overrides: Partial<TurnRecord> = {}): TurnRecord {
  const operator = index % 2 === 1;
  return {
    sessionId,
    index,
    role: operator ? 'operator' : 'companion',
    text: operator ? `Operator message ${index}: “quotes”, émojis 🧵 and\nnew lines` : `Companion reply ${index}`,
    at: at(index),
    intent: operator ? 'answer' : 'ask-purpose',
    trace: operator ? null : { layers: ['voice', 'template', 'field', 'state'], nextField: 'audience' },
    usage: operator ? null : { inputTokens: 1200, outputTokens: 80, cacheWriteTokens: 1000, cacheReadTokens: 0 },
    request: operator ? null : { model: 'fake', messages: [{ role: 'user', content: 'hi' }] },
    ...overrides,
  };
}

export function documentRecord(id: string, engagementId: string, overrides: Partial<DocumentRecord> = {}): DocumentRecord {
  return {
    id,
    engagementId,
    sessionId: null,
    kind: 'discovery-record',
    format: 'discovery-record/v1',
    content: '# Discovery record\n\nA full write-up.\n',
    sha256: 'a'.repeat(64),
    createdAt: at(0),
    ...overrides,
  };
}

export function seed(name = 'Marketing'): Seed {
  return {
    name,
    purpose: 'A marketing site for the studio.',
    audience: 'Small businesses looking for a designer.',
    voice: 'Warm, plain, confident.',
    constraints: ['No stock photos', 'Every page loads in under a second'],
    success: ['Three enquiries a month'],
    additionalAssertions: [{ key: 'Budget', value: 'Under 5,000 euros' }],
  };
}

export function seedVersionRecord(engagementId: string, version: number, overrides: Partial<SeedVersionRecord> = {}): SeedVersionRecord {
  return {
    engagementId,
    version,
    seed: seed(`Marketing v${version}`),
    source: version === 1 ? 'discovery' : 'amend',
    documentId: null,
    inductionStatus: 'induction-pass-with-notes',
    findings: [{ code: 'audience-broad', severity: 'note', field: 'audience', message: 'The audience is broad.' }],
    createdAt: at(version),
    ...overrides,
  };
}

/**
 * `count` events of an engagement chained from `after` (the head: `{ seq, hash }`, or null for a new
 * chain), hashed as core hashes them so a store round trip can be checked with verifyMemory.
 */
export function chainedEvents(
  engagementId: string,
  count: number,
  after: { seq: number; hash: string } | null = null,
  idPrefix = `${engagementId}-event`
): MemoryEvent[] {
  const events: MemoryEvent[] = [];
  let prevHash = after?.hash ?? GENESIS_HASH;
  const firstSeq = (after?.seq ?? 0) + 1;
  for (let offset = 0; offset < count; offset += 1) {
    const seq = firstSeq + offset;
    const unhashed = {
      id: `${idPrefix}-${seq}`,
      engagementId,
      seq,
      type: 'assertion_committed',
      actor: { kind: 'person' as const, id: 'operator-1' },
      at: at(seq),
      payload: { statement: `fact ${seq}`, nested: { unicode: 'ünï “cödé” 🧵', numbers: [0, -1, 0.1, 1e21, 123456789012], empty: {}, none: null, list: [] } },
      prevHash,
    };
    const event: MemoryEvent = { ...unhashed, hash: hashEvent(unhashed) };
    events.push(event);
    prevHash = event.hash;
  }
  return events;
}

export function outboxEntry(event: MemoryEvent, priority: AnchorPriority, enqueuedAt: string): OutboxEntry {
  return { eventId: event.id, engagementId: event.engagementId, seq: event.seq, hash: event.hash, priority, enqueuedAt, anchoredAt: null, receipt: null };
}

export function personRecord(id: string, overrides: Partial<PersonRecord> = {}): PersonRecord {
  return { id, displayName: `Person ${id}`, email: null, userHandle: `handle-${id}`, createdAt: at(0), ...overrides };
}

export function credentialRecord(id: string, personId: string, overrides: Partial<CredentialRecord> = {}): CredentialRecord {
  return {
    id,
    personId,
    publicKey: `public-key-${id}`,
    counter: 0,
    transports: ['internal', 'hybrid'],
    deviceType: 'multiDevice',
    backedUp: true,
    createdAt: at(0),
    lastUsedAt: null,
    ...overrides,
  };
}

export function challengeRecord(flowId: string, overrides: Partial<ChallengeRecord> = {}): ChallengeRecord {
  return {
    flowId,
    challenge: `challenge-${flowId}`,
    purpose: 'signup',
    personId: null,
    data: { pending: { displayName: 'Ada', userHandle: 'handle-ada' } },
    createdAt: at(0),
    expiresAt: at(120),
    ...overrides,
  };
}

export function authSessionRecord(tokenHash: string, personId: string, overrides: Partial<AuthSessionRecord> = {}): AuthSessionRecord {
  return { tokenHash, personId, createdAt: at(0), expiresAt: at(7 * 24 * 3600), revokedAt: null, ...overrides };
}

export function recoveryCodeRecord(codeHash: string, personId: string, overrides: Partial<RecoveryCodeRecord> = {}): RecoveryCodeRecord {
  return { personId, codeHash, createdAt: at(0), usedAt: null, ...overrides };
}

/** Awaits `action` and asserts it rejected with a LoomworksError (of one of `codes`, when given). */
export async function expectRejection(action: Promise<unknown>, codes?: ErrorCode | readonly ErrorCode[]): Promise<LoomworksError> {
  const outcome = await action.then(
    (value: unknown) => ({ resolved: true as const, value }),
    (error: unknown) => ({ resolved: false as const, error })
  );
  const expected = codes === undefined ? 'a LoomworksError' : String(codes);
  if (outcome.resolved) throw new Error(`Expected a rejection with ${expected}, but it resolved to ${JSON.stringify(outcome.value)}`);
  const { error } = outcome;
  if (!LoomworksError.is(error, codes)) {
    const code = LoomworksError.is(error) ? error.code : String(error);
    throw new Error(`Expected a rejection with ${expected}, got ${code}`, { cause: error });
  }
  return error;
}

/** Counts the outcomes of racing calls: how many resolved and which error codes the others rejected with. */
export async function settle(actions: readonly Promise<unknown>[]): Promise<{ fulfilled: unknown[]; codes: string[] }> {
  const results = await Promise.allSettled(actions);
  const fulfilled: unknown[] = [];
  const codes: string[] = [];
  for (const result of results) {
    if (result.status === 'fulfilled') fulfilled.push(result.value);
    else codes.push(LoomworksError.is(result.reason) ? result.reason.code : `not a LoomworksError: ${String(result.reason)}`);
  }
  return { fulfilled, codes };
}

/** Every record of a table, through `scan` pages of `pageSize`. */
export async function scanAll<T extends StoreTable>(store: StoreOperations, table: T, pageSize = 500): Promise<StoreRecordOf[T][]> {
  const records: StoreRecordOf[T][] = [];
  let after: string | null = null;
  do {
    const page: { records: StoreRecordOf[T][]; next: string | null } = await store.scan(table, { after, limit: pageSize });
    records.push(...page.records);
    after = page.next;
  } while (after !== null);
  return records;
}

/** Every table's records: two snapshots are equal exactly when the stores hold the same data. */
export async function snapshot(store: StoreOperations): Promise<Record<StoreTable, unknown[]>> {
  const tables = {} as Record<StoreTable, unknown[]>;
  for (const table of STORE_TABLES) tables[table] = await scanAll(store, table);
  return tables;
}
