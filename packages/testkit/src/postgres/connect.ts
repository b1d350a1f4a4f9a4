// One short-lived pg connection, to learn whether a server accepts connections. pg is loaded on first
// use, so importing the testkit never requires it (only tests that use Postgres do, and they have it).
import type { ClientConfig } from 'pg';

type PgModule = (typeof import('pg'))['default'];

let pgModule: Promise<PgModule> | null = null;

function loadPg(): Promise<PgModule> {
  // pg is CommonJS: its exports are the default export of the ES module namespace.
  pgModule ??= import('pg').then((module) => module.default);
  return pgModule;
}

/** Connects, runs `SELECT 1` and disconnects; rejects with pg's error when the server is not usable. */
export async function connectOnce(connectionString: string, timeoutMs: number): Promise<void> {
  const pg = await loadPg();
  const config: ClientConfig = { connectionString, connectionTimeoutMillis: timeoutMs };
  const client = new pg.Client(config);
  // A connection that fails after connecting emits 'error'; the awaited calls below already report it.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Drops the named schemas (those that exist) with everything in them: cleanup on a shared server. */
export async function dropSchemas(connectionString: string, schemas: readonly string[]): Promise<void> {
  const pg = await loadPg();
  const client = new pg.Client({ connectionString });
  client.on('error', () => undefined);
  try {
    await client.connect();
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
