// @loomworks/store-postgres — the Postgres LoomworksStore (SPEC §7.2), on pg.
export { createPostgresStore, type PostgresStore, type PostgresStoreOptions } from './store';
