import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinPromptSource, createDirectoryPromptSource, getPrompt, type PromptSource } from '@loomworks/prompts';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { LoomworksError } from '../errors';
import { FIELD_COVERAGE, FIELD_KEYS, loadPerFieldComponents, type FieldKey } from '.';

const temporaryDirs: string[] = [];
afterEach(() => {
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadPerFieldComponents', () => {
  it('returns all six components by default, in FIELDS order, with their text and file hash', () => {
    const components = loadPerFieldComponents();
    expect(components.map((component) => [component.field, component.id])).toEqual([
      ['purpose', 'create_engagement/purpose'],
      ['audience', 'create_engagement/audience'],
      ['voice', 'create_engagement/voice'],
      ['constraints', 'create_engagement/constraints'],
      ['success', 'create_engagement/success'],
      ['additionalAssertions', 'create_engagement/additional_assertions'],
    ]);
    for (const component of components) {
      const prompt = getPrompt(component.id);
      expect(component).toEqual({ field: component.field, id: component.id, text: prompt.text, sha256: prompt.sha256 });
      expect(component.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('returns any subset in FIELDS order, whatever order or repetition it is asked in', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FIELD_KEYS), { maxLength: 10 }), (fields) => {
        const loaded = loadPerFieldComponents(fields).map((component) => component.field);
        expect(loaded).toEqual(FIELD_KEYS.filter((key) => fields.includes(key)));
      }),
      { numRuns: 200 },
    );
    expect(loadPerFieldComponents(['success', 'purpose']).map((component) => component.field)).toEqual(['purpose', 'success']);
    expect(loadPerFieldComponents([])).toEqual([]);
  });

  it('reads the components from the given prompt source', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loomworks-components-'));
    temporaryDirs.push(dir);
    const path = 'intent_instructions/create_engagement/audience.md';
    const builtin = readFileSync(new URL(`../../../prompts/prompts/${path}`, import.meta.url), 'utf8');
    mkdirSync(join(dir, 'intent_instructions', 'create_engagement'), { recursive: true });
    writeFileSync(join(dir, path), `${builtin.slice(0, builtin.indexOf('\n---\n') + 5)}Ask who it is for, our way.\n`);
    const [audience] = loadPerFieldComponents(['audience'], createDirectoryPromptSource(dir));
    expect(audience?.text).toBe('Ask who it is for, our way.');
    expect(audience?.sha256).not.toBe(builtinPromptSource.get(FIELD_COVERAGE.audience).sha256);
  });

  it('refuses an unknown field key with E_USAGE', () => {
    let caught: unknown;
    try {
      loadPerFieldComponents(['voice', 'tone' as FieldKey]);
    } catch (error) {
      caught = error;
    }
    expect(LoomworksError.is(caught, 'E_USAGE')).toBe(true);
    expect((caught as LoomworksError).details).toEqual({ fields: ['tone'] });
  });

  it('refuses a source whose component names another field', () => {
    const swapped: PromptSource = {
      name: 'swapped',
      get: (id) => (id === FIELD_COVERAGE.voice ? { ...builtinPromptSource.get(id), field: 'audience' } : builtinPromptSource.get(id)),
      list: () => builtinPromptSource.list(),
    };
    let caught: unknown;
    try {
      loadPerFieldComponents(['voice'], swapped);
    } catch (error) {
      caught = error;
    }
    expect(LoomworksError.is(caught, 'E_PROMPT_INVALID')).toBe(true);
  });
});
