import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { builtinPromptSource, createDirectoryPromptSource, lintPromptSource, type PromptAsset, type PromptSource } from '.';

const PROMPTS_DIR = fileURLToPath(new URL('../prompts', import.meta.url));

const temporaryDirs: string[] = [];
afterEach(() => {
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A source holding one builtin asset with its body replaced. */
function sourceWithBody(body: string): PromptSource {
  const original = builtinPromptSource.get('create_engagement_entry');
  const asset: PromptAsset = { ...original, body };
  return { name: 'test', get: () => asset, list: () => [asset] };
}

describe('lintPromptSource', () => {
  it('finds nothing in the builtin assets', () => {
    expect(lintPromptSource()).toEqual([]);
  });

  it('names the asset, the line and the column of every developer word the Operator would hear', () => {
    const body = ['# Opening', '', 'Instructions for the model may say seed and field.', '> What are we making?', '>Tell me about the engagement and its seed.'].join('\n');
    expect(lintPromptSource(sourceWithBody(body))).toEqual([
      { id: 'create_engagement_entry', line: 5, column: 20, term: 'engagement', suggestion: expect.any(String), text: 'Tell me about the engagement and its seed.' },
      { id: 'create_engagement_entry', line: 5, column: 39, term: 'seed', suggestion: expect.any(String), text: 'Tell me about the engagement and its seed.' },
    ]);
  });

  it('keeps the Operator\'s quoted words out of it, as the lint does', () => {
    expect(lintPromptSource(sourceWithBody('> You said "the seed is ready", so I noted it.'))).toEqual([]);
  });

  it('lints an override folder: its replaced assets and the builtin rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loomworks-lint-source-'));
    temporaryDirs.push(dir);
    const original = readFileSync(join(PROMPTS_DIR, 'create_engagement_commit.md'), 'utf8');
    const frontmatter = original.slice(0, original.indexOf('\n---\n') + 5);
    writeFileSync(join(dir, 'create_engagement_commit.md'), `${frontmatter}Recap, then ask.\n\n> Shall I run the induction now?\n`);

    const findings = lintPromptSource(createDirectoryPromptSource(dir));
    expect(findings).toEqual([
      { id: 'create_engagement_commit', line: 3, column: 19, term: 'induction', suggestion: 'final check', text: 'Shall I run the induction now?' },
    ]);
  });
});
