import { describe, expect, it } from 'vitest';
import { FIELDS, FIELD_COVERAGE, REQUIRED_FIELD_KEYS, getField, isFieldKey } from '.';

describe('FIELDS', () => {
  it('is the ordered registry of SPEC §3', () => {
    expect(FIELDS.map((field) => [field.number, field.key, field.type, field.required])).toEqual([
      [1, 'purpose', 'text', true],
      [2, 'audience', 'text', true],
      [3, 'voice', 'text', true],
      [4, 'constraints', 'list', true],
      [5, 'success', 'list', true],
      [6, 'additionalAssertions', 'entries', false],
    ]);
    expect(REQUIRED_FIELD_KEYS).toEqual(['purpose', 'audience', 'voice', 'constraints', 'success']);
  });

  it('asks the plain-terms questions of SPEC §3', () => {
    expect(FIELDS.map((field) => field.question)).toEqual([
      'What are we making? What should we call it?',
      'Who is it for?',
      'How should it sound — what should someone feel reading it?',
      'What rules should it always follow?',
      "How will we know it's working?",
      'Anything else it should always hold true?',
    ]);
  });

  it('accepts every heading title of SPEC §4.2, canonical title first', () => {
    expect(Object.fromEntries(FIELDS.map((field) => [field.key, field.titles]))).toEqual({
      purpose: ["What we're making", 'What it is', 'Purpose'],
      audience: ["Who it's for", 'Audience', 'Readers', 'Consumers'],
      voice: ['How it should sound', 'Voice', 'Tone'],
      constraints: ['Rules to follow', 'Rules', 'Constraints'],
      success: ["Signs it's working", 'Success', 'Success criteria'],
      additionalAssertions: ['Also true', 'Additional assertions', 'Other notes'],
    });
    for (const field of FIELDS) expect(field.titles[0]).toBe(field.title);
  });

  it('maps every field to its elicitation component', () => {
    expect(Object.keys(FIELD_COVERAGE)).toEqual(FIELDS.map((field) => field.key));
    expect(FIELD_COVERAGE.additionalAssertions).toBe('create_engagement/additional_assertions');
  });

  it('looks fields up by key and rejects unknown keys', () => {
    expect(getField('voice').number).toBe(3);
    expect(isFieldKey('success')).toBe(true);
    expect(isFieldKey('name')).toBe(false);
    expect(() => getField('name' as never)).toThrow(TypeError);
  });
});
