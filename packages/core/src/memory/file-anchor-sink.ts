// The built-in AnchorSink: appends one JSON line per anchored event to a local file and syncs it to disk.
import { mkdir, open } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isoNow, sha256Hex, systemClock, type Clock } from '../runtime';
import type { AnchorReceipt, AnchorRequest, AnchorSink } from './anchor-sink';
import { canonicalJson } from './canonical-json';

export type FileAnchorSinkOptions = { clock?: Clock };

/**
 * Each anchored event becomes one canonical-JSON line `{ anchoredAt, engagementId, eventId, hash, priority, seq }`
 * appended to `path` (parent directories are created). The batch is written with one append and synced
 * before the receipts are returned, so a receipt never names a line that could still be lost in a crash.
 * A receipt holds the file and the sha256 of its line, so the line can be found and checked later.
 */
export function createFileAnchorSink(path: string, options: FileAnchorSinkOptions = {}): AnchorSink {
  const clock = options.clock ?? systemClock;
  const filePath = resolve(path);
  return {
    id: `file:${filePath}`,
    async anchor(batch: readonly AnchorRequest[]): Promise<AnchorReceipt[]> {
      if (batch.length === 0) return [];
      const anchoredAt = isoNow(clock);
      const lines = batch.map((request) =>
        canonicalJson({
          anchoredAt,
          engagementId: request.engagementId,
          eventId: request.eventId,
          hash: request.hash,
          priority: request.priority,
          seq: request.seq,
        })
      );
      await mkdir(dirname(filePath), { recursive: true });
      const handle = await open(filePath, 'a');
      try {
        await handle.writeFile(lines.map((line) => `${line}\n`).join(''), 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      return batch.map((request, index) => ({
        eventId: request.eventId,
        anchoredAt,
        receipt: { sink: 'file', path: filePath, lineSha256: sha256Hex(lines[index] ?? '') },
      }));
    },
  };
}
