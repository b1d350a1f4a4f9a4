// Benchmark 3 (SPEC §13): scripted creation end to end — createFromContent with the guided Companion on a SQLite
// file, 500 creations — against inserting exactly the rows those creations produced (every table) into a fresh
// file with the same schema, with better-sqlite3 directly, in one transaction. Both in creations/s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { createFromContent, createGuidedCompanion, renderDiscoveryRecord } from '@loomworks/core';
import { createSqliteStore } from '@loomworks/store-sqlite';
import { realisticSeed, seededRandom } from './corpus';
import { benchmarkRow, compare, type BenchmarkRow } from './measure';

const CORPUS_SEED = 500;
const CREATIONS = 500;

type TableRows = { name: string; columns: string[]; rows: unknown[][] };
/** What a run of creations left in its file: the schema (tables and indexes) and every row of every table. */
type Snapshot = { schema: string[]; tables: TableRows[] };

export function pipelineRecords(count = CREATIONS): string[] {
  const random = seededRandom(CORPUS_SEED);
  return Array.from({ length: count }, (_, index) => renderDiscoveryRecord(realisticSeed(random, index)));
}

function withFolder<T>(work: (folder: string) => Promise<T>): Promise<T> {
  const folder = mkdtempSync(join(tmpdir(), 'loomworks-bench-'));
  return work(folder).finally(() => rmSync(folder, { recursive: true, force: true }));
}

/** Runs every creation on a fresh SQLite store; returns creations/s and (when asked) what the file then holds. */
async function createAll(records: readonly string[], capture: boolean): Promise<{ rate: number; snapshot?: Snapshot }> {
  return withFolder(async (folder) => {
    const filename = join(folder, 'loomworks.db');
    const store = createSqliteStore({ filename });
    const companion = createGuidedCompanion();
    const started = performance.now();
    for (const [index, record] of records.entries()) {
      const creation = await createFromContent(record, { companion, store, operator: { id: 'bench' } });
      if (creation.engagement.status !== 'active') throw new Error(`Creation ${index} ended ${creation.engagement.status} (${creation.induction.status})`);
    }
    const rate = records.length / ((performance.now() - started) / 1000);
    await store.close();
    return capture ? { rate, snapshot: readSnapshot(filename) } : { rate };
  });
}

function readSnapshot(filename: string): Snapshot {
  const database = new Database(filename, { readonly: true });
  try {
    const objects = database
      .prepare<[], { type: string; name: string; sql: string }>("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid")
      .all();
    const tables = objects
      .filter((object) => object.type === 'table')
      .map((object): TableRows => {
        const select = database.prepare(`SELECT * FROM "${object.name}" ORDER BY rowid`);
        return { name: object.name, columns: select.columns().map((column) => column.name), rows: select.raw().all() as unknown[][] };
      });
    return { schema: objects.map((object) => object.sql), tables };
  } finally {
    database.close();
  }
}

/** The baseline: the same rows into a fresh file with the same schema and settings, in one transaction. */
async function insertAll(snapshot: Snapshot, creations: number): Promise<number> {
  return withFolder(async (folder) => {
    const database = new Database(join(folder, 'baseline.db'));
    // The settings the SQLite store opens its files with.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    for (const sql of snapshot.schema) database.exec(sql);
    const inserts = snapshot.tables.map((table) => ({
      statement: database.prepare(`INSERT INTO "${table.name}" (${table.columns.map((column) => `"${column}"`).join(', ')}) VALUES (${table.columns.map(() => '?').join(', ')})`),
      rows: table.rows,
    }));
    const started = performance.now();
    database.transaction(() => {
      for (const { statement, rows } of inserts) for (const row of rows) statement.run(row);
    })();
    const rate = creations / ((performance.now() - started) / 1000);
    database.close();
    return rate;
  });
}

export type PipelineBenchmarkResult = BenchmarkRow & { creations: number; rows: number; bytes: number };

export async function runPipelineBenchmark(options: { rounds?: number; creations?: number } = {}): Promise<PipelineBenchmarkResult> {
  const records = pipelineRecords(options.creations ?? CREATIONS);
  // The warm-up round also captures the rows: every round's creations write the same rows (ids and times aside).
  const { snapshot } = await createAll(records, true);
  if (!snapshot) throw new Error('No snapshot');
  const result = await compare({
    warmupRounds: 0,
    rounds: options.rounds ?? 5,
    baseline: () => insertAll(snapshot, records.length),
    subject: async () => (await createAll(records, false)).rate,
  });
  const rows = snapshot.tables.reduce((sum, table) => sum + table.rows.length, 0);
  const bytes = snapshot.tables.reduce((sum, table) => sum + table.rows.reduce((tableSum: number, row) => tableSum + JSON.stringify(row).length, 0), 0);
  return {
    ...benchmarkRow('pipeline', 'creations/s', result, 0.2, 'higher'),
    creations: records.length,
    rows,
    bytes,
  };
}
