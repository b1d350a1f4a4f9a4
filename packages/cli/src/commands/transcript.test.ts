// `loom transcript <session>` through the built CLI: the conversation as stored, and its export as a
// calibration fixture (stdout or --out) that reads back as the same turns and Seed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseTranscriptFixture, type CreationResult } from '@loomworks/core';
import { runCli } from '../test-support/run-cli';
import { createProject, documentOf, workspace, type Workspace } from './command-test-support';

type TranscriptDocument = {
  session: { id: string; operatorId: string; companionId: string; status: string; engagementId: string | null };
  turns: { index: number; role: 'operator' | 'companion'; text: string; at: string }[];
};

describe('loom transcript', () => {
  let space: Workspace;
  let created: CreationResult;
  let stored: TranscriptDocument;
  let session: string;
  beforeAll(async () => {
    space = workspace('loom-transcript-');
    created = await createProject(space.db, undefined, ['--operator', 'ada.lovelace']);
    if (!created.session) throw new Error('a scripted creation has a session');
    session = created.session;
    stored = documentOf<TranscriptDocument>(await runCli(['transcript', session, '--db', space.db, '--operator', 'ada.lovelace', '--json']));
  });

  it('gives the session and its turns as JSON, starting with the Companion asking what we are making', () => {
    expect(stored.session).toMatchObject({ id: session, operatorId: 'ada.lovelace', companionId: 'guided', status: 'committed', engagementId: created.engagement.id });
    expect(stored.turns.map((turn) => turn.index)).toEqual(stored.turns.map((_, position) => position + 1));
    expect(stored.turns[0]).toMatchObject({ role: 'companion', text: expect.stringMatching(/What are we making\?/) });
    expect(stored.turns.map((turn) => turn.role)).toEqual(stored.turns.map((_, position) => (position % 2 === 0 ? 'companion' : 'operator')));
  });

  it('prints every turn for people, numbered, with who spoke', async () => {
    const run = await runCli(['transcript', session, '--db', space.db, '--operator', 'ada.lovelace']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')[0]).toBe(`Session ${session}`);
    expect(run.stdout).toContain(`committed, engagement ${created.engagement.id} · companion guided · ${stored.turns.length} turns`);
    const headings = run.stdout.split('\n').filter((line) => /^\d+\. (Operator|Companion) /.test(line));
    expect(headings).toHaveLength(stored.turns.length);
    expect(headings[1]).toMatch(/^2\. Operator /);
    expect(run.stdout).toContain("   That's everything.");
  });

  it('exports a real-operator fixture to stdout that reads back as the same turns and Seed', async () => {
    const run = await runCli(['transcript', session, '--db', space.db, '--operator', 'ada.lovelace', '--fixture']);
    expect(run.code).toBe(0);
    const fixture = parseTranscriptFixture(run.stdout);
    expect(fixture).toMatchObject({ kind: 'real-operator', who: 'ada.lovelace', companion: 'guided', expected: created.seed });
    expect(fixture.turns).toEqual(stored.turns.map(({ role, text }) => ({ role, text })));
  });

  it('writes the fixture to --out, and names it by the convention in --json', async () => {
    const out = join(space.dir, 'fixture.md');
    const run = await runCli(['transcript', session, '--db', space.db, '--operator', 'ada.lovelace', '--fixture', '--out', out, '--json']);
    expect(run.code).toBe(0);
    const document = documentOf<{ fileName: string; path: string; markdown: string }>(run);
    expect(document.fileName).toMatch(/^real_operator_ada-lovelace_\d{4}-\d{2}-\d{2}\.md$/);
    expect(document.path).toBe(out);
    expect(readFileSync(out, 'utf8')).toBe(document.markdown);

    const persona = await runCli(['transcript', session, '--db', space.db, '--operator', 'ada.lovelace', '--fixture', '--kind', 'persona', '--name', 'busy_baker', '--json']);
    expect(persona.code).toBe(0);
    const personaDocument = documentOf<{ fileName: string; markdown: string }>(persona);
    expect(personaDocument.fileName).toBe('persona_busy_baker.md');
    expect(parseTranscriptFixture(personaDocument.markdown)).toMatchObject({ kind: 'persona', who: 'busy_baker' });
  });

  it("answers an unknown session, or another Operator's, with E_NOT_FOUND (3)", async () => {
    for (const args of [['01NOSUCHSESSION', '--operator', 'ada.lovelace'], [session, '--operator', 'someone-else']]) {
      const run = await runCli(['transcript', ...args, '--db', space.db]);
      expect(run.code).toBe(3);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^error E_NOT_FOUND: /);
    }
  });

  it('rejects fixture options without --fixture, a persona without a name and a bad name as usage errors (2)', async () => {
    const out = join(space.dir, 'never.md');
    for (const args of [['--out', out], ['--name', 'x'], ['--fixture', '--kind', 'persona'], ['--fixture', '--name', 'not a name!'], ['--fixture', '--kind', 'robot']]) {
      const run = await runCli(['transcript', session, '--db', space.db, '--operator', 'ada.lovelace', ...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^error E_USAGE: /);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('reports an --out it cannot write as invalid input (3)', async () => {
    const run = await runCli(['transcript', session, '--db', space.db, '--operator', 'ada.lovelace', '--fixture', '--out', join(space.dir, 'missing', 'folder', 'x.md')]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^error E_INVALID_INPUT: Cannot write /);
  });
});
