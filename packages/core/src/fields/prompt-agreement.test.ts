// The prompt folder, the generated registry, the per-field components' `field` frontmatter and FIELD_COVERAGE
// must agree (SPEC §5.2): a renamed file or a mislabelled component would otherwise ask the wrong question.
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PromptError, SYSTEM_PROMPT_IDS, builtinPromptSource, createDirectoryPromptSource, getPrompt, listPrompts, type PromptId } from '@loomworks/prompts';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, LoomworksError } from '../errors';
import { FIELD_COVERAGE, FIELDS } from '.';

const PROMPTS_DIR = fileURLToPath(new URL('../../../prompts/prompts', import.meta.url));

/** Every asset file under the folder, as the id its location gives it (SPEC §5.1). */
function idsInFolder(dir: string): string[] {
  const ids: string[] = [];
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md')) ids.push(relative(dir, path).split(sep).join('/').replace(/\.md$/, '').replace(/^intent_instructions\//, ''));
    }
  };
  walk(dir);
  return ids.sort();
}

describe('prompts and fields agree', () => {
  it('the registry holds exactly the assets in the folder', () => {
    expect(listPrompts().map((prompt) => prompt.id)).toEqual(idsInFolder(PROMPTS_DIR));
    expect(listPrompts()).toEqual(listPrompts(createDirectoryPromptSource(PROMPTS_DIR)));
  });

  it('each FIELD_COVERAGE component exists and is labelled with its field', () => {
    for (const field of FIELDS) {
      const asset = builtinPromptSource.get(FIELD_COVERAGE[field.key]);
      expect(asset.field, asset.id).toBe(field.key);
    }
  });

  it('no asset claims a field without being that field’s FIELD_COVERAGE component', () => {
    const components = builtinPromptSource.list().filter((asset) => asset.field !== undefined);
    expect(Object.fromEntries(components.map((asset) => [asset.field, asset.id]))).toEqual(FIELD_COVERAGE);
    expect(components).toHaveLength(FIELDS.length);
  });

  it('the system prompt carries the per-field components in FIELDS order', () => {
    const componentIds = SYSTEM_PROMPT_IDS.filter((id) => id.startsWith('create_engagement/'));
    expect(componentIds).toEqual(FIELDS.map((field) => FIELD_COVERAGE[field.key]));
  });

  it("each component asks its field's plain question", () => {
    for (const field of FIELDS) {
      const text = getPrompt(FIELD_COVERAGE[field.key]).text;
      // Field 1 may be asked as two questions (what, then what to call it).
      for (const question of field.question.split(/(?<=\?) /)) expect(text, field.key).toContain(question);
    }
  });

  it('prompt errors are LoomworksErrors with the codes and classes of the core registry', () => {
    const invalidFolder = mkdtempSync(join(tmpdir(), 'loomworks-invalid-prompts-'));
    writeFileSync(join(invalidFolder, 'voice_principles.md'), 'No frontmatter.\n');
    const cases: [PromptError['code'], () => unknown][] = [
      ['E_PROMPT_UNKNOWN', () => getPrompt('nope' as PromptId)],
      ['E_PROMPT_VARIABLE', () => getPrompt('intent_classifier', {})],
      ['E_PROMPT_PATH', () => createDirectoryPromptSource(PROMPTS_DIR).get('../secret' as PromptId)],
      ['E_PROMPT_INVALID', () => createDirectoryPromptSource(invalidFolder).list()],
    ];
    for (const [code, action] of cases) {
      let caught: unknown;
      try {
        action();
      } catch (error) {
        caught = error;
      }
      expect(LoomworksError.is(caught), code).toBe(true);
      expect(LoomworksError.is(caught, code), code).toBe(true);
      expect((caught as LoomworksError).errorClass).toBe(ERROR_CODES[code].class);
    }
    rmSync(invalidFolder, { recursive: true, force: true });
  });
});
