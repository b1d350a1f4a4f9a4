// The shape of one schema migration: versioned, forward-only, SQL kept in TypeScript so the bundle carries it.

export type SqliteMigration = {
  /** 1, 2, 3 … in the order they apply. */
  version: number;
  name: string;
  /** SQL run inside the migration transaction. */
  up: string;
};
