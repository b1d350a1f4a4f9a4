// The records a LoomworksStore keeps (SPEC §7.2). Plain JSON-able data: stores persist them field for field.
import type { SeedDraft } from '../seed';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type EngagementStatus = 'candidate' | 'active';
export type InductionStatus = 'induction-pass-clean' | 'induction-pass-with-notes' | 'induction-fail';

export type EngagementRecord = {
  id: string;
  operatorId: string;
  name: string;
  /** The name folded for case-insensitive uniqueness checks (computed by core: `engagementNameKey`). */
  nameKey: string;
  status: EngagementStatus;
  inductionStatus: InductionStatus | null;
  /** The current Seed version, once one is stored. */
  seedVersion: number | null;
  /** The creation session that founded it (absent for uploads). */
  sessionId: string | null;
  createdAt: string;
  updatedAt: string;
};

export type EngagementPatch = Partial<Pick<EngagementRecord, 'name' | 'nameKey' | 'status' | 'inductionStatus' | 'seedVersion'>> & {
  updatedAt: string;
};

export type SessionStatus = 'open' | 'committed';

export type CreationSessionRecord = {
  id: string;
  operatorId: string;
  companionId: string;
  status: SessionStatus;
  /** The engagement the session committed (null until then). */
  engagementId: string | null;
  /** The session engine's snapshot (draft, coverage, phase, policy …); opaque to stores. */
  state: JsonValue;
  /** Optimistic-concurrency version: starts at 1, each update increments it. */
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type TokenUsage = {
  inputTokens: number;
  outputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
};

export type TurnRole = 'operator' | 'companion';

export type TurnRecord = {
  sessionId: string;
  /** 1-based, gapless per session. */
  index: number;
  role: TurnRole;
  text: string;
  at: string;
  /** The classified intent (operator turns) or the template used (companion turns). */
  intent: string | null;
  /** The four-layer trace of the turn (SPEC §6.1). */
  trace: JsonValue | null;
  usage: TokenUsage | null;
  /**
   * The requests this companion turn sent to the Companion, in order. What is the same for a whole session —
   * the system prompt text, its prompts' hashes, the per-field components — is written out in the first turn
   * each session object stores; every request names its system prompt by `system.sha256`.
   */
  request: JsonValue | null;
};

export type DocumentKind = 'discovery-record' | 'brief';

export type DocumentRecord = {
  id: string;
  engagementId: string;
  sessionId: string | null;
  kind: DocumentKind;
  /** `discovery-record/v1`, `brief/v1`, or `text` for an uploaded document that was not in the format. */
  format: string;
  content: string;
  /** Hex sha256 of `content` (UTF-8). */
  sha256: string;
  createdAt: string;
};

export type FindingSeverity = 'fail' | 'note';

export type StoredFinding = {
  code: string;
  severity: FindingSeverity;
  field?: string;
  message: string;
  item?: number;
};

export type SeedSource = 'discovery' | 'brief' | 'upload' | 'amend';

export type SeedVersionRecord = {
  engagementId: string;
  /** 1-based, gapless per engagement. A new version supersedes the previous one. */
  version: number;
  /** The Seed as committed: a full Seed, or a partial one when induction failed on missing parts. */
  seed: SeedDraft;
  source: SeedSource;
  documentId: string | null;
  inductionStatus: InductionStatus;
  findings: StoredFinding[];
  createdAt: string;
};

export type ActorKind = 'person' | 'companion' | 'system';

export type MemoryEvent = {
  id: string;
  engagementId: string;
  /** Gapless per engagement from 1. */
  seq: number;
  type: string;
  actor: { kind: ActorKind; id: string };
  at: string;
  payload: JsonValue;
  /** Hash of the previous event; 64 zeros for seq 1. */
  prevHash: string;
  /** sha256 (hex) of the RFC 8785 canonical JSON of the event without `hash`. */
  hash: string;
};

export type AnchorPriority = 'low' | 'standard' | 'high';

export type OutboxEntry = {
  eventId: string;
  engagementId: string;
  seq: number;
  hash: string;
  priority: AnchorPriority;
  enqueuedAt: string;
  anchoredAt: string | null;
  receipt: JsonValue | null;
};

// ── Auth records (SPEC §9) ─────────────────────────────────────────────────────────────────

export type PersonRecord = {
  id: string;
  displayName: string;
  /** Optional contact metadata. Never identity. */
  email: string | null;
  /** WebAuthn user handle: 32 random bytes, base64url. */
  userHandle: string;
  createdAt: string;
};

export type CredentialRecord = {
  /** The credential id, base64url. */
  id: string;
  personId: string;
  /** COSE public key, base64url. */
  publicKey: string;
  counter: number;
  transports: string[];
  deviceType: 'singleDevice' | 'multiDevice';
  backedUp: boolean;
  createdAt: string;
  lastUsedAt: string | null;
};

export type ChallengePurpose = 'signup' | 'login' | 'add-passkey' | 'recovery';

export type ChallengeRecord = {
  flowId: string;
  /** base64url. */
  challenge: string;
  purpose: ChallengePurpose;
  personId: string | null;
  /** Flow data, e.g. the pending person of a sign-up. */
  data: JsonValue | null;
  createdAt: string;
  expiresAt: string;
};

export type AuthSessionRecord = {
  /** sha256 of the session token; the token itself is never stored. */
  tokenHash: string;
  personId: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
};

export type RecoveryCodeRecord = {
  personId: string;
  /** sha256 of the code; the code itself is never stored. */
  codeHash: string;
  createdAt: string;
  usedAt: string | null;
};

/** Every table a store holds, in the order `copyStore` copies them (parents before children). */
export const STORE_TABLES = [
  'persons',
  'credentials',
  'challenges',
  'authSessions',
  'recoveryCodes',
  'engagements',
  'sessions',
  'turns',
  'documents',
  'seedVersions',
  'events',
  'outbox',
] as const;

export type StoreTable = (typeof STORE_TABLES)[number];

export type StoreRecordOf = {
  persons: PersonRecord;
  credentials: CredentialRecord;
  challenges: ChallengeRecord;
  authSessions: AuthSessionRecord;
  recoveryCodes: RecoveryCodeRecord;
  engagements: EngagementRecord;
  sessions: CreationSessionRecord;
  turns: TurnRecord;
  documents: DocumentRecord;
  seedVersions: SeedVersionRecord;
  events: MemoryEvent;
  outbox: OutboxEntry;
};
