// The shape of one forward-only schema migration: SQL kept as strings so the bundle carries it.

export type Migration = {
  /** 1, 2, 3 …: applied in order, each once, recorded in loomworks_migrations. */
  version: number;
  name: string;
  /** Statements run in order, with the store's schema as the search_path. */
  up: readonly string[];
};
