import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { generateRegistry, renderRegistryModule, GENERATED_HEADER } from '../scripts/registry-generator';
import { VARIABLE_TOKEN_PATTERN } from './asset-format';
import { PromptError, builtinPromptSource, getPrompt, listPrompts, type PromptId } from '.';
import { readPromptFolder } from './prompt-folder';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const PROMPTS_DIR = join(PACKAGE_DIR, 'prompts');
const REGISTRY_FILE = join(PACKAGE_DIR, 'src', 'registry.generated.ts');

const temporaryDirs: string[] = [];
function temporaryCopyOfPrompts(): string {
  const dir = mkdtempSync(join(tmpdir(), 'loomworks-prompts-'));
  temporaryDirs.push(dir);
  cpSync(PROMPTS_DIR, join(dir, 'prompts'), { recursive: true });
  return dir;
}
afterEach(() => {
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function thrown(action: () => unknown): PromptError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(PromptError);
    return error as PromptError;
  }
  throw new Error('expected the call to throw');
}

describe('the generated registry', () => {
  it('is exactly what the generator makes from prompts/ (the committed file is not stale)', () => {
    expect(readFileSync(REGISTRY_FILE, 'utf8')).toBe(renderRegistryModule(readPromptFolder(PROMPTS_DIR)));
    expect(readFileSync(REGISTRY_FILE, 'utf8').startsWith(`${GENERATED_HEADER}\n`)).toBe(true);
  });

  it('passes the generator command in --check mode', () => {
    // The real command line, as CI and the build run it (through tsx); it exits non-zero when the file is stale.
    const output = execFileSync(process.execPath, ['scripts/generate-registry.mjs', '--check'], { cwd: PACKAGE_DIR, encoding: 'utf8', stdio: 'pipe' });
    expect(output).toBe('');
  });

  it('holds every asset of SPEC §5.1', () => {
    expect(listPrompts().map((prompt) => prompt.id)).toEqual([
      'create_engagement/additional_assertions',
      'create_engagement/audience',
      'create_engagement/constraints',
      'create_engagement/purpose',
      'create_engagement/success',
      'create_engagement/voice',
      'create_engagement_active',
      'create_engagement_commit',
      'create_engagement_entry',
      'discovery_to_seed_extraction',
      'intent_classifier',
      'voice_principles',
    ]);
  });

  it('carries, for each asset, the sha256 of its file bytes and the variables its body uses', () => {
    for (const asset of builtinPromptSource.list()) {
      const path = asset.id.includes('/') ? `intent_instructions/${asset.id}.md` : `${asset.id}.md`;
      expect(asset.sha256, asset.id).toBe(createHash('sha256').update(readFileSync(join(PROMPTS_DIR, path))).digest('hex'));
      expect(asset.version, asset.id).toBeGreaterThanOrEqual(1);
      expect(asset.description.trim(), asset.id).not.toBe('');
      const used = [...new Set([...asset.body.matchAll(VARIABLE_TOKEN_PATTERN)].map((match) => match[1]))];
      expect([...used].sort(), asset.id).toEqual([...asset.variables].sort());
      expect(asset.field !== undefined, asset.id).toBe(asset.id.startsWith('create_engagement/'));
    }
  });

  it('cannot be changed through the assets it hands out', () => {
    const asset = builtinPromptSource.get('voice_principles');
    expect(() => {
      (asset as { body: string }).body = 'changed';
    }).toThrow(TypeError);
    expect(builtinPromptSource.get('voice_principles').body).not.toBe('changed');
  });
});

describe('the generator', () => {
  it('changes an asset hash, and only that one, when its file changes', () => {
    const dir = temporaryCopyOfPrompts();
    const before = readPromptFolder(join(dir, 'prompts'));
    const file = join(dir, 'prompts', 'intent_instructions', 'create_engagement', 'voice.md');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nOne more sentence.\n`);
    const after = readPromptFolder(join(dir, 'prompts'));
    const changed = after.filter((asset, index) => asset.sha256 !== before[index]?.sha256).map((asset) => asset.id);
    expect(changed).toEqual(['create_engagement/voice']);
    expect(renderRegistryModule(after)).not.toBe(renderRegistryModule(before));
  });

  it('hashes the raw bytes, so even a whitespace-only edit gives a new hash', () => {
    const dir = temporaryCopyOfPrompts();
    const file = join(dir, 'prompts', 'voice_principles.md');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n\n`);
    const edited = readPromptFolder(join(dir, 'prompts')).find((asset) => asset.id === 'voice_principles');
    expect(edited?.body).toBe(builtinPromptSource.get('voice_principles').body);
    expect(edited?.sha256).not.toBe(builtinPromptSource.get('voice_principles').sha256);
  });

  it('renders the same bytes whatever order the assets arrive in', () => {
    const assets = readPromptFolder(PROMPTS_DIR);
    expect(renderRegistryModule([...assets].reverse())).toBe(renderRegistryModule(assets));
  });

  it('reports a stale module in check mode without writing, and writes it otherwise', () => {
    const dir = temporaryCopyOfPrompts();
    const promptsDir = join(dir, 'prompts');
    const outFile = join(dir, 'registry.generated.ts');
    writeFileSync(outFile, readFileSync(REGISTRY_FILE, 'utf8'));
    expect(generateRegistry({ promptsDir, outFile, check: true }).changed).toBe(false);

    const file = join(promptsDir, 'create_engagement_entry.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('version: 1', 'version: 2'));
    const stale = generateRegistry({ promptsDir, outFile, check: true });
    expect(stale.changed).toBe(true);
    expect(readFileSync(outFile, 'utf8')).toBe(readFileSync(REGISTRY_FILE, 'utf8'));

    expect(generateRegistry({ promptsDir, outFile }).changed).toBe(true);
    expect(readFileSync(outFile, 'utf8')).toBe(stale.text);
    expect(generateRegistry({ promptsDir, outFile, check: true }).changed).toBe(false);
  });

  it('refuses an invalid folder, naming every bad file', () => {
    const dir = temporaryCopyOfPrompts();
    const promptsDir = join(dir, 'prompts');
    const entry = join(promptsDir, 'create_engagement_entry.md');
    writeFileSync(entry, readFileSync(entry, 'utf8').replace('id: create_engagement_entry', 'id: create_engagement_opening'));
    const classifier = join(promptsDir, 'intent_classifier.md');
    writeFileSync(classifier, readFileSync(classifier, 'utf8').replace(/variables: .*/, 'variables: [message]'));
    const outFile = join(dir, 'registry.generated.ts');
    const error = thrown(() => generateRegistry({ promptsDir, outFile }));
    expect(error.code).toBe('E_PROMPT_INVALID');
    expect(error.details.problems).toEqual([
      { path: 'create_engagement_entry.md', problems: ["id `create_engagement_opening` must match the file's location: `create_engagement_entry`"] },
      { path: 'intent_classifier.md', problems: ['the body uses undeclared variables: companion_last_turn'] },
    ]);
    expect(() => readFileSync(outFile)).toThrow();
  });

  it('refuses two components for the same field', () => {
    const dir = temporaryCopyOfPrompts();
    const components = join(dir, 'prompts', 'intent_instructions', 'create_engagement');
    writeFileSync(join(components, 'voice_again.md'), readFileSync(join(components, 'voice.md'), 'utf8').replace('id: create_engagement/voice', 'id: create_engagement/voice_again'));
    const error = thrown(() => readPromptFolder(join(dir, 'prompts')));
    expect(error.code).toBe('E_PROMPT_INVALID');
    expect(error.details.problems).toEqual([
      { path: 'intent_instructions/create_engagement/voice_again.md', problems: ['field `voice` already has a component: intent_instructions/create_engagement/voice.md'] },
    ]);
  });
});

describe('getPrompt', () => {
  it('fills in exactly the declared variables', () => {
    const prompt = getPrompt('intent_classifier', { message: "That's everything.", companion_last_turn: 'Anything else?' });
    const asset = builtinPromptSource.get('intent_classifier');
    expect(prompt).toEqual({
      id: 'intent_classifier',
      version: asset.version,
      sha256: asset.sha256,
      text: asset.body.replace('{{message}}', "That's everything.").replace('{{companion_last_turn}}', 'Anything else?'),
    });
    expect(prompt.text).not.toContain('{{');
  });

  it('inserts values literally, never as further placeholders or replacement patterns', () => {
    const text = getPrompt('discovery_to_seed_extraction', { document: 'see {{json_schema}} and $& and $1', json_schema: '{}' }).text;
    expect(text).toContain('see {{json_schema}} and $& and $1');
  });

  it('returns an asset without variables as it is', () => {
    expect(getPrompt('voice_principles').text).toBe(builtinPromptSource.get('voice_principles').body);
    expect(getPrompt('voice_principles', {}).text).toBe(builtinPromptSource.get('voice_principles').body);
  });

  it.each([
    ['a missing variable', { message: 'hi' }, { missing: ['companion_last_turn'], undeclared: [], notText: [] }],
    ['an undeclared variable', { message: 'hi', companion_last_turn: 'x', operator: 'Sam' }, { missing: [], undeclared: ['operator'], notText: [] }],
    ['a value that is not text', { message: 42, companion_last_turn: 'x' }, { missing: [], undeclared: [], notText: ['message'] }],
  ])('refuses %s with E_PROMPT_VARIABLE', (_case, variables, expected) => {
    const error = thrown(() => getPrompt('intent_classifier', variables as unknown as Record<string, string>));
    expect(error.code).toBe('E_PROMPT_VARIABLE');
    expect(error.details).toMatchObject({ id: 'intent_classifier', declared: ['message', 'companion_last_turn'], ...expected });
  });

  it('refuses variables for an asset that declares none', () => {
    expect(thrown(() => getPrompt('voice_principles', { name: 'Pip' })).code).toBe('E_PROMPT_VARIABLE');
  });

  it('refuses an unknown id with E_PROMPT_UNKNOWN', () => {
    const error = thrown(() => getPrompt('no_such_prompt' as PromptId));
    expect(error.code).toBe('E_PROMPT_UNKNOWN');
    expect(error.details).toEqual({ id: 'no_such_prompt', source: 'builtin' });
  });
});

describe('listPrompts', () => {
  it('gives each asset id, version and hash, sorted by id', () => {
    const listed = listPrompts();
    expect(listed).toEqual(builtinPromptSource.list().map(({ id, version, sha256 }) => ({ id, version, sha256 })));
    expect(listed.map((prompt) => prompt.id)).toEqual([...listed.map((prompt) => prompt.id)].sort());
    for (const prompt of listed) expect(prompt.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
