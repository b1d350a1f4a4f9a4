// Every SQL statement of the store, written once per schema and named, so each pooled connection
// prepares it on first use and reuses the plan afterwards.
import { createHash } from 'node:crypto';
import { STORE_TABLES, type StoreTable } from '@loomworks/core';
import pg from 'pg';
import { TABLE_MAPPINGS } from './rows';

export type Statement = { name: string; text: string };

/** The sort key of a pending anchor, as in the outbox_pending index (the planner matches it literally). */
const PRIORITY_RANK = "(CASE priority WHEN 'high' THEN 0 WHEN 'standard' THEN 1 ELSE 2 END)";

function statement(text: string): Statement {
  // Named by content, so stores of different schemas sharing a pool never reuse each other's statements.
  return { name: `loomworks_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`, text };
}

type TableStatements = {
  insert: Statement;
  selectByKey: Statement;
  scanFirst: Statement;
  scanAfter: Statement;
};

function tableStatements(schema: string, table: StoreTable): TableStatements {
  const mapping = TABLE_MAPPINGS[table];
  const name = `${schema}.${mapping.table}`;
  const columns = mapping.columns.join(', ');
  const placeholders = mapping.columns.map((_, index) => `$${index + 1}`).join(', ');
  const keyList = mapping.key.join(', ');
  const keyMatch = mapping.key.map((column, index) => `${column} = $${index + 1}`).join(' AND ');
  const afterKey = `(${keyList}) > (${mapping.key.map((_, index) => `$${index + 1}`).join(', ')})`;
  return {
    insert: statement(`INSERT INTO ${name} (${columns}) VALUES (${placeholders})`),
    selectByKey: statement(`SELECT ${columns} FROM ${name} WHERE ${keyMatch}`),
    scanFirst: statement(`SELECT ${columns} FROM ${name} ORDER BY ${keyList} LIMIT $1`),
    scanAfter: statement(`SELECT ${columns} FROM ${name} WHERE ${afterKey} ORDER BY ${keyList} LIMIT $${mapping.key.length + 1}`),
  };
}

export function buildStatements(schemaName: string) {
  const schema = pg.escapeIdentifier(schemaName);
  const tables = Object.fromEntries(STORE_TABLES.map((table) => [table, tableStatements(schema, table)])) as Record<StoreTable, TableStatements>;
  const columns = (table: StoreTable) => TABLE_MAPPINGS[table].columns.join(', ');
  const qualified = (table: StoreTable) => `${schema}.${TABLE_MAPPINGS[table].table}`;

  return {
    tables,

    engagementExists: statement(`SELECT 1 FROM ${qualified('engagements')} WHERE id = $1`),
    updateEngagement: statement(
      `UPDATE ${qualified('engagements')} SET
        name = CASE WHEN $2::boolean THEN $3::text ELSE name END,
        name_key = CASE WHEN $4::boolean THEN $5::text ELSE name_key END,
        status = CASE WHEN $6::boolean THEN $7::text ELSE status END,
        induction_status = CASE WHEN $8::boolean THEN $9::text ELSE induction_status END,
        seed_version = CASE WHEN $10::boolean THEN $11::integer ELSE seed_version END,
        updated_at = $12::text
      WHERE id = $1 RETURNING ${columns('engagements')}`
    ),
    listEngagementsFirst: statement(
      `SELECT ${columns('engagements')} FROM ${qualified('engagements')} WHERE operator_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`
    ),
    listEngagementsAfter: statement(
      `SELECT ${columns('engagements')} FROM ${qualified('engagements')}
      WHERE operator_id = $1 AND (created_at, id) < ($2, $3) ORDER BY created_at DESC, id DESC LIMIT $4`
    ),
    findEngagementsByNameKey: statement(
      `SELECT ${columns('engagements')} FROM ${qualified('engagements')} WHERE operator_id = $1 AND name_key = $2 ORDER BY created_at, id`
    ),

    sessionExists: statement(`SELECT 1 FROM ${qualified('sessions')} WHERE id = $1`),
    updateSession: statement(
      `UPDATE ${qualified('sessions')} SET operator_id = $2, companion_id = $3, status = $4, engagement_id = $5, state = $6, version = $7,
        created_at = $8, updated_at = $9
      WHERE id = $1 AND version = $10`
    ),
    // Appends carry their own "is it the next number?" guard; two racing appends of one number both pass
    // it, and the primary key then lets exactly one of them in (23505 for the other).
    appendTurn: statement(
      `INSERT INTO ${qualified('turns')} (${columns('turns')})
      SELECT $1::text, $2::integer, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text
      WHERE (SELECT coalesce(max(idx), 0) FROM ${qualified('turns')} WHERE session_id = $1::text) = $2::integer - 1`
    ),
    listTurns: statement(`SELECT ${columns('turns')} FROM ${qualified('turns')} WHERE session_id = $1 ORDER BY idx`),

    listDocuments: statement(`SELECT ${columns('documents')} FROM ${qualified('documents')} WHERE engagement_id = $1 ORDER BY created_at, id`),
    insertSeedVersion: statement(
      `INSERT INTO ${qualified('seedVersions')} (${columns('seedVersions')})
      SELECT $1::text, $2::integer, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text
      WHERE (SELECT coalesce(max(version), 0) FROM ${qualified('seedVersions')} WHERE engagement_id = $1::text) = $2::integer - 1`
    ),
    latestSeedVersion: statement(
      `SELECT ${columns('seedVersions')} FROM ${qualified('seedVersions')} WHERE engagement_id = $1 ORDER BY version DESC LIMIT 1`
    ),
    listSeedVersions: statement(`SELECT ${columns('seedVersions')} FROM ${qualified('seedVersions')} WHERE engagement_id = $1 ORDER BY version`),

    appendEvents: statement(
      `INSERT INTO ${qualified('events')} (${columns('events')})
      SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
      WHERE (SELECT coalesce(max(seq), 0) FROM ${qualified('events')} WHERE engagement_id = $11::text) = $12::integer`
    ),
    memoryHead: statement(`SELECT seq, hash FROM ${qualified('events')} WHERE engagement_id = $1 ORDER BY seq DESC LIMIT 1`),
    listEvents: statement(
      `SELECT ${columns('events')} FROM ${qualified('events')} WHERE engagement_id = $1 AND seq > $2::bigint ORDER BY seq LIMIT $3::bigint`
    ),

    enqueueAnchors: statement(
      `INSERT INTO ${qualified('outbox')} (${columns('outbox')})
      SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`
    ),
    listPendingAnchors: statement(
      `SELECT ${columns('outbox')} FROM ${qualified('outbox')} WHERE anchored_at IS NULL
      ORDER BY ${PRIORITY_RANK}, enqueued_at, engagement_id, seq LIMIT $1`
    ),
    // One statement: name the first receipt whose event is not queued (then mark nothing), else mark
    // every entry still pending. Outbox entries are never deleted, so the check cannot go stale.
    markAnchored: statement(
      `WITH receipts AS (
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS receipt(event_id, anchored_at, receipt)
      ), missing AS (
        SELECT receipts.event_id FROM receipts
        WHERE NOT EXISTS (SELECT 1 FROM ${qualified('outbox')} AS entry WHERE entry.event_id = receipts.event_id)
      ), marked AS (
        UPDATE ${qualified('outbox')} AS entry SET anchored_at = receipts.anchored_at, receipt = receipts.receipt
        FROM receipts
        WHERE entry.event_id = receipts.event_id AND entry.anchored_at IS NULL AND NOT EXISTS (SELECT 1 FROM missing)
        RETURNING entry.event_id
      )
      SELECT (SELECT event_id FROM missing LIMIT 1) AS missing, (SELECT count(*) FROM marked) AS marked`
    ),

    personByUserHandle: statement(`SELECT ${columns('persons')} FROM ${qualified('persons')} WHERE user_handle = $1`),
    credentialExists: statement(`SELECT 1 FROM ${qualified('credentials')} WHERE id = $1`),
    listCredentials: statement(`SELECT ${columns('credentials')} FROM ${qualified('credentials')} WHERE person_id = $1 ORDER BY created_at, id`),
    credentialIdsByEmail: statement(
      `SELECT credential.id FROM ${qualified('credentials')} AS credential JOIN ${qualified('persons')} AS person ON person.id = credential.person_id
      WHERE person.email = $1 ORDER BY credential.id`
    ),
    updateCredentialCounter: statement(
      `UPDATE ${qualified('credentials')} SET counter = $3, backed_up = $4, last_used_at = $5 WHERE id = $1 AND counter = $2`
    ),
    credentialOwner: statement(`SELECT person_id FROM ${qualified('credentials')} WHERE id = $1`),
    // Serialises credential deletions per person (NO KEY UPDATE leaves inserts of new credentials, whose
    // foreign-key check only takes KEY SHARE, unblocked).
    lockPerson: statement(`SELECT 1 FROM ${qualified('persons')} WHERE id = $1 FOR NO KEY UPDATE`),
    deleteCredentialUnlessLast: statement(
      `DELETE FROM ${qualified('credentials')} WHERE id = $1 AND (SELECT count(*) FROM ${qualified('credentials')} WHERE person_id = $2) > 1`
    ),
    consumeChallenge: statement(`DELETE FROM ${qualified('challenges')} WHERE flow_id = $1 RETURNING ${columns('challenges')}`),
    revokeAuthSession: statement(`UPDATE ${qualified('authSessions')} SET revoked_at = coalesce(revoked_at, $2) WHERE token_hash = $1`),
    insertRecoveryCodes: statement(
      `INSERT INTO ${qualified('recoveryCodes')} (${columns('recoveryCodes')})
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`
    ),
    consumeRecoveryCode: statement(
      `UPDATE ${qualified('recoveryCodes')} SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL RETURNING ${columns('recoveryCodes')}`
    ),
  };
}

export type Statements = ReturnType<typeof buildStatements>;
