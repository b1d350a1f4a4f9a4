// Schema version 1: every table of the store contract, with its keys and parent references.
import type { Migration } from './migration';

// Key and ordering columns use the "C" collation: byte order, the order the other stores sort ids and
// ISO timestamps in, whatever the database's default locale. Timestamps are the ISO strings the records
// carry; JSON values are JSON.stringify text, so they come back exactly as written (jsonb would reorder keys).
export const initialMigration: Migration = {
  version: 1,
  name: 'initial',
  up: [
    `CREATE TABLE persons (
      id text COLLATE "C" PRIMARY KEY,
      display_name text NOT NULL,
      email text,
      user_handle text COLLATE "C" NOT NULL UNIQUE,
      created_at text COLLATE "C" NOT NULL
    )`,
    `CREATE TABLE credentials (
      id text COLLATE "C" PRIMARY KEY,
      person_id text COLLATE "C" NOT NULL REFERENCES persons (id),
      public_key text NOT NULL,
      counter bigint NOT NULL,
      transports text NOT NULL,
      device_type text NOT NULL,
      backed_up boolean NOT NULL,
      created_at text COLLATE "C" NOT NULL,
      last_used_at text
    )`,
    `CREATE TABLE challenges (
      flow_id text COLLATE "C" PRIMARY KEY,
      challenge text NOT NULL,
      purpose text NOT NULL,
      person_id text,
      data text,
      created_at text NOT NULL,
      expires_at text NOT NULL
    )`,
    `CREATE TABLE auth_sessions (
      token_hash text COLLATE "C" PRIMARY KEY,
      person_id text COLLATE "C" NOT NULL REFERENCES persons (id),
      created_at text NOT NULL,
      expires_at text NOT NULL,
      revoked_at text
    )`,
    `CREATE TABLE recovery_codes (
      code_hash text COLLATE "C" PRIMARY KEY,
      person_id text COLLATE "C" NOT NULL REFERENCES persons (id),
      created_at text NOT NULL,
      used_at text
    )`,
    // No reference between engagements.session_id and sessions.engagement_id: each names the other, and
    // copyStore must be able to write either first.
    `CREATE TABLE engagements (
      id text COLLATE "C" PRIMARY KEY,
      operator_id text COLLATE "C" NOT NULL,
      name text NOT NULL,
      name_key text COLLATE "C" NOT NULL,
      status text NOT NULL,
      induction_status text,
      seed_version integer,
      session_id text,
      created_at text COLLATE "C" NOT NULL,
      updated_at text NOT NULL
    )`,
    `CREATE TABLE sessions (
      id text COLLATE "C" PRIMARY KEY,
      operator_id text NOT NULL,
      companion_id text NOT NULL,
      status text NOT NULL,
      engagement_id text,
      state text NOT NULL,
      version integer NOT NULL,
      created_at text NOT NULL,
      updated_at text NOT NULL
    )`,
    `CREATE TABLE turns (
      session_id text COLLATE "C" NOT NULL REFERENCES sessions (id),
      idx integer NOT NULL,
      role text NOT NULL,
      text text NOT NULL,
      at text NOT NULL,
      intent text,
      trace text,
      usage text,
      request text,
      PRIMARY KEY (session_id, idx)
    )`,
    `CREATE TABLE documents (
      id text COLLATE "C" PRIMARY KEY,
      engagement_id text COLLATE "C" NOT NULL REFERENCES engagements (id),
      session_id text,
      kind text NOT NULL,
      format text NOT NULL,
      content text NOT NULL,
      sha256 text NOT NULL,
      created_at text COLLATE "C" NOT NULL
    )`,
    `CREATE TABLE seed_versions (
      engagement_id text COLLATE "C" NOT NULL REFERENCES engagements (id),
      version integer NOT NULL,
      seed text NOT NULL,
      source text NOT NULL,
      document_id text,
      induction_status text NOT NULL,
      findings text NOT NULL,
      created_at text NOT NULL,
      PRIMARY KEY (engagement_id, version)
    )`,
    `CREATE TABLE events (
      id text COLLATE "C" NOT NULL UNIQUE,
      engagement_id text COLLATE "C" NOT NULL REFERENCES engagements (id),
      seq integer NOT NULL,
      type text NOT NULL,
      actor_kind text NOT NULL,
      actor_id text NOT NULL,
      at text NOT NULL,
      payload text NOT NULL,
      prev_hash text NOT NULL,
      hash text NOT NULL,
      PRIMARY KEY (engagement_id, seq)
    )`,
    `CREATE TABLE outbox (
      event_id text COLLATE "C" PRIMARY KEY REFERENCES events (id),
      engagement_id text COLLATE "C" NOT NULL,
      seq integer NOT NULL,
      hash text NOT NULL,
      priority text NOT NULL,
      enqueued_at text COLLATE "C" NOT NULL,
      anchored_at text,
      receipt text
    )`,
  ],
};
