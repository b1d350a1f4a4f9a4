// @loomworks/store-sqlite — the embedded default LoomworksStore, on better-sqlite3 (SPEC §7.2).
export { createSqliteStore, type SqliteStore, type SqliteStoreOptions } from './store';
