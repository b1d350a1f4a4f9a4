// Where --db points, resolved as main() resolves it, for commands that use the store only when it exists.
import { existsSync } from 'node:fs';
import { defaultDatabasePath, isPostgresUrl, type CommandContext } from '../context';

/** The --db value, else LOOMWORKS_DB, else the default file in the user's data directory. */
export function databaseLocation(context: CommandContext): string {
  return context.args.db ?? context.env.LOOMWORKS_DB ?? defaultDatabasePath(context.env);
}

/** A Postgres URL always counts (only connecting can tell); a SQLite file counts once it exists. */
export function databaseExists(context: CommandContext): boolean {
  const location = databaseLocation(context);
  return isPostgresUrl(location) || existsSync(location);
}
