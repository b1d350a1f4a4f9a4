// `loom memory log | verify | anchor` through the built CLI: the event log, chain verification that finds
// an event changed behind the store's back (exit 3, naming the engagement and seq), and anchoring.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CreationResult, MemoryEvent } from '@loomworks/core';
import { runCli } from '../test-support/run-cli';
import { MARKETING_NAME, UNREACHABLE_POSTGRES, createProject, documentOf, marketingNamed, workspace, type Workspace } from './command-test-support';

type LogDocument = { engagement: { id: string; name: string }; events: MemoryEvent[] };

describe('loom memory log', () => {
  let space: Workspace;
  let created: CreationResult;
  beforeAll(async () => {
    space = workspace('loom-memory-log-');
    created = await createProject(space.db);
  });

  it('lists every event in seq order with type, actor, time, short hash and payload', async () => {
    const json = await runCli(['memory', 'log', MARKETING_NAME, '--db', space.db, '--json']);
    expect(json.code).toBe(0);
    const document = documentOf<LogDocument>(json);
    expect(document.engagement).toEqual({ id: created.engagement.id, name: MARKETING_NAME });
    expect(document.events.map((event) => event.seq)).toEqual(Array.from({ length: 13 }, (_, index) => index + 1));
    expect(document.events.slice(0, 5).map((event) => event.type)).toEqual([
      'engagement_created',
      'discovery_record_uploaded',
      'discovery_to_seed_extracted',
      'seed_inducted',
      'engagement_activated',
    ]);
    for (const event of document.events) expect(event.hash).toMatch(/^[0-9a-f]{64}$/);

    const human = await runCli(['memory', 'log', created.engagement.id, '--db', space.db]);
    expect(human.code).toBe(0);
    const lines = human.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${MARKETING_NAME} (${created.engagement.id}): 13 events`);
    expect(lines[1]).toMatch(/^SEQ\s+TYPE\s+ACTOR\s+AT\s+HASH\s+PAYLOAD$/);
    const first = document.events[0] as MemoryEvent;
    expect(lines[2]).toMatch(new RegExp(`^1\\s+engagement_created\\s+${first.actor.kind}:${first.actor.id}\\s+\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}Z\\s+${first.hash.slice(0, 12)}\\s+\\{"`));
    expect(lines).toHaveLength(15);
  });

  it('answers an unknown engagement with 3 and a store it cannot reach with 6', async () => {
    const unknown = await runCli(['memory', 'log', 'no such project', '--db', space.db, '--json']);
    expect(unknown.code).toBe(3);
    expect(documentOf(unknown)).toEqual({ error: expect.objectContaining({ code: 'E_NOT_FOUND', exitCode: 3 }) });
    expect((await runCli(['memory', 'log', MARKETING_NAME, '--db', UNREACHABLE_POSTGRES])).code).toBe(6);
    expect((await runCli(['memory', '--db', space.db])).code).toBe(2);
  });
});

describe('loom memory verify', () => {
  it('verifies every chain, then finds one stored event changed directly in the SQLite file (exit 3, engagement and seq named)', async () => {
    const space = workspace('loom-memory-verify-');
    const tampered = await createProject(space.db);
    const intact = await createProject(space.db, marketingNamed(space.dir, 'Second project'));

    const ok = await runCli(['memory', 'verify', '--db', space.db]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('Memory verified: 26 events in 2 engagements.\n');
    expect(documentOf(await runCli(['memory', 'verify', '--db', space.db, '--json']))).toEqual({ ok: true, engagements: 2, events: 26 });

    // Change one event's payload behind the store's back, the way a bad actor with the file would.
    const database = new Database(space.db);
    const changed = database
      .prepare("UPDATE events SET payload = json_set(payload, '$.value', 'Prices are fine to mention.') WHERE engagement_id = ? AND seq = 8")
      .run(tampered.engagement.id);
    database.close();
    expect(changed.changes).toBe(1);

    const broken = await runCli(['memory', 'verify', '--db', space.db]);
    expect(broken.code).toBe(3);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toMatch(new RegExp(`^error E_CHAIN_BROKEN: Memory of "${MARKETING_NAME}" \\(${tampered.engagement.id}\\) is broken at seq 8: .*\\(hash-mismatch\\)`));

    const json = await runCli(['memory', 'verify', '--db', space.db, '--json']);
    expect(json.code).toBe(3);
    expect(documentOf(json)).toEqual({
      ok: false,
      engagementId: tampered.engagement.id,
      seq: 8,
      reason: 'hash-mismatch',
      error: expect.objectContaining({ code: 'E_CHAIN_BROKEN', exitCode: 3 }),
    });

    // One engagement at a time: the tampered one is broken, the other still verifies.
    expect((await runCli(['memory', 'verify', MARKETING_NAME, '--db', space.db])).code).toBe(3);
    const other = await runCli(['memory', 'verify', intact.engagement.id, '--db', space.db]);
    expect(other.code).toBe(0);
    expect(other.stdout).toBe('Memory verified: 13 events in 1 engagement.\n');
  });

  it('answers an unknown engagement with 3 and a store it cannot reach with 6', async () => {
    const space = workspace('loom-memory-verify-fail-');
    expect((await runCli(['memory', 'verify', 'no such project', '--db', space.db])).code).toBe(3);
    const store = await runCli(['memory', 'verify', '--db', UNREACHABLE_POSTGRES, '--json']);
    expect(store.code).toBe(6);
    expect(documentOf(store)).toEqual({ error: expect.objectContaining({ code: 'E_STORE', exitCode: 6 }) });
  });
});

describe('loom memory anchor', () => {
  it('drains the outbox into a JSON Lines file once: one line per event, with its hash', async () => {
    const space = workspace('loom-memory-anchor-');
    const created = await createProject(space.db);
    const sink = join(space.dir, 'anchors', 'receipts.jsonl');

    const run = await runCli(['memory', 'anchor', '--sink', sink, '--db', space.db]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Anchored 13 events to ${sink}.\n`);
    const lines = readFileSync(sink, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { engagementId: string; seq: number; hash: string });
    const log = documentOf<LogDocument>(await runCli(['memory', 'log', created.engagement.id, '--db', space.db, '--json']));
    expect(lines.map((line) => line.hash).sort()).toEqual(log.events.map((event) => event.hash).sort());
    expect(new Set(lines.map((line) => line.engagementId))).toEqual(new Set([created.engagement.id]));

    // Anchored events are not anchored again.
    const again = await runCli(['memory', 'anchor', '--sink', sink, '--db', space.db, '--json']);
    expect(documentOf(again)).toEqual({ anchored: 0, batches: 0, sink });
    expect(readFileSync(sink, 'utf8').trimEnd().split('\n')).toHaveLength(13);
  });

  it('needs --sink (2), and reports a sink it cannot write as a store failure (6) that anchors nothing', async () => {
    const space = workspace('loom-memory-anchor-fail-');
    await createProject(space.db);
    expect((await runCli(['memory', 'anchor', '--db', space.db])).code).toBe(2);

    const file = join(space.dir, 'plain-file');
    writeFileSync(file, 'not a folder');
    const run = await runCli(['memory', 'anchor', '--sink', join(file, 'receipts.jsonl'), '--db', space.db]);
    expect(run.code).toBe(6);
    expect(run.stderr).toMatch(/^error E_ANCHOR: /);
    // Still pending: a working sink gets all of them.
    const retry = await runCli(['memory', 'anchor', '--sink', join(space.dir, 'receipts.jsonl'), '--db', space.db, '--json']);
    expect(documentOf(retry)).toMatchObject({ anchored: 13 });
  });
});
