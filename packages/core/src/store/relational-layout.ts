// How the store records lie in SQL tables, for store adapters (SQLite, Postgres, your own): each table's columns,
// primary key, and the conversions between a record and a row. Adapters keep their own SQL; they share this.
import { STORE_TABLES, type StoreRecordOf, type StoreTable } from './records';

/** What differs between SQL databases in how a record is stored: only booleans (SQLite has none and stores 0 or 1). */
export type RelationalDialect<SqlBoolean> = {
  encodeBoolean(value: boolean): SqlBoolean;
  decodeBoolean(value: unknown): boolean;
};

/** A value bound to a column: text (JSON is stored as the text `JSON.stringify` writes), an integer, null, or a boolean. */
export type RowValue<SqlBoolean> = string | number | null | SqlBoolean;

/** One table of the layout. */
export type TableLayout<R, SqlBoolean = unknown> = {
  /** The SQL table name (unqualified). */
  readonly table: string;
  /** Every column, in the order `toRow` gives values. */
  readonly columns: readonly string[];
  /** The primary-key columns, in scan order: one text column, or a parent id and a number within the parent. */
  readonly key: readonly string[];
  /** The type of each primary-key value, to check a scan cursor against. */
  readonly keyShape: readonly ('string' | 'number')[];
  keyOf(record: R): (string | number)[];
  toRow(record: R): RowValue<SqlBoolean>[];
  fromRow(row: Readonly<Record<string, unknown>>): R;
};

/** Every table of the store contract, by its name in `STORE_TABLES`. */
export type RelationalLayout<SqlBoolean = unknown> = { readonly [T in StoreTable]: TableLayout<StoreRecordOf[T], SqlBoolean> };

// ── Declarations ─────────────────────────────────────────────────────────────────────────────

type ColumnKind = 'text' | 'integer' | 'boolean' | 'json';

/** How one record field is stored. `value` exists only in the type: it makes a column fit its field exactly, nullability included. */
type Column<Value> = { readonly column: string; readonly kind: ColumnKind; readonly nullable: boolean; readonly value?: (value: Value) => Value };

/** An object field stored flat, one column per property (an event's actor). */
type Embedded<Value> = { readonly embedded: Fields<Value> };

type Fields<R> = { readonly [K in keyof R]-?: Column<R[K]> | Embedded<R[K]> };

type TableDeclaration<R> = { table: string; key: readonly (keyof R & string)[]; fields: Fields<R> };

const text = <Value extends string = string>(column: string): Column<Value> => ({ column, kind: 'text', nullable: false });
const textOrNull = <Value extends string = string>(column: string): Column<Value | null> => ({ column, kind: 'text', nullable: true });
const integer = (column: string): Column<number> => ({ column, kind: 'integer', nullable: false });
const integerOrNull = (column: string): Column<number | null> => ({ column, kind: 'integer', nullable: true });
const boolean = (column: string): Column<boolean> => ({ column, kind: 'boolean', nullable: false });
const json = <Value>(column: string): Column<Value> => ({ column, kind: 'json', nullable: false });
const jsonOrNull = <Value>(column: string): Column<Value | null> => ({ column, kind: 'json', nullable: true });

// Fields are declared in column order: statements that bind `toRow` positionally depend on it.
const DECLARATIONS: { [T in StoreTable]: TableDeclaration<StoreRecordOf[T]> } = {
  persons: {
    table: 'persons',
    key: ['id'],
    fields: {
      id: text('id'),
      displayName: text('display_name'),
      email: textOrNull('email'),
      userHandle: text('user_handle'),
      createdAt: text('created_at'),
    },
  },
  credentials: {
    table: 'credentials',
    key: ['id'],
    fields: {
      id: text('id'),
      personId: text('person_id'),
      publicKey: text('public_key'),
      counter: integer('counter'),
      transports: json('transports'),
      deviceType: text('device_type'),
      backedUp: boolean('backed_up'),
      createdAt: text('created_at'),
      lastUsedAt: textOrNull('last_used_at'),
    },
  },
  challenges: {
    table: 'challenges',
    key: ['flowId'],
    fields: {
      flowId: text('flow_id'),
      challenge: text('challenge'),
      purpose: text('purpose'),
      personId: textOrNull('person_id'),
      data: jsonOrNull('data'),
      createdAt: text('created_at'),
      expiresAt: text('expires_at'),
    },
  },
  authSessions: {
    table: 'auth_sessions',
    key: ['tokenHash'],
    fields: {
      tokenHash: text('token_hash'),
      personId: text('person_id'),
      createdAt: text('created_at'),
      expiresAt: text('expires_at'),
      revokedAt: textOrNull('revoked_at'),
    },
  },
  recoveryCodes: {
    table: 'recovery_codes',
    key: ['codeHash'],
    fields: { codeHash: text('code_hash'), personId: text('person_id'), createdAt: text('created_at'), usedAt: textOrNull('used_at') },
  },
  engagements: {
    table: 'engagements',
    key: ['id'],
    fields: {
      id: text('id'),
      operatorId: text('operator_id'),
      name: text('name'),
      nameKey: text('name_key'),
      status: text('status'),
      inductionStatus: textOrNull('induction_status'),
      seedVersion: integerOrNull('seed_version'),
      sessionId: textOrNull('session_id'),
      createdAt: text('created_at'),
      updatedAt: text('updated_at'),
    },
  },
  sessions: {
    table: 'sessions',
    key: ['id'],
    fields: {
      id: text('id'),
      operatorId: text('operator_id'),
      companionId: text('companion_id'),
      status: text('status'),
      engagementId: textOrNull('engagement_id'),
      state: json('state'),
      version: integer('version'),
      createdAt: text('created_at'),
      updatedAt: text('updated_at'),
    },
  },
  turns: {
    table: 'turns',
    key: ['sessionId', 'index'],
    fields: {
      sessionId: text('session_id'),
      index: integer('idx'),
      role: text('role'),
      text: text('text'),
      at: text('at'),
      intent: textOrNull('intent'),
      trace: jsonOrNull('trace'),
      usage: jsonOrNull('usage'),
      request: jsonOrNull('request'),
    },
  },
  documents: {
    table: 'documents',
    key: ['id'],
    fields: {
      id: text('id'),
      engagementId: text('engagement_id'),
      sessionId: textOrNull('session_id'),
      kind: text('kind'),
      format: text('format'),
      content: text('content'),
      sha256: text('sha256'),
      createdAt: text('created_at'),
    },
  },
  seedVersions: {
    table: 'seed_versions',
    key: ['engagementId', 'version'],
    fields: {
      engagementId: text('engagement_id'),
      version: integer('version'),
      seed: json('seed'),
      source: text('source'),
      documentId: textOrNull('document_id'),
      inductionStatus: text('induction_status'),
      findings: json('findings'),
      createdAt: text('created_at'),
    },
  },
  events: {
    table: 'events',
    key: ['engagementId', 'seq'],
    fields: {
      id: text('id'),
      engagementId: text('engagement_id'),
      seq: integer('seq'),
      type: text('type'),
      actor: { embedded: { kind: text('actor_kind'), id: text('actor_id') } },
      at: text('at'),
      payload: json('payload'),
      prevHash: text('prev_hash'),
      hash: text('hash'),
    },
  },
  outbox: {
    table: 'outbox',
    key: ['eventId'],
    fields: {
      eventId: text('event_id'),
      engagementId: text('engagement_id'),
      seq: integer('seq'),
      hash: text('hash'),
      priority: text('priority'),
      enqueuedAt: text('enqueued_at'),
      anchoredAt: textOrNull('anchored_at'),
      receipt: jsonOrNull('receipt'),
    },
  },
};

// ── Conversions ──────────────────────────────────────────────────────────────────────────────

type AnyColumn = Column<unknown>;
/** A declaration with the record type erased, as the conversions see it. */
type Field = { field: string; column: AnyColumn } | { field: string; embedded: { field: string; column: AnyColumn }[] };

function fieldsOf(fields: object): Field[] {
  return Object.entries(fields as Record<string, AnyColumn | Embedded<unknown>>).map(([field, layout]) =>
    'embedded' in layout
      ? { field, embedded: Object.entries(layout.embedded as Record<string, AnyColumn>).map(([inner, column]) => ({ field: inner, column })) }
      : { field, column: layout }
  );
}

function encode<SqlBoolean>(column: AnyColumn, value: unknown, dialect: RelationalDialect<SqlBoolean>): RowValue<SqlBoolean> {
  if (value === null && column.nullable) return null;
  if (column.kind === 'json') return JSON.stringify(value);
  if (column.kind === 'boolean') return dialect.encodeBoolean(value as boolean);
  return value as string | number;
}

function decode<SqlBoolean>(column: AnyColumn, value: unknown, dialect: RelationalDialect<SqlBoolean>): unknown {
  if ((value === null || value === undefined) && column.nullable) return null;
  // JSON.parse of the stored text gives the value back exactly, key order kept.
  if (column.kind === 'json') return JSON.parse(value as string);
  if (column.kind === 'boolean') return dialect.decodeBoolean(value);
  // A driver may hand back a 64-bit integer as a string (Postgres BIGINT).
  if (column.kind === 'integer') return Number(value);
  return value;
}

type AnyRecord = Record<string, unknown>;

function tableLayout<SqlBoolean>(declaration: TableDeclaration<AnyRecord>, dialect: RelationalDialect<SqlBoolean>): TableLayout<AnyRecord, SqlBoolean> {
  const fields = fieldsOf(declaration.fields);
  const columns = fields.flatMap((entry) => ('column' in entry ? [entry.column] : entry.embedded.map((inner) => inner.column)));
  const keyColumns = declaration.key.map((field) => declaration.fields[field] as AnyColumn);
  return {
    table: declaration.table,
    columns: columns.map((column) => column.column),
    key: keyColumns.map((column) => column.column),
    keyShape: keyColumns.map((column) => (column.kind === 'integer' ? 'number' : 'string')),
    keyOf: (record) => declaration.key.map((field) => record[field] as string | number),
    toRow: (record) => {
      const row: RowValue<SqlBoolean>[] = [];
      for (const entry of fields) {
        if ('column' in entry) row.push(encode(entry.column, record[entry.field], dialect));
        else {
          const value = record[entry.field] as AnyRecord;
          for (const inner of entry.embedded) row.push(encode(inner.column, value[inner.field], dialect));
        }
      }
      return row;
    },
    fromRow: (row) => {
      const record: AnyRecord = {};
      for (const entry of fields) {
        if ('column' in entry) record[entry.field] = decode(entry.column, row[entry.column.column], dialect);
        else {
          const value: AnyRecord = {};
          for (const inner of entry.embedded) value[inner.field] = decode(inner.column, row[inner.column.column], dialect);
          record[entry.field] = value;
        }
      }
      return record;
    },
  };
}

/** The layout of every table, storing booleans as `dialect` says. For store adapters, not for applications. */
export function createRelationalLayout<SqlBoolean>(dialect: RelationalDialect<SqlBoolean>): RelationalLayout<SqlBoolean> {
  const tables = STORE_TABLES.map((table) => [table, tableLayout(DECLARATIONS[table] as unknown as TableDeclaration<AnyRecord>, dialect)]);
  return Object.fromEntries(tables) as unknown as RelationalLayout<SqlBoolean>;
}
