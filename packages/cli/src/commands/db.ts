// `loom db copy --to <path | postgres://…>`: copies every record of the --db store into another store,
// keeping ids (copyStore) — the way from the embedded SQLite file to Postgres. Safe to run again.
import { resolve } from 'node:path';
import { LoomworksError, STORE_TABLES, copyStore, type StoreTable } from '@loomworks/core';
import { defineCommand } from '../command';
import { isPostgresUrl, openStore } from '../context';
import { plural } from '../format/plural';
import { databaseLocation } from './database-location';

const copyCommand = defineCommand({
command: 'copy',
describe: 'Copy everything in --db into another database (records already there are skipped; a differing one stops the copy, exit 6)',
builder: (yargs) => yargs.option('to', { type: 'string', demandOption: true, requiresArg: true, describe: 'The target: a SQLite file or a postgres:// URL' }),
examples: [
  ['$0 db copy --to postgres://loom@db.internal/loomworks', 'Move the default SQLite database to Postgres'],
  ['$0 db copy --db old.db --to new.db --json', '{ from, to, engagements, sessions, events, tables }'],
],
run: async (context, args) => {
  const from = databaseLocation(context);
  if (sameLocation(from, args.to)) {
    throw new LoomworksError('E_USAGE', 'The target is the database being copied', { hint: 'Give --to another file or URL than --db.' });
  }
  const source = await context.store();
  const target = await openStore(args.to);
  try {
    const progress = context.out.progress(STORE_TABLES.length);
    let current: { table: StoreTable; copied: number; skipped: number } | null = null;
    const finish = () => current && progress.tick(`${current.table}: ${current.copied} copied, ${current.skipped} already there`);
    const result = await copyStore(source, target, {
      onProgress: (update) => {
        // Called after every page; a table is done when the next one starts.
        if (current && current.table !== update.table) finish();
        current = update;
      },
    });
    finish();
    progress.done();

    context.out.document({ from: redact(from), to: redact(args.to), engagements: result.engagements, sessions: result.sessions, events: result.events, tables: result.tables });
    context.out.table(
      ['TABLE', 'COPIED', 'ALREADY THERE'],
      STORE_TABLES.map((table) => [table, String(result.tables[table].copied), String(result.tables[table].skipped)]),
    );
    context.out.line();
    context.out.line(`Copied ${plural(result.engagements, 'engagement')}, ${plural(result.sessions, 'session')} and ${plural(result.events, 'event')} from ${redact(from)} to ${redact(args.to)}.`);
  } finally {
    await target.close();
  }
},
});

export const dbCommand = defineCommand({
  command: 'db',
  describe: 'Database maintenance: copy to another store',
  builder: (yargs) => yargs.command(copyCommand).demandCommand(1, 'Choose copy (see loom db --help).'),
  examples: [['$0 db copy --to postgres://loom@db.internal/loomworks', 'Copy everything to Postgres']],
  run: async () => {
    throw new LoomworksError('E_USAGE', 'Choose copy', { hint: 'See loom db --help.' });
  },
});

function sameLocation(left: string, right: string): boolean {
  if (isPostgresUrl(left) || isPostgresUrl(right)) return left === right;
  return resolve(left) === resolve(right);
}

/** A Postgres URL without its password, for printing. */
function redact(location: string): string {
  if (!isPostgresUrl(location)) return location;
  try {
    const url = new URL(location);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return location.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}
