// startPostgres (SPEC §7.2): the server a Postgres test talks to — LOOMWORKS_TEST_PG_URL when set, else a
// throwaway cluster from the local binaries — or E_POSTGRES_UNAVAILABLE saying why neither works.
import { LoomworksError } from '@loomworks/core';
import { connectOnce } from './connect';
import { findPostgresBinaries, startLocalCluster } from './local-cluster';

/** The environment variable naming an existing server to test against instead of starting one. */
export const TEST_POSTGRES_URL_VARIABLE = 'LOOMWORKS_TEST_PG_URL';

export type StartPostgresOptions = {
  /** A server to use instead of starting one. Default: `process.env.LOOMWORKS_TEST_PG_URL`; `null` always starts a local cluster. */
  connectionString?: string | null;
  /** The folder holding `initdb` and `postgres`. Default: `pg_config --bindir`, else the newest /usr/lib/postgresql/<version>/bin, else PATH. */
  binDir?: string;
  /** How long initdb and the server may take to come up. Default 30 s. */
  startTimeoutMs?: number;
};

export type StartPostgresResult = {
  /** Where to connect; for a local cluster `postgres://postgres@127.0.0.1:<port>/postgres` (trust auth, loopback only). */
  connectionString: string;
  /** Stops a local cluster and removes its directory; a no-op for a server given by URL. Idempotent. */
  stop(): Promise<void>;
};

/** The URL with its password hidden, for messages. */
function redact(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return '(a connection string that is not a URL)';
  }
}

/**
 * Resolves to a Postgres server for tests. With a connection string (the option, else
 * `LOOMWORKS_TEST_PG_URL`) it checks the server answers and hands it back (`stop()` does nothing);
 * otherwise it starts a cluster from the local binaries in a temp directory, on a random port of
 * 127.0.0.1, and `stop()` stops it and deletes the directory (so does process exit, if `stop()` is
 * never called). Rejects with `E_POSTGRES_UNAVAILABLE`, the reason in its message, when neither works.
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<StartPostgresResult> {
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  const given = options.connectionString === undefined ? process.env[TEST_POSTGRES_URL_VARIABLE] || null : options.connectionString;

  if (given !== null) {
    try {
      await connectOnce(given, Math.min(startTimeoutMs, 10_000));
    } catch (error) {
      const source = options.connectionString === undefined ? TEST_POSTGRES_URL_VARIABLE : 'the given connection string';
      throw new LoomworksError('E_POSTGRES_UNAVAILABLE', `Postgres at ${redact(given)} (${source}) is not reachable: ${(error as Error).message}`, {
        cause: error,
        hint: `Start that server or unset ${TEST_POSTGRES_URL_VARIABLE} to use a throwaway local cluster.`,
      });
    }
    return { connectionString: given, stop: async () => undefined };
  }

  const binaries = findPostgresBinaries(options.binDir);
  if (binaries.binDir === null) {
    throw new LoomworksError('E_POSTGRES_UNAVAILABLE', `Cannot start a throwaway Postgres: ${binaries.reason}`, {
      hint: `Install the Postgres server binaries or set ${TEST_POSTGRES_URL_VARIABLE} to a server tests may use.`,
    });
  }
  try {
    return await startLocalCluster(binaries.binDir, startTimeoutMs);
  } catch (error) {
    throw new LoomworksError('E_POSTGRES_UNAVAILABLE', `Cannot start a throwaway Postgres from ${binaries.binDir}: ${(error as Error).message}`, {
      cause: error,
      hint: `Set ${TEST_POSTGRES_URL_VARIABLE} to a server tests may use instead.`,
    });
  }
}
