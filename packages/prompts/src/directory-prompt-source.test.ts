import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { PromptError, builtinPromptSource, createDirectoryPromptSource, getPrompt, listPrompts, type PromptId, type PromptSource } from '.';

const PROMPTS_DIR = fileURLToPath(new URL('../prompts', import.meta.url));

const temporaryDirs: string[] = [];
function temporaryDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'loomworks-prompt-overrides-'));
  temporaryDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes `files` (path → text) under `dir`, creating folders as needed. */
function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** The builtin asset file at `path`, with its body replaced. */
function overrideOf(path: string, body: string): string {
  const original = readFileSync(join(PROMPTS_DIR, path), 'utf8');
  return `${original.slice(0, original.indexOf('\n---\n') + 5)}${body}\n`;
}

function thrown(action: () => unknown): PromptError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(PromptError);
    return error as PromptError;
  }
  throw new Error('expected the call to throw');
}

describe('createDirectoryPromptSource', () => {
  it('overrides the assets present in the folder and falls back to the builtin ones for the rest', () => {
    const dir = temporaryDir();
    const voice = overrideOf('intent_instructions/create_engagement/voice.md', 'Ask how it should sound, our way.');
    writeFiles(dir, { 'intent_instructions/create_engagement/voice.md': voice, 'README.txt': 'not an asset' });
    const source = createDirectoryPromptSource(dir);

    const overridden = source.get('create_engagement/voice');
    expect(overridden.body).toBe('Ask how it should sound, our way.');
    expect(overridden.field).toBe('voice');
    expect(overridden.sha256).toBe(createHash('sha256').update(voice).digest('hex'));
    expect(overridden.sha256).not.toBe(builtinPromptSource.get('create_engagement/voice').sha256);
    expect(source.get('voice_principles')).toBe(builtinPromptSource.get('voice_principles'));

    expect(listPrompts(source)).toEqual(listPrompts().map((prompt) => (prompt.id === 'create_engagement/voice' ? { ...prompt, sha256: overridden.sha256 } : prompt)));
    expect(getPrompt('create_engagement/voice', {}, source).text).toBe('Ask how it should sound, our way.');
    expect(source.name).toBe(`directory:${dir}`);
  });

  it('gives exactly the builtin assets and hashes for a copy of the package folder', () => {
    const dir = temporaryDir();
    cpSync(PROMPTS_DIR, dir, { recursive: true });
    expect(createDirectoryPromptSource(dir).list()).toEqual(builtinPromptSource.list());
  });

  it('falls back to the given source', () => {
    const dir = temporaryDir();
    writeFiles(dir, { 'voice_principles.md': overrideOf('voice_principles.md', 'Inner voice.') });
    const outer = temporaryDir();
    writeFiles(outer, { 'voice_principles.md': overrideOf('voice_principles.md', 'Outer voice.'), 'create_engagement_entry.md': overrideOf('create_engagement_entry.md', 'Outer entry.') });
    const source = createDirectoryPromptSource(dir, { fallback: createDirectoryPromptSource(outer) });
    expect(source.get('voice_principles').body).toBe('Inner voice.');
    expect(source.get('create_engagement_entry').body).toBe('Outer entry.');
    expect(source.get('create_engagement_commit')).toBe(builtinPromptSource.get('create_engagement_commit'));
  });

  it('reads the folder once, on first use', () => {
    const dir = temporaryDir();
    writeFiles(dir, { 'voice_principles.md': overrideOf('voice_principles.md', 'First.') });
    const source = createDirectoryPromptSource(dir);
    // Nothing is read at creation: a broken folder only fails when the source is used.
    writeFiles(dir, { 'voice_principles.md': overrideOf('voice_principles.md', 'Second.') });
    expect(source.get('voice_principles').body).toBe('Second.');
    writeFiles(dir, { 'voice_principles.md': overrideOf('voice_principles.md', 'Third.') });
    expect(source.get('voice_principles').body).toBe('Second.');
    expect(createDirectoryPromptSource(dir).get('voice_principles').body).toBe('Third.');
  });

  it.each(['../voice_principles', '../../etc/passwd', 'create_engagement/../../secret', '/etc/passwd', 'C:\\prompts\\voice', 'voice_principles.md'])(
    'refuses the id %s with E_PROMPT_PATH',
    (id) => {
      const dir = temporaryDir();
      const error = thrown(() => createDirectoryPromptSource(dir).get(id as PromptId));
      expect(error.code).toBe('E_PROMPT_PATH');
    },
  );

  it('refuses an id it does not know with E_PROMPT_UNKNOWN', () => {
    const dir = temporaryDir();
    expect(thrown(() => createDirectoryPromptSource(dir).get('nothing_here' as PromptId)).code).toBe('E_PROMPT_UNKNOWN');
  });

  it('refuses a symbolic link to a file outside the folder', () => {
    const outside = temporaryDir();
    writeFiles(outside, { 'voice_principles.md': overrideOf('voice_principles.md', 'From outside.') });
    const dir = temporaryDir();
    symlinkSync(join(outside, 'voice_principles.md'), join(dir, 'voice_principles.md'));
    const error = thrown(() => createDirectoryPromptSource(dir).get('create_engagement_entry'));
    expect(error.code).toBe('E_PROMPT_PATH');
    expect(error.details).toMatchObject({ path: 'voice_principles.md' });
  });

  it('refuses a symbolic link to a folder outside the folder', () => {
    const outside = temporaryDir();
    writeFiles(outside, { 'create_engagement/voice.md': overrideOf('intent_instructions/create_engagement/voice.md', 'From outside.') });
    const dir = temporaryDir();
    symlinkSync(outside, join(dir, 'intent_instructions'));
    const error = thrown(() => createDirectoryPromptSource(dir).list());
    expect(error.code).toBe('E_PROMPT_PATH');
    expect(error.details).toMatchObject({ path: 'intent_instructions' });
  });

  it('follows a symbolic link that stays inside the folder', () => {
    const dir = temporaryDir();
    writeFiles(dir, { 'drafts/voice.txt': overrideOf('voice_principles.md', 'Linked voice.') });
    symlinkSync(join(dir, 'drafts', 'voice.txt'), join(dir, 'voice_principles.md'));
    expect(createDirectoryPromptSource(dir).get('voice_principles').body).toBe('Linked voice.');
  });

  it('refuses a folder that does not exist with E_PROMPT_PATH', () => {
    const dir = join(temporaryDir(), 'missing');
    expect(thrown(() => createDirectoryPromptSource(dir).get('voice_principles')).code).toBe('E_PROMPT_PATH');
  });

  it('validates overrides with the same rules as the builtin assets', () => {
    const dir = temporaryDir();
    writeFiles(dir, { 'voice_principles.md': overrideOf('voice_principles.md', 'Use {{ name }} here.') });
    const error = thrown(() => createDirectoryPromptSource(dir).get('create_engagement_entry'));
    expect(error.code).toBe('E_PROMPT_INVALID');
    expect(error.details.problems).toEqual([
      { path: 'voice_principles.md', problems: ['malformed placeholder in the line `Use {{ name }} here.` (placeholders are {{lower_snake_case}}; literal double braces are not allowed)'] },
    ]);
  });

  it('refuses an override whose id the fallback does not have, so a misspelt file is not silently ignored', () => {
    const dir = temporaryDir();
    writeFiles(dir, { 'voice_principle.md': overrideOf('voice_principles.md', 'Typo.').replace('id: voice_principles', 'id: voice_principle') });
    const error = thrown(() => createDirectoryPromptSource(dir).get('voice_principles'));
    expect(error.code).toBe('E_PROMPT_UNKNOWN');
    expect(error.details).toMatchObject({ id: 'voice_principle', path: 'voice_principle.md' });
  });

  it('refuses an override that changes the variables callers pass', () => {
    const dir = temporaryDir();
    const classifier = readFileSync(join(PROMPTS_DIR, 'intent_classifier.md'), 'utf8')
      .replace(/variables: .*/, 'variables: [message]')
      .replace(/\{\{companion_last_turn\}\}/g, 'the last turn');
    writeFiles(dir, { 'intent_classifier.md': classifier });
    const error = thrown(() => createDirectoryPromptSource(dir).get('intent_classifier'));
    expect(error.code).toBe('E_PROMPT_INVALID');
    expect(error.details.problems).toEqual(['declares variables [message] but callers pass [message, companion_last_turn]']);
  });

  it('works over any PromptSource, with its errors', () => {
    const single: PromptSource = {
      name: 'single',
      get: (id) => {
        if (id !== 'voice_principles') throw new PromptError('E_PROMPT_UNKNOWN', `no ${id}`);
        return builtinPromptSource.get(id);
      },
      list: () => [builtinPromptSource.get('voice_principles')],
    };
    const dir = temporaryDir();
    writeFiles(dir, { 'create_engagement_entry.md': overrideOf('create_engagement_entry.md', 'Entry.') });
    expect(thrown(() => createDirectoryPromptSource(dir, { fallback: single }).list()).code).toBe('E_PROMPT_UNKNOWN');
  });
});
