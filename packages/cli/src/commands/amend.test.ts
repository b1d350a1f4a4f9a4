// `loom amend <engagement> --set field=value…` through the built CLI: new Seed versions that supersede the
// last one, re-induction, an active engagement that never goes back (4, nothing written), a candidate
// that becomes active once fixed, and invalid changes refused (3) before anything is written.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CreationResult, EngagementRecord, Finding, Seed } from '@loomworks/core';
import { runCli } from '../test-support/run-cli';
import { MARKETING_NAME, UNREACHABLE_POSTGRES, createProject, documentOf, workspace, type Workspace } from './command-test-support';

type ShowDocument = { engagement: EngagementRecord; seed: Seed; induction: { status: string; findings: Finding[] }; versions: { version: number; source: string }[]; events: number };
type AmendDocument = CreationResult & { version: number; changed: string[]; error?: { code: string; exitCode: number } };

const show = async (db: string, engagement: string) => documentOf<ShowDocument>(await runCli(['engagements', 'show', engagement, '--db', db, '--json']));

describe('loom amend on an active engagement', () => {
  let space: Workspace;
  let created: CreationResult;
  beforeEach(async () => {
    space = workspace('loom-amend-');
    created = await createProject(space.db);
  });

  it('replaces a text field and a whole list, as a new Seed version with a verifiable Memory', async () => {
    const run = await runCli(['amend', MARKETING_NAME, '--db', space.db, '--set', 'voice=Calm and direct.', '--set', 'constraints=No jargon.', '--set', 'constraints=Headlines under ten words.']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`Amended ${MARKETING_NAME}: Seed version 2 (changed: voice, constraints)`);
    expect(run.stdout).toMatch(/status\s+active/);

    const after = await show(space.db, created.engagement.id);
    expect(after.seed).toEqual({ ...created.seed, voice: 'Calm and direct.', constraints: ['No jargon.', 'Headlines under ten words.'] });
    expect(after.versions.map((version) => [version.version, version.source])).toEqual([
      [1, 'discovery'],
      [2, 'amend'],
    ]);
    const human = await runCli(['engagements', 'show', MARKETING_NAME, '--db', space.db]);
    expect(human.stdout).toMatch(/seed\s+version 2 of 2/);
    expect(human.stdout).toMatch(/^VERSION\s+SOURCE\s+INDUCTION\s+FINDINGS\s+CREATED\n1\s+discovery\s+induction-pass-clean\s+0\s+.+\n2\s+amend\s+induction-pass-clean\s+0\s+/m);
    const log = documentOf<{ events: { type: string }[] }>(await runCli(['memory', 'log', created.engagement.id, '--db', space.db, '--json']));
    expect(log.events.slice(-2).map((event) => event.type)).toEqual(['seed_amended', 'seed_inducted']);
    expect((await runCli(['memory', 'verify', created.engagement.id, '--db', space.db])).code).toBe(0);
  });

  it('renames, and replaces Field 6 with "Key: value" entries in order or clears it, with --json', async () => {
    const rename = await runCli([
      'amend', created.engagement.id, '--db', space.db, '--json',
      '--set', 'name=Launch campaign',
      '--set', 'additionalAssertions=Launch date: 1 March',
      '--set', 'additional_assertions=Owner: Sam: at the shop',
    ]);
    expect(rename.code).toBe(0);
    const document = documentOf<AmendDocument>(rename);
    expect(document.version).toBe(2);
    expect(document.changed).toEqual(['name', 'additionalAssertions']);
    expect(document.engagement).toMatchObject({ name: 'Launch campaign', status: 'active' });
    expect(document.seed.additionalAssertions).toEqual([
      { key: 'Launch date', value: '1 March' },
      { key: 'Owner', value: 'Sam: at the shop' },
    ]);
    // The new name finds it; the old one does not.
    expect((await show(space.db, 'launch CAMPAIGN')).engagement.id).toBe(created.engagement.id);
    expect((await runCli(['engagements', 'show', MARKETING_NAME, '--db', space.db])).code).toBe(3);

    const cleared = documentOf<AmendDocument>(await runCli(['amend', 'Launch campaign', '--db', space.db, '--json', '--set', 'additionalAssertions=']));
    expect(cleared.seed.additionalAssertions).toEqual([]);
    expect(cleared.version).toBe(3);
  });

  it('refuses a change that would fail induction with exit 4, printing the findings and writing nothing', async () => {
    const before = await show(space.db, created.engagement.id);
    const run = await runCli(['amend', MARKETING_NAME, '--db', space.db, '--set', 'constraints=TBD']);
    expect(run.code).toBe(4);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/fail INDUCTION_PLACEHOLDER \(4\. Rules to follow, item 1\)/);
    expect(run.stderr).toMatch(/^error E_INDUCTION_FAILED: /m);

    const json = await runCli(['amend', MARKETING_NAME, '--db', space.db, '--set', 'constraints=TBD', '--json']);
    expect(json.code).toBe(4);
    const document = documentOf<{ error: { code: string; exitCode: number }; induction: { status: string; findings: Finding[] } }>(json);
    expect(document.error).toMatchObject({ code: 'E_INDUCTION_FAILED', exitCode: 4 });
    expect(document.induction.findings.map((finding) => finding.code)).toEqual(['INDUCTION_PLACEHOLDER']);

    expect(await show(space.db, created.engagement.id)).toEqual(before);
  });

  it('refuses unknown fields, invalid values and entries without a key with exit 3, writing nothing', async () => {
    const before = await show(space.db, created.engagement.id);
    const cases: [string[], string][] = [
      [['--set', 'colour=teal'], 'E_INVALID_INPUT'],
      [['--set', 'voice'], 'E_INVALID_INPUT'],
      [['--set', 'additionalAssertions=no key here'], 'E_INVALID_INPUT'],
      [['--set', 'name='], 'E_INVALID_SEED'],
      [['--set', `purpose=${'x'.repeat(4001)}`], 'E_INVALID_SEED'],
      [['--set', 'voice=Fine.', '--set', 'constraints='], 'E_INVALID_SEED'],
    ];
    for (const [flags, code] of cases) {
      const run = await runCli(['amend', MARKETING_NAME, '--db', space.db, ...flags]);
      expect(run.code, flags.join(' ')).toBe(3);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(new RegExp(`^error ${code}: `));
    }
    const json = await runCli(['amend', MARKETING_NAME, '--db', space.db, '--set', 'colour=teal', '--json']);
    expect(documentOf(json)).toEqual({ error: expect.objectContaining({ code: 'E_INVALID_INPUT', exitCode: 3 }) });
    expect(await show(space.db, created.engagement.id)).toEqual(before);
  });

  it('answers an unknown engagement with 3, a missing --set with 2 and an unreachable store with 6', async () => {
    expect((await runCli(['amend', 'no such project', '--db', space.db, '--set', 'voice=Calm.'])).code).toBe(3);
    const usage = await runCli(['amend', MARKETING_NAME, '--db', space.db]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^error E_USAGE: /);
    const store = await runCli(['amend', MARKETING_NAME, '--db', UNREACHABLE_POSTGRES, '--set', 'voice=Calm.']);
    expect(store.code).toBe(6);
    expect(store.stderr).toMatch(/^error E_STORE: /);
  });
});

describe('loom amend on a candidate', () => {
  it('keeps a still-failing candidate a candidate (exit 4, version stored), and activates it once it passes', async () => {
    const space = workspace('loom-amend-candidate-');
    const path = join(space.dir, 'placeholder.md');
    writeFileSync(
      path,
      "# Crumb Notes\n\n## 1. What we're making\nA newsletter for the bakery.\n\n## 2. Who it's for\nOur regulars.\n\n## 3. How it should sound\nTBD\n\n## 4. Rules to follow\n- Use British spelling.\n\n## 5. Signs it's working\n- More pre-orders on Fridays.\n",
    );
    const created = await createProject(space.db, path);
    expect(created.engagement.status).toBe('candidate');

    const still = await runCli(['amend', 'Crumb Notes', '--db', space.db, '--set', 'audience=Everyone in town.', '--json']);
    expect(still.code).toBe(4);
    const failed = documentOf<AmendDocument>(still);
    expect(failed).toMatchObject({ version: 2, engagement: { status: 'candidate' }, induction: { status: 'induction-fail' }, error: { code: 'E_INDUCTION_FAILED' } });

    const fixed = await runCli(['amend', 'Crumb Notes', '--db', space.db, '--set', 'voice=Warm and cheeky.']);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain('Crumb Notes: Seed version 3 (changed: voice)');
    expect(fixed.stdout).toMatch(/status\s+active/);
    expect((await show(space.db, created.engagement.id)).engagement.status).toBe('active');
  });
});
