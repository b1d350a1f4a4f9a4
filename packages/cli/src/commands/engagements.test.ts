// `loom engagements list | show` through the built CLI: newest first, keyset pages, one Operator's own,
// the full picture of one engagement, and the failure paths with their exit codes.
import { beforeAll, describe, expect, it } from 'vitest';
import type { CreationResult, EngagementRecord } from '@loomworks/core';
import { runCli } from '../test-support/run-cli';
import { MARKETING, MARKETING_NAME, UNREACHABLE_POSTGRES, createProject, documentOf, marketingNamed, unusableDatabase, workspace } from './command-test-support';

type ListDocument = { engagements: EngagementRecord[]; nextCursor: string | null };

describe('loom engagements list', () => {
  const { dir, db } = workspace('loom-engagements-');
  const names = ['First project', 'Second project', 'Third project'];
  beforeAll(async () => {
    // One after the other, so their creation order is their age.
    for (const name of names) await createProject(db, marketingNamed(dir, name));
  });

  it('lists the Operator\'s engagements newest first, as a table and as JSON', async () => {
    const human = await runCli(['engagements', 'list', '--db', db]);
    expect(human.code).toBe(0);
    const lines = human.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+STATUS\s+INDUCTION\s+CREATED\s+ID$/);
    expect(lines.slice(1).map((line) => line.split(/\s{2,}/)[0])).toEqual(['Third project', 'Second project', 'First project']);
    expect(lines[1]).toMatch(/Third project\s+active\s+induction-pass-clean\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}Z\s+[0-9A-Z]{26}$/);

    const json = await runCli(['engagements', 'list', '--db', db, '--json']);
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    const document = documentOf<ListDocument>(json);
    expect(document.engagements.map((engagement) => engagement.name)).toEqual(['Third project', 'Second project', 'First project']);
    expect(document.engagements[0]).toMatchObject({ status: 'active', inductionStatus: 'induction-pass-clean', seedVersion: 1 });
    expect(document.nextCursor).toBeNull();
  });

  it('pages with --limit and --cursor without skipping or repeating anyone', async () => {
    const first = documentOf<ListDocument>(await runCli(['engagements', 'list', '--db', db, '--json', '--limit', '2']));
    expect(first.engagements.map((engagement) => engagement.name)).toEqual(['Third project', 'Second project']);
    expect(first.nextCursor).toEqual(expect.any(String));

    const second = documentOf<ListDocument>(await runCli(['engagements', 'list', '--db', db, '--json', '--limit', '2', '--cursor', first.nextCursor ?? '']));
    expect(second.engagements.map((engagement) => engagement.name)).toEqual(['First project']);
    expect(second.nextCursor).toBeNull();

    // People are told how to get the next page.
    const human = await runCli(['engagements', 'list', '--db', db, '--limit', '1']);
    expect(human.stderr).toContain('--cursor ');
  });

  it('shows only the Operator\'s own engagements', async () => {
    const other = await runCli(['engagements', 'list', '--db', db, '--operator', 'someone-else']);
    expect(other.code).toBe(0);
    expect(other.stdout).toBe('No engagements yet.\n');
    expect(documentOf<ListDocument>(await runCli(['engagements', 'list', '--db', db, '--operator', 'someone-else', '--json']))).toEqual({ engagements: [], nextCursor: null });
  });

  it('rejects a bad --limit or a cursor it did not hand out as usage errors (2)', async () => {
    for (const args of [['--limit', '0'], ['--limit', '501'], ['--limit', '2.5'], ['--cursor', 'not-a-cursor']]) {
      const run = await runCli(['engagements', 'list', '--db', db, ...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^error E_USAGE: /);
      expect(run.stdout).toBe('');
    }
    const bare = await runCli(['engagements', '--db', db]);
    expect(bare.code).toBe(2);
  });
});

describe('loom engagements show', () => {
  const { db } = workspace('loom-engagements-show-');
  let created: CreationResult;
  beforeAll(async () => {
    created = await createProject(db);
  });

  it('shows one engagement by name in any case: Seed, status, induction, versions, documents and Memory', async () => {
    const run = await runCli(['engagements', 'show', MARKETING_NAME.toUpperCase(), '--db', db]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const out = run.stdout;
    expect(out.split('\n')[0]).toBe(MARKETING_NAME);
    expect(out).toMatch(new RegExp(`id\\s+${created.engagement.id}`));
    expect(out).toMatch(/status\s+active/);
    expect(out).toMatch(/induction\s+induction-pass-clean/);
    expect(out).toMatch(/seed\s+version 1 of 1/);
    expect(out).toMatch(/documents\s+discovery-record/);
    expect(out).toMatch(/memory\s+13 events/);
    // All six fields, readable, with their items.
    for (const title of ["1. What we're making", "2. Who it's for", '3. How it should sound', '4. Rules to follow', "5. Signs it's working", '6. Also true']) expect(out).toContain(title);
    expect(out).toContain('- Keep every headline under ten words.');
    expect(out).toContain('- Launch date: Everything must be ready by the first Monday of February.');
  });

  it('gives the engagement, its Seed, induction and versions as JSON, by id', async () => {
    const run = await runCli(['engagements', 'show', created.engagement.id, '--db', db, '--json']);
    expect(run.code).toBe(0);
    const document = documentOf<{
      engagement: EngagementRecord;
      seed: unknown;
      induction: unknown;
      versions: { version: number; source: string; inductionStatus: string }[];
      documents: { kind: string }[];
      events: number;
    }>(run);
    expect(document.engagement).toMatchObject({ id: created.engagement.id, name: MARKETING_NAME, status: 'active', sessionId: created.session });
    expect(document.seed).toEqual(created.seed);
    expect(document.induction).toEqual({ status: 'induction-pass-clean', findings: [] });
    expect(document.versions).toEqual([expect.objectContaining({ version: 1, source: 'discovery', inductionStatus: 'induction-pass-clean' })]);
    expect(document.documents.map((entry) => entry.kind)).toEqual(['discovery-record']);
    expect(document.events).toBe(13);
  });

  it('answers an unknown engagement, or another Operator\'s, with E_NOT_FOUND (3)', async () => {
    for (const args of [['no such project'], [created.engagement.id, '--operator', 'someone-else']]) {
      const run = await runCli(['engagements', 'show', ...args, '--db', db]);
      expect(run.code).toBe(3);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^error E_NOT_FOUND: /);
    }
    const json = await runCli(['engagements', 'show', 'no such project', '--db', db, '--json']);
    expect(json.code).toBe(3);
    expect(documentOf(json)).toEqual({ error: expect.objectContaining({ code: 'E_NOT_FOUND', exitCode: 3 }) });
  });

  it('needs the engagement to show (2)', async () => {
    const run = await runCli(['engagements', 'show', '--db', db]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('E_USAGE');
  });
});

describe('loom engagements with a store that cannot be opened', () => {
  it('exits 6 for a path under a regular file and for an unreachable Postgres server', async () => {
    const { dir } = workspace('loom-engagements-store-');
    for (const db of [unusableDatabase(dir), dir, UNREACHABLE_POSTGRES]) {
      const run = await runCli(['engagements', 'list', '--db', db]);
      expect(run.code, db).toBe(6);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^error E_STORE: /);
      expect(run.stderr).not.toContain('secret-password');
    }
    const json = await runCli(['engagements', 'show', MARKETING, '--db', UNREACHABLE_POSTGRES, '--json']);
    expect(json.code).toBe(6);
    expect(documentOf(json)).toEqual({ error: expect.objectContaining({ code: 'E_STORE', exitCode: 6 }) });
  });
});
