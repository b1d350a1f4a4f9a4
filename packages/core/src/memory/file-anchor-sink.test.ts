import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileAnchorSink, type AnchorRequest } from '.';
import { sha256Hex } from '../runtime';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'loomworks-anchor-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const clock = { now: () => Date.parse('2026-03-04T05:06:07.000Z') };

function request(seq: number, priority: AnchorRequest['priority'] = 'standard'): AnchorRequest {
  return { eventId: `evt-${seq}`, engagementId: 'eng-1', seq, hash: String(seq).repeat(64).slice(0, 64), priority };
}

describe('createFileAnchorSink', () => {
  it('creates missing parent directories and writes one canonical JSON line per event', async () => {
    const path = join(directory, 'nested', 'deeper', 'anchors.jsonl');
    const sink = createFileAnchorSink(path, { clock });
    await sink.anchor([request(1), request(2, 'high')]);
    const text = await readFile(path, 'utf8');
    expect(text).toBe(
      '{"anchoredAt":"2026-03-04T05:06:07.000Z","engagementId":"eng-1","eventId":"evt-1","hash":"1111111111111111111111111111111111111111111111111111111111111111","priority":"standard","seq":1}\n' +
        '{"anchoredAt":"2026-03-04T05:06:07.000Z","engagementId":"eng-1","eventId":"evt-2","hash":"2222222222222222222222222222222222222222222222222222222222222222","priority":"high","seq":2}\n'
    );
  });

  it('appends across calls and across sink instances without truncating earlier receipts', async () => {
    const path = join(directory, 'anchors.jsonl');
    await createFileAnchorSink(path, { clock }).anchor([request(1)]);
    await createFileAnchorSink(path, { clock }).anchor([request(2), request(3)]);
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { seq: number }).seq)).toEqual([1, 2, 3]);
  });

  it('returns one receipt per event naming the file and the sha256 of its line', async () => {
    const path = join(directory, 'anchors.jsonl');
    const sink = createFileAnchorSink(path, { clock });
    const receipts = await sink.anchor([request(1), request(2)]);
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(receipts).toEqual([
      { eventId: 'evt-1', anchoredAt: '2026-03-04T05:06:07.000Z', receipt: { sink: 'file', path, lineSha256: sha256Hex(lines[0] ?? '') } },
      { eventId: 'evt-2', anchoredAt: '2026-03-04T05:06:07.000Z', receipt: { sink: 'file', path, lineSha256: sha256Hex(lines[1] ?? '') } },
    ]);
    expect(sink.id).toBe(`file:${path}`);
  });

  it('rejects when the file cannot be written, so nothing is reported as anchored', async () => {
    const blocker = join(directory, 'not-a-directory');
    await createFileAnchorSink(blocker, { clock }).anchor([request(1)]);
    await expect(createFileAnchorSink(join(blocker, 'anchors.jsonl'), { clock }).anchor([request(2)])).rejects.toThrow();
  });

  it('touches nothing for an empty batch', async () => {
    const path = join(directory, 'never', 'anchors.jsonl');
    expect(await createFileAnchorSink(path).anchor([])).toEqual([]);
    await expect(readFile(path, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
