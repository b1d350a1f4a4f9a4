import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROMPT_ID_PATTERN, parsePromptAsset, promptIdFromPath, promptPathFromId } from './asset-format';
import { PromptError } from './prompt-error';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The problems parsePromptAsset reports for a file, or [] when it is valid. */
function problemsOf(path: string, text: string): string[] {
  try {
    parsePromptAsset(path, bytes(text));
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(PromptError);
    expect((error as PromptError).code).toBe('E_PROMPT_INVALID');
    expect((error as PromptError).details.path).toBe(path);
    return (error as PromptError).details.problems as string[];
  }
}

const VALID = `---
id: intent_classifier
version: 2
description: Routes one message.
variables: [message, companion_last_turn]
---

Message: {{message}}
Before: {{companion_last_turn}}
`;

describe('parsePromptAsset', () => {
  it('reads the frontmatter and trims the body', () => {
    expect(parsePromptAsset('intent_classifier.md', bytes(VALID))).toEqual({
      id: 'intent_classifier',
      version: 2,
      description: 'Routes one message.',
      variables: ['message', 'companion_last_turn'],
      body: 'Message: {{message}}\nBefore: {{companion_last_turn}}',
    });
  });

  it('accepts block lists, comments, quoted values, a byte-order mark and Windows line endings', () => {
    const text = [
      '\uFEFF---',
      '# a comment line',
      'id: create_engagement/voice          # must equal the path',
      'version: 1',
      "description: 'How it should sound: the tone, and what it''s like to read.'",
      'variables:',
      '  - tone_hint',
      'field: voice',
      '---',
      'Ask about the tone. {{tone_hint}}',
      '',
    ].join('\r\n');
    expect(parsePromptAsset('intent_instructions/create_engagement/voice.md', bytes(text))).toEqual({
      id: 'create_engagement/voice',
      version: 1,
      description: "How it should sound: the tone, and what it's like to read.",
      variables: ['tone_hint'],
      field: 'voice',
      body: 'Ask about the tone. {{tone_hint}}',
    });
    const doubleQuoted = VALID.replace('description: Routes one message.', 'description: "Routes: one \\"message\\"." # note');
    expect(parsePromptAsset('intent_classifier.md', bytes(doubleQuoted)).description).toBe('Routes: one "message".');
  });

  it.each([
    ['a missing opening line', VALID.slice(4), 'the file must start with a `---` line opening the frontmatter'],
    ['a missing closing line', VALID.replace('---\n\n', '\n'), 'the frontmatter has no closing `---` line'],
    ['a missing required key', VALID.replace('description: Routes one message.\n', ''), 'frontmatter needs `description`'],
    ['an unknown key', VALID.replace('version: 2', 'version: 2\nauthor: me'), 'unknown frontmatter key `author` (allowed: id, version, description, variables, field)'],
    ['a repeated key', VALID.replace('version: 2', 'version: 2\nversion: 3'), 'frontmatter line 4: `version` appears twice'],
    ['an id that does not match the path', VALID.replace('id: intent_classifier', 'id: classifier'), "id `classifier` must match the file's location: `intent_classifier`"],
    ['version zero', VALID.replace('version: 2', 'version: 0'), 'version must be a positive whole number, unquoted'],
    ['a quoted version', VALID.replace('version: 2', 'version: "2"'), 'version must be a positive whole number, unquoted'],
    ['a fractional version', VALID.replace('version: 2', 'version: 1.5'), 'version must be a positive whole number, unquoted'],
    ['an empty description', VALID.replace('description: Routes one message.', 'description: ""'), 'description must not be empty'],
    ['a description YAML would misread', VALID.replace('description: Routes one message.', 'description: Routes: one message'), 'frontmatter line 4: quote this value (it starts with a YAML symbol or contains ": ")'],
    ['variables as a scalar', VALID.replace('variables: [message, companion_last_turn]', 'variables: message'), 'variables must be a list: [] when there are none, [a, b] or one `- name` line each'],
    ['variables with no value (YAML null)', VALID.replace('variables: [message, companion_last_turn]', 'variables:'), 'variables must be a list: [] when there are none, [a, b] or one `- name` line each'],
    ['a variable used but not declared', VALID.replace('[message, companion_last_turn]', '[message]'), 'the body uses undeclared variables: companion_last_turn'],
    ['a variable declared but not used', VALID.replace('[message, companion_last_turn]', '[message, companion_last_turn, extra]'), 'declared variables never used in the body: extra'],
    ['a variable declared twice', VALID.replace('[message, companion_last_turn]', '[message, message, companion_last_turn]'), 'variables are declared twice: message'],
    ['literal double braces', VALID.replace('Before:', 'Use {{ message }} or'), 'malformed placeholder in the line `Use {{ message }} or {{companion_last_turn}}` (placeholders are {{lower_snake_case}}; literal double braces are not allowed)'],
    ['stray closing braces', VALID.replace('Before:', 'a}}'), 'malformed placeholder in the line `a}} {{companion_last_turn}}` (placeholders are {{lower_snake_case}}; literal double braces are not allowed)'],
    ['an empty body', VALID.replace(/---\n\n[\s\S]*$/, '---\n  \n'), 'the body after the frontmatter is empty'],
    ['a field on an asset that is not a per-field component', VALID.replace('version: 2', 'version: 2\nfield: voice'), 'only per-field components (intent_instructions/create_engagement/) have `field`'],
  ])('rejects %s', (_case, text, problem) => {
    expect(problemsOf('intent_classifier.md', text)).toContain(problem);
  });

  it('requires `field` on per-field components, as a field key', () => {
    const component = (field: string) => `---\nid: create_engagement/success\nversion: 1\ndescription: Signs.\nvariables: []\n${field}---\nAsk.\n`;
    expect(problemsOf('intent_instructions/create_engagement/success.md', component(''))).toEqual(['a per-field component needs `field`: the field key it elicits']);
    expect(problemsOf('intent_instructions/create_engagement/success.md', component('field: additional_assertions\n'))).toEqual([
      'field `additional_assertions` is not a field key (e.g. voice, additionalAssertions)',
    ]);
    expect(problemsOf('intent_instructions/create_engagement/success.md', component('field: success\n'))).toEqual([]);
  });

  it('reports every problem of a file at once', () => {
    const text = '---\nid: wrong\nversion: -1\nvariables: [x]\n---\nNo placeholder.\n';
    expect(problemsOf('voice_principles.md', text)).toEqual([
      'frontmatter needs `description`',
      "id `wrong` must match the file's location: `voice_principles`",
      'version must be a positive whole number, unquoted',
      'declared variables never used in the body: x',
    ]);
  });

  it('rejects bytes that are not UTF-8', () => {
    const error = (() => {
      try {
        parsePromptAsset('voice_principles.md', new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe]));
      } catch (caught) {
        return caught as PromptError;
      }
      return undefined;
    })();
    expect(error?.code).toBe('E_PROMPT_INVALID');
    expect(error?.details.problems).toEqual(['the file is not UTF-8 text']);
  });
});

describe('asset locations', () => {
  it('maps root files and intent_instructions/ files to ids (SPEC §5.1)', () => {
    expect(promptIdFromPath('voice_principles.md')).toEqual({ id: 'voice_principles' });
    expect(promptIdFromPath('intent_instructions/create_engagement/additional_assertions.md')).toEqual({ id: 'create_engagement/additional_assertions' });
    expect(promptPathFromId('create_engagement/voice')).toBe('intent_instructions/create_engagement/voice.md');
    expect(promptPathFromId('create_engagement_commit')).toBe('create_engagement_commit.md');
  });

  it.each([
    ['notes.txt'],
    ['create_engagement/voice.md'],
    ['intent_instructions/voice.md'],
    ['Voice.md'],
    ['intent_instructions/create-engagement/voice.md'],
  ])('refuses %s as an asset location', (path) => {
    expect(promptIdFromPath(path)).toHaveProperty('reason');
    expect(problemsOf(path, VALID).length).toBeGreaterThan(0);
  });

  it('maps every valid id to one file and back', () => {
    const segment = fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (segments) => {
        const id = segments.join('/');
        expect(PROMPT_ID_PATTERN.test(id)).toBe(true);
        expect(promptIdFromPath(promptPathFromId(id))).toEqual({ id });
      }),
      { numRuns: 300 },
    );
  });
});
