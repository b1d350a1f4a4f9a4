import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PromptError, SYSTEM_PROMPT_IDS, assembleSystemPrompt, builtinPromptSource, createDirectoryPromptSource, type PromptAsset, type PromptSource } from '.';

const PROMPTS_DIR = fileURLToPath(new URL('../prompts', import.meta.url));

const temporaryDirs: string[] = [];
afterEach(() => {
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('assembleSystemPrompt', () => {
  it('joins voice principles, the three templates and the six per-field components in order', () => {
    const { text, prompts } = assembleSystemPrompt();
    expect(SYSTEM_PROMPT_IDS).toEqual([
      'voice_principles',
      'create_engagement_entry',
      'create_engagement_active',
      'create_engagement_commit',
      'create_engagement/purpose',
      'create_engagement/audience',
      'create_engagement/voice',
      'create_engagement/constraints',
      'create_engagement/success',
      'create_engagement/additional_assertions',
    ]);
    const expected = SYSTEM_PROMPT_IDS.map((id) => `<section id="${id}">\n${builtinPromptSource.get(id).body}\n</section>`).join('\n\n');
    expect(text).toBe(expected);
    expect(prompts).toEqual(Object.fromEntries(SYSTEM_PROMPT_IDS.map((id) => [id, `sha256:${builtinPromptSource.get(id).sha256}`])));
  });

  it('is byte-identical on every call and in a freshly loaded copy of the package', async () => {
    const first = assembleSystemPrompt();
    expect(assembleSystemPrompt()).toEqual(first);
    vi.resetModules();
    const reloaded = (await import('./system-prompt')) as typeof import('./system-prompt');
    expect(reloaded.assembleSystemPrompt()).toEqual(first);
    // The same files read from disk at run time give the same bytes as the inlined registry.
    expect(assembleSystemPrompt(createDirectoryPromptSource(PROMPTS_DIR))).toEqual(first);
  });

  it('holds nothing that changes per session: no dates, times, ids or counters', () => {
    const { text } = assembleSystemPrompt();
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/); // ISO dates
    expect(text).not.toMatch(/\b\d{1,2}:\d{2}\b/); // clock times
    expect(text).not.toMatch(/\b[0-9A-HJKMNP-TV-Z]{26}\b/); // ULIDs
    expect(text).not.toMatch(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i); // UUIDs
    expect(text).not.toMatch(/\b[0-9a-f]{32,}\b/i); // hashes
    expect(text).not.toMatch(/\d{5,}/); // timestamps and large counters
    expect(text).not.toMatch(/\{\{/); // unfilled per-turn placeholders
  });

  it('is long enough to be cached (comfortably above 1,024 tokens at four characters a token)', () => {
    expect(assembleSystemPrompt().text.length / 4).toBeGreaterThanOrEqual(1500);
  });

  it('uses the overrides of the source it is given, changing only their sections', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loomworks-system-prompt-'));
    temporaryDirs.push(dir);
    const original = readFileSync(join(PROMPTS_DIR, 'create_engagement_commit.md'), 'utf8');
    writeFileSync(join(dir, 'create_engagement_commit.md'), `${original.slice(0, original.indexOf('\n---\n') + 5)}Our own finish.\n`);
    const builtin = assembleSystemPrompt();
    const overridden = assembleSystemPrompt(createDirectoryPromptSource(dir));
    expect(overridden.text).toBe(builtin.text.replace(`<section id="create_engagement_commit">\n${builtinPromptSource.get('create_engagement_commit').body}\n</section>`, '<section id="create_engagement_commit">\nOur own finish.\n</section>'));
    expect(overridden.prompts.create_engagement_commit).not.toBe(builtin.prompts.create_engagement_commit);
    expect({ ...overridden.prompts, create_engagement_commit: '' }).toEqual({ ...builtin.prompts, create_engagement_commit: '' });
  });

  it('refuses a system-prompt asset that declares variables, since per-turn values would break the cached prefix', () => {
    const withVariable: PromptSource = {
      name: 'with-variable',
      get: (id) => {
        const asset = builtinPromptSource.get(id);
        return id === 'voice_principles' ? ({ ...asset, variables: ['operator_name'], body: `${asset.body} {{operator_name}}` } satisfies PromptAsset) : asset;
      },
      list: () => builtinPromptSource.list(),
    };
    let caught: unknown;
    try {
      assembleSystemPrompt(withVariable);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PromptError);
    expect((caught as PromptError).code).toBe('E_PROMPT_VARIABLE');
  });
});
