// Schema version 2: the secondary indexes behind listing, lookups and the anchor queue.
import type { Migration } from './migration';

export const indexesMigration: Migration = {
  version: 2,
  name: 'indexes',
  up: [
    // listEngagements: one Operator's engagements newest first, keyset-paginated on (created_at, id).
    'CREATE INDEX engagements_operator_created ON engagements (operator_id, created_at DESC, id DESC)',
    'CREATE INDEX engagements_operator_name_key ON engagements (operator_id, name_key)',
    'CREATE INDEX documents_engagement ON documents (engagement_id, created_at, id)',
    // listCredentials, the last-credential count, and the email hint's join.
    'CREATE INDEX credentials_person ON credentials (person_id, created_at, id)',
    'CREATE INDEX persons_email ON persons (email)',
    // listPendingAnchors: only unanchored entries, high before standard before low, then enqueue order.
    `CREATE INDEX outbox_pending ON outbox (
      (CASE priority WHEN 'high' THEN 0 WHEN 'standard' THEN 1 ELSE 2 END), enqueued_at, engagement_id, seq
    ) WHERE anchored_at IS NULL`,
  ],
};
