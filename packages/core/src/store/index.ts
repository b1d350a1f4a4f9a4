export {
  STORE_TABLES,
  type ActorKind,
  type AnchorPriority,
  type AuthSessionRecord,
  type ChallengePurpose,
  type ChallengeRecord,
  type CreationSessionRecord,
  type CredentialRecord,
  type DocumentKind,
  type DocumentRecord,
  type EngagementPatch,
  type EngagementRecord,
  type EngagementStatus,
  type FindingSeverity,
  type InductionStatus,
  type JsonValue,
  type MemoryEvent,
  type OutboxEntry,
  type PersonRecord,
  type RecoveryCodeRecord,
  type SeedSource,
  type SeedVersionRecord,
  type SessionStatus,
  type StoreRecordOf,
  type StoreTable,
  type StoredFinding,
  type TokenUsage,
  type TurnRecord,
  type TurnRole,
} from './records';
export {
  STORE_CONTRACT_VERSION,
  engagementNameKey,
  type CounterUpdate,
  type DeleteCredentialOutcome,
  type ImportOutcome,
  type ListEngagementsOptions,
  type LoomworksStore,
  type Page,
  type ScanOptions,
  type StoreOperations,
} from './store';
export { createMemoryStore, type MemoryStoreOptions } from './memory-store';
export { copyStore, type CopyStoreOptions, type CopyStoreResult } from './copy-store';
export { findEngagement, type FindEngagementOptions } from './find-engagement';
// For store adapters (SQLite, Postgres, your own), not for applications: the records' SQL layout and what every store checks alike.
export { createRelationalLayout, type RelationalDialect, type RelationalLayout, type RowValue, type TableLayout } from './relational-layout';
export {
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
export { StoreMutex, TransactionScope, createTransactionScopes, storeClosedError, type TransactionScopes } from './transaction-scopes';
