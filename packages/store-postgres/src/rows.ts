// How each record lies in its Postgres table: core's relational layout, with Postgres's own booleans.
import { createRelationalLayout } from '@loomworks/core';

export type Row = Record<string, unknown>;

/** Every table of the store contract, by its name in `STORE_TABLES`. */
export const TABLE_MAPPINGS = createRelationalLayout<boolean>({ encodeBoolean: (value) => value, decodeBoolean: (value) => value === true });
