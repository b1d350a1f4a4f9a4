// Schema version 2: the indexes behind keyset pagination and the store's lookups.
import type { SqliteMigration } from './migration';

/** The anchor priority as a sort rank; `listPendingAnchors` must use this exact expression to use the index. */
export const PRIORITY_RANK_SQL = `(CASE priority WHEN 'high' THEN 0 WHEN 'standard' THEN 1 ELSE 2 END)`;

export const indexesMigration: SqliteMigration = {
  version: 2,
  name: 'indexes',
  up: `
CREATE INDEX engagements_by_operator_newest ON engagements (operator_id, created_at DESC, id DESC);
CREATE INDEX engagements_by_operator_name_key ON engagements (operator_id, name_key, created_at, id);
CREATE INDEX documents_by_engagement ON documents (engagement_id, created_at, id);
-- Only pending entries are indexed: anchored ones are never listed again.
CREATE INDEX outbox_pending ON outbox (${PRIORITY_RANK_SQL}, enqueued_at, engagement_id, seq) WHERE anchored_at IS NULL;
CREATE INDEX persons_by_email ON persons (email) WHERE email IS NOT NULL;
CREATE INDEX credentials_by_person ON credentials (person_id, created_at, id);
CREATE INDEX auth_sessions_by_person ON auth_sessions (person_id);
CREATE INDEX recovery_codes_by_person ON recovery_codes (person_id);
`,
};
