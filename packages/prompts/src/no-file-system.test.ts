// The package must load and serve its builtin prompts where there is no file system (SPEC §5.2): in a bundle for
// a browser or an edge runtime, Node's modules are not there to import.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PromptError, assembleSystemPrompt, builtinPromptSource, createDirectoryPromptSource, getPrompt, lintPlainTerms, listPrompts } from '.';

const SOURCE_DIR = fileURLToPath(new URL('.', import.meta.url));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('without a file system', () => {
  it('imports no Node module statically anywhere in the package source', () => {
    const modules = readdirSync(SOURCE_DIR).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));
    expect(modules).toContain('registry.generated.ts');
    for (const name of modules) {
      const text = readFileSync(`${SOURCE_DIR}${name}`, 'utf8');
      // Static imports, re-exports and run-time `import()` / `require()` of Node's modules; `typeof import()` is a type.
      const nodeImport = /(?:\bfrom\s*|^\s*import\s*|(?<!typeof\s)\bimport\s*\(\s*|\brequire\s*\(\s*)['"](?:node:[a-z_/]+|fs|fs\/promises|path|crypto|os|url|child_process|module)['"]/m;
      expect(nodeImport.test(text), name).toBe(false);
    }
  });

  it('serves the builtin prompts, the system prompt and the lint when Node modules cannot be loaded', () => {
    const expectedPrompt = getPrompt('voice_principles');
    const expectedSystemPrompt = assembleSystemPrompt();
    vi.spyOn(process, 'getBuiltinModule').mockImplementation(() => {
      throw new Error('no file system here');
    });
    expect(getPrompt('voice_principles')).toEqual(expectedPrompt);
    expect(listPrompts().length).toBe(builtinPromptSource.list().length);
    expect(assembleSystemPrompt()).toEqual(expectedSystemPrompt);
    expect(lintPlainTerms('the seed').map((finding) => finding.term)).toEqual(['seed']);
    expect(() => createDirectoryPromptSource('prompts')).toThrow('no file system here');
  });

  it('says a folder source needs a file system when the runtime has none', () => {
    const original = process.getBuiltinModule;
    (process as { getBuiltinModule?: unknown }).getBuiltinModule = undefined;
    let caught: unknown;
    try {
      createDirectoryPromptSource('prompts');
    } catch (error) {
      caught = error;
    } finally {
      process.getBuiltinModule = original;
    }
    expect(caught).toBeInstanceOf(PromptError);
    expect((caught as PromptError).code).toBe('E_PROMPT_PATH');
  });
});
