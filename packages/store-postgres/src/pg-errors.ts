// Turns what pg throws into LoomworksErrors by SQLSTATE (never by message text), keeping pg's error as
// `cause`; connection trouble gets a hint naming the server, never the password.
import { LoomworksError } from '@loomworks/core';
import pg from 'pg';

/** Where the store connects, for messages: host and port, user and database — no password. */
export type ServerDescription = { host: string; port: number; user: string | undefined; database: string | undefined };

/** Reads the connection settings the way pg itself does (config, connection string, PG* variables, defaults) without connecting. */
export function describeServer(config: pg.ClientConfig): ServerDescription {
  const probe = new pg.Client(config) as pg.Client & { user?: string; database?: string };
  return { host: probe.host, port: probe.port, user: probe.user, database: probe.database };
}

function where(server: ServerDescription): string {
  return server.host.startsWith('/') ? `the Unix socket in ${server.host} (port ${server.port})` : `${server.host}:${server.port}`;
}

function connectionHint(server: ServerDescription): string {
  const account = [server.user && `user "${server.user}"`, server.database && `database "${server.database}"`].filter(Boolean).join(', ');
  return `Check that Postgres is running and reachable at ${where(server)}${account ? ` and accepts ${account}` : ''} (the connection string or pool settings).`;
}

/** SQLSTATEs that mean "cannot use this server" rather than "this statement failed". */
function isConnectionState(code: string): boolean {
  return (
    code.startsWith('08') || // connection exception
    code.startsWith('28') || // invalid authorization (wrong password, no such role, pg_hba refusal)
    code === '3D000' || // the database does not exist
    code === '53300' || // too many connections
    code === '57P01' || // admin shutdown
    code === '57P02' || // crash shutdown
    code === '57P03' // cannot connect now (starting up, shutting down)
  );
}

/** What a failure means to a caller: LoomworksErrors pass through; pg's errors get the contract's codes. */
export function toStoreError(error: unknown, server: () => ServerDescription): LoomworksError {
  if (LoomworksError.is(error)) return error;
  if (error instanceof pg.DatabaseError) {
    const details = { sqlState: error.code, table: error.table, constraint: error.constraint };
    switch (error.code) {
      case '23505': // unique_violation
        return new LoomworksError('E_CONFLICT', `A record with the same key is already stored${error.table ? ` in ${error.table}` : ''}`, { cause: error, details });
      case '23503': // foreign_key_violation: the stores' writes only fail it for a missing parent
        return new LoomworksError('E_NOT_FOUND', `The record this one belongs to does not exist${error.constraint ? ` (${error.constraint})` : ''}`, {
          cause: error,
          details,
        });
      case '40001': // serialization_failure
      case '40P01': // deadlock_detected
        return new LoomworksError('E_CONFLICT', 'A concurrent transaction won the race; retry', { cause: error, details });
    }
    if (error.code !== undefined && isConnectionState(error.code)) {
      const target = server();
      return new LoomworksError('E_STORE', `Cannot use the Postgres server at ${where(target)}: ${error.message}`, {
        cause: error,
        details,
        hint: connectionHint(target),
      });
    }
    return new LoomworksError('E_STORE', `Postgres failed: ${error.message}`, { cause: error, details });
  }
  if (error instanceof TypeError || error instanceof SyntaxError || error instanceof RangeError || error instanceof ReferenceError) {
    // A bug or unreadable stored data, not the connection.
    return new LoomworksError('E_STORE', `The Postgres store failed: ${error.message}`, { cause: error });
  }
  // Not a server response: the socket (refused, reset, timed out) or pg's client gave up on the connection.
  const target = server();
  const reason = error instanceof Error ? error.message : String(error);
  return new LoomworksError('E_STORE', `Cannot reach the Postgres server at ${where(target)}: ${reason}`, { cause: error, hint: connectionHint(target) });
}
