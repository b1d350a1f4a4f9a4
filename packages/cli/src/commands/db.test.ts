// `loom db copy --to <url>` through the built CLI: SQLite to another SQLite file and to Postgres, with
// progress and a summary; copying again skips what is there; a differing record stops it (6).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CreationResult, EngagementRecord } from '@loomworks/core';
import { describeWithPostgres } from '@loomworks/testkit';
import { runCli } from '../test-support/run-cli';
import { UNREACHABLE_POSTGRES, createProject, documentOf, marketingNamed, workspace, type Workspace } from './command-test-support';

type CopyDocument = { from: string; to: string; engagements: number; sessions: number; events: number; tables: Record<string, { copied: number; skipped: number }> };
type ListDocument = { engagements: EngagementRecord[] };

const list = async (db: string, operator?: string) =>
  documentOf<ListDocument>(await runCli(['engagements', 'list', '--db', db, '--json', ...(operator ? ['--operator', operator] : [])])).engagements;

/** Two projects in a fresh SQLite file. */
async function populated(operator?: string): Promise<{ space: Workspace; created: CreationResult[] }> {
  const space = workspace('loom-db-');
  const extra = operator ? ['--operator', operator] : [];
  const created = [await createProject(space.db, undefined, extra), await createProject(space.db, marketingNamed(space.dir, 'Second project'), extra)];
  return { space, created };
}

describe('loom db copy to SQLite', () => {
  let space: Workspace;
  beforeAll(async () => {
    ({ space } = await populated());
  });

  it('copies every record with progress and a summary, and the copy lists and verifies the same', async () => {
    const target = join(space.dir, 'copy', 'target.db');
    const run = await runCli(['db', 'copy', '--db', space.db, '--to', target]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('[1/12] persons: 0 copied, 0 already there');
    expect(run.stderr).toContain('[12/12] outbox: 26 copied, 0 already there');
    expect(run.stdout).toMatch(/^events\s+26\s+0$/m);
    expect(run.stdout).toContain(`Copied 2 engagements, 2 sessions and 26 events from ${space.db} to ${target}.`);

    expect(await list(target)).toEqual(await list(space.db));
    const verified = await runCli(['memory', 'verify', '--db', target, '--json']);
    expect(documentOf(verified)).toEqual({ ok: true, engagements: 2, events: 26 });
  });

  it('skips what is already there on a second copy (--json summary)', async () => {
    const target = join(space.dir, 'twice.db');
    expect((await runCli(['db', 'copy', '--db', space.db, '--to', target, '--quiet'])).code).toBe(0);
    const again = await runCli(['db', 'copy', '--db', space.db, '--to', target, '--json']);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
    const document = documentOf<CopyDocument>(again);
    expect(document).toMatchObject({ from: space.db, to: target, engagements: 0, sessions: 0, events: 0 });
    expect(document.tables.events).toEqual({ copied: 0, skipped: 26 });
  });

  it('stops with E_CONFLICT (6) when the target holds a different version of a record', async () => {
    const target = join(space.dir, 'diverged.db');
    expect((await runCli(['db', 'copy', '--db', space.db, '--to', target, '--quiet'])).code).toBe(0);
    // The copy moves on: its engagement record changes, so the source's no longer matches it.
    expect((await runCli(['amend', 'Second project', '--db', target, '--set', 'voice=Quieter.'])).code).toBe(0);
    const run = await runCli(['db', 'copy', '--db', space.db, '--to', target]);
    expect(run.code).toBe(6);
    expect(run.stderr).toMatch(/^error E_CONFLICT: /m);
    const json = await runCli(['db', 'copy', '--db', space.db, '--to', target, '--json']);
    expect(documentOf(json)).toEqual({ error: expect.objectContaining({ code: 'E_CONFLICT', exitCode: 6 }) });
  });

  it('refuses to copy onto itself or without --to (2), and names an unreachable target without its password (6)', async () => {
    const self = await runCli(['db', 'copy', '--db', space.db, '--to', space.db]);
    expect(self.code).toBe(2);
    expect(self.stderr).toMatch(/^error E_USAGE: /);
    expect((await runCli(['db', 'copy', '--db', space.db])).code).toBe(2);
    expect((await runCli(['db', '--db', space.db])).code).toBe(2);

    const unreachable = await runCli(['db', 'copy', '--db', space.db, '--to', UNREACHABLE_POSTGRES]);
    expect(unreachable.code).toBe(6);
    expect(unreachable.stderr).toMatch(/^error E_STORE: /);
    expect(unreachable.stderr + unreachable.stdout).not.toContain('secret-password');
  });

  it('fails with 6 when the source cannot be opened, creating no target', async () => {
    const { dir } = workspace('loom-db-source-');
    const target = join(dir, 'target.db');
    const run = await runCli(['db', 'copy', '--db', dir, '--to', target]);
    expect(run.code).toBe(6);
    expect(existsSync(target)).toBe(false);
  });
});

describeWithPostgres('loom db copy to Postgres', (postgres) => {
  it('copies a SQLite database into Postgres, where the same engagements list and verify', async () => {
    // The server may be shared (LOOMWORKS_TEST_PG_URL): this run's Operator keeps its engagements apart.
    const operator = `copy-${randomBytes(4).toString('hex')}`;
    const { space, created } = await populated(operator);
    const run = await runCli(['db', 'copy', '--db', space.db, '--to', postgres.connectionString, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(documentOf<CopyDocument>(run)).toMatchObject({ engagements: 2, sessions: 2, events: 26 });

    expect(await list(postgres.connectionString, operator)).toEqual(await list(space.db, operator));
    for (const creation of created) {
      const verified = await runCli(['memory', 'verify', creation.engagement.id, '--db', postgres.connectionString, '--operator', operator, '--json']);
      expect(documentOf(verified)).toEqual({ ok: true, engagements: 1, events: 13 });
    }
    const again = documentOf<CopyDocument>(await runCli(['db', 'copy', '--db', space.db, '--to', postgres.connectionString, '--json']));
    expect(again).toMatchObject({ engagements: 0, sessions: 0, events: 0 });
  });
});
