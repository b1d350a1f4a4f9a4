// copyStore (SPEC §7.2): moves every record from one store to another — the path from the embedded
// default to Postgres — page by page, so a large database never loads into memory at once.
import { STORE_TABLES, type StoreTable } from './records';
import type { LoomworksStore } from './store';

export type CopyStoreOptions = {
  /** Records read and written per page (and per target transaction). Default 500. */
  pageSize?: number;
  /** Called after each page. */
  onProgress?: (progress: { table: StoreTable; copied: number; skipped: number }) => void;
};

export type CopyStoreResult = {
  /** Records inserted into the target, per kind the SPEC names. */
  engagements: number;
  sessions: number;
  events: number;
  /** Every table: records inserted, and records skipped because an identical one was already there. */
  tables: Record<StoreTable, { copied: number; skipped: number }>;
};

/**
 * Copies every table, parents before children, keeping ids. A record already in the target is skipped
 * when identical and fails the copy with `E_CONFLICT` when it differs (pages committed before it stay:
 * copying again after fixing the conflict skips them). Both stores stay open.
 */
export async function copyStore(from: LoomworksStore, to: LoomworksStore, options: CopyStoreOptions = {}): Promise<CopyStoreResult> {
  const pageSize = options.pageSize ?? 500;
  const tables = Object.fromEntries(STORE_TABLES.map((table) => [table, { copied: 0, skipped: 0 }])) as CopyStoreResult['tables'];
  for (const table of STORE_TABLES) {
    let after: string | null = null;
    do {
      const page: { records: unknown[]; next: string | null } = await from.scan(table, { after, limit: pageSize });
      const outcomes = await to.transaction(async (tx) => {
        const results: string[] = [];
        for (const record of page.records) results.push(await tx.importRecord(table, record as never));
        return results;
      });
      const counts = tables[table];
      for (const outcome of outcomes) outcome === 'inserted' ? (counts.copied += 1) : (counts.skipped += 1);
      options.onProgress?.({ table, ...counts });
      after = page.next;
    } while (after !== null);
  }
  return { engagements: tables.engagements.copied, sessions: tables.sessions.copied, events: tables.events.copied, tables };
}
