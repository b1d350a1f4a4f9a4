// How each record lies in its SQLite table: core's relational layout, with booleans stored as 0 and 1.
import { createRelationalLayout, type TableLayout } from '@loomworks/core';

export type SqlValue = string | number | null;
export type Row = Record<string, SqlValue>;
export type TableSpec<R> = TableLayout<R, number>;

/** Every table of the store contract; SQLite has no boolean type, so 1 is true and 0 false. */
export const TABLES = createRelationalLayout<number>({ encodeBoolean: (value) => (value ? 1 : 0), decodeBoolean: (value) => value === 1 });
