// `loom prompts list | show | lint` through the built CLI: the assets as shipped, and the plain-terms lint
// of what the Companion says, over the built-in assets or an override folder.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinPromptSource, listPrompts } from '@loomworks/prompts';
import { REPOSITORY_ROOT, runCli } from '../test-support/run-cli';
import { documentOf, workspace } from './command-test-support';

const PROMPTS_DIR = join(REPOSITORY_ROOT, 'packages/prompts/prompts');

/** An override folder whose commit asset tells the Companion to say `spoken`. */
function overrideFolder(spoken: string): string {
  const { dir } = workspace('loom-prompts-');
  const original = readFileSync(join(PROMPTS_DIR, 'create_engagement_commit.md'), 'utf8');
  const frontmatter = original.slice(0, original.indexOf('\n---\n') + 5);
  writeFileSync(join(dir, 'create_engagement_commit.md'), `${frontmatter}Recap what was gathered, then ask.\n\n> ${spoken}\n`);
  return dir;
}

describe('loom prompts list and show', () => {
  it('lists every asset with its version and short hash, and the full entries as JSON', async () => {
    const human = await runCli(['prompts', 'list']);
    expect(human.code).toBe(0);
    const lines = human.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+VERSION\s+SHA256$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/))).toEqual(listPrompts().map((prompt) => [prompt.id, String(prompt.version), prompt.sha256.slice(0, 12)]));

    const json = await runCli(['prompts', 'list', '--json']);
    expect(documentOf(json)).toEqual({ prompts: listPrompts() });
  });

  it('shows an asset\'s text exactly, and its metadata as JSON', async () => {
    const asset = builtinPromptSource.get('create_engagement/voice');
    const human = await runCli(['prompts', 'show', 'create_engagement/voice']);
    expect(human.code).toBe(0);
    expect(human.stdout).toBe(`${asset.body}\n`);
    const json = documentOf<{ id: string; sha256: string; field: string; text: string }>(await runCli(['prompts', 'show', 'create_engagement/voice', '--json']));
    expect(json).toMatchObject({ id: 'create_engagement/voice', sha256: asset.sha256, field: 'voice', text: asset.body });
  });

  it('answers an unknown id with E_PROMPT_UNKNOWN (3) and a missing one with a usage error (2)', async () => {
    const unknown = await runCli(['prompts', 'show', 'create_engagement/colour']);
    expect(unknown.code).toBe(3);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/^error E_PROMPT_UNKNOWN: /);
    expect(unknown.stderr).toContain('loom prompts list');
    expect((await runCli(['prompts', 'show'])).code).toBe(2);
    expect((await runCli(['prompts'])).code).toBe(2);
  });
});

describe('loom prompts lint', () => {
  it('finds no developer words in the built-in assets (0)', async () => {
    const human = await runCli(['prompts', 'lint']);
    expect(human.code).toBe(0);
    const assets = listPrompts().length;
    expect(human.stdout).toBe(`No developer words in what the Companion says (${assets} assets, builtin).\n`);
    expect(documentOf(await runCli(['prompts', 'lint', '--json']))).toEqual({ source: 'builtin', assets, findings: [] });
  });

  it('names each developer word in an override folder as <id>:<line> <term> → <suggestion>, and exits 3', async () => {
    const dir = overrideFolder('Shall I run the induction on your seed now?');
    const human = await runCli(['prompts', 'lint', dir]);
    expect(human.code).toBe(3);
    expect(human.stdout).toBe('create_engagement_commit:3 induction → final check\ncreate_engagement_commit:3 seed → project details\n');
    expect(human.stderr).toMatch(/^error E_PLAIN_TERMS: 2 developer words /);

    const json = await runCli(['prompts', 'lint', dir, '--json']);
    expect(json.code).toBe(3);
    const document = documentOf<{ findings: { id: string; line: number; column: number; term: string }[]; error: { code: string; exitCode: number } }>(json);
    expect(document.findings.map(({ id, line, column, term }) => ({ id, line, column, term }))).toEqual([
      { id: 'create_engagement_commit', line: 3, column: 19, term: 'induction' },
      { id: 'create_engagement_commit', line: 3, column: 37, term: 'seed' },
    ]);
    expect(document.error).toMatchObject({ code: 'E_PLAIN_TERMS', exitCode: 3 });
  });

  it('passes an override folder whose words are plain, quoting the Operator included', async () => {
    const run = await runCli(['prompts', 'lint', overrideFolder('You said "the seed is ready" — shall I put it together?')]);
    expect(run.code).toBe(0);
  });

  it('refuses a folder that does not exist or holds a malformed asset (3)', async () => {
    const { dir } = workspace('loom-prompts-bad-');
    const missing = await runCli(['prompts', 'lint', join(dir, 'nowhere')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/^error E_PROMPT_PATH: /);

    mkdirSync(join(dir, 'broken'));
    writeFileSync(join(dir, 'broken', 'voice_principles.md'), 'no frontmatter here\n');
    const malformed = await runCli(['prompts', 'lint', join(dir, 'broken'), '--json']);
    expect(malformed.code).toBe(3);
    expect(documentOf(malformed)).toEqual({ error: expect.objectContaining({ code: 'E_PROMPT_INVALID', exitCode: 3 }) });
  });
});
