// Schema version 1: every table of the store contract (SPEC §7.2), with keys and parent references.
import type { SqliteMigration } from './migration';

// STRICT tables refuse a value of the wrong type instead of silently converting it, so a record always
// reads back exactly as it was written. JSON values are TEXT written with JSON.stringify.
export const initialMigration: SqliteMigration = {
  version: 1,
  name: 'initial',
  up: `
CREATE TABLE engagements (
  id TEXT NOT NULL PRIMARY KEY,
  operator_id TEXT NOT NULL,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  status TEXT NOT NULL,
  induction_status TEXT,
  seed_version INTEGER,
  session_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- No reference between sessions.engagement_id and engagements.session_id: each points at the other,
-- and copyStore writes engagements before sessions.
CREATE TABLE sessions (
  id TEXT NOT NULL PRIMARY KEY,
  operator_id TEXT NOT NULL,
  companion_id TEXT NOT NULL,
  status TEXT NOT NULL,
  engagement_id TEXT,
  state TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE turns (
  session_id TEXT NOT NULL REFERENCES sessions (id),
  idx INTEGER NOT NULL,
  role TEXT NOT NULL,
  text TEXT NOT NULL,
  at TEXT NOT NULL,
  intent TEXT,
  trace TEXT,
  usage TEXT,
  request TEXT,
  PRIMARY KEY (session_id, idx)
) STRICT;

CREATE TABLE documents (
  id TEXT NOT NULL PRIMARY KEY,
  engagement_id TEXT NOT NULL REFERENCES engagements (id),
  session_id TEXT,
  kind TEXT NOT NULL,
  format TEXT NOT NULL,
  content TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE seed_versions (
  engagement_id TEXT NOT NULL REFERENCES engagements (id),
  version INTEGER NOT NULL,
  seed TEXT NOT NULL,
  source TEXT NOT NULL,
  document_id TEXT,
  induction_status TEXT NOT NULL,
  findings TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (engagement_id, version)
) STRICT;

CREATE TABLE events (
  id TEXT NOT NULL UNIQUE,
  engagement_id TEXT NOT NULL REFERENCES engagements (id),
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  actor_kind TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  at TEXT NOT NULL,
  payload TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (engagement_id, seq)
) STRICT;

CREATE TABLE outbox (
  event_id TEXT NOT NULL PRIMARY KEY REFERENCES events (id),
  engagement_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL,
  priority TEXT NOT NULL,
  enqueued_at TEXT NOT NULL,
  anchored_at TEXT,
  receipt TEXT
) STRICT;

CREATE TABLE persons (
  id TEXT NOT NULL PRIMARY KEY,
  display_name TEXT NOT NULL,
  email TEXT,
  user_handle TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE credentials (
  id TEXT NOT NULL PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES persons (id),
  public_key TEXT NOT NULL,
  counter INTEGER NOT NULL,
  transports TEXT NOT NULL,
  device_type TEXT NOT NULL,
  backed_up INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT
) STRICT;

CREATE TABLE challenges (
  flow_id TEXT NOT NULL PRIMARY KEY,
  challenge TEXT NOT NULL,
  purpose TEXT NOT NULL,
  person_id TEXT,
  data TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;

CREATE TABLE auth_sessions (
  token_hash TEXT NOT NULL PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES persons (id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;

CREATE TABLE recovery_codes (
  code_hash TEXT NOT NULL PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES persons (id),
  created_at TEXT NOT NULL,
  used_at TEXT
) STRICT;
`,
};
