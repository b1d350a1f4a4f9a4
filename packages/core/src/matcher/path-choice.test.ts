import { describe, expect, it } from 'vitest';
import { pathChoice } from './path-choice';

describe('pathChoice', () => {
  it.each([
    ['a short summary please', 'brief'],
    ['Just the summary.', 'brief'],
    ['the brief is fine', 'brief'],
    ['A one-pager', 'brief'],
    ['the full write-up', 'discovery'],
    ['Full writeup please', 'discovery'],
    ['as a Discovery record', 'discovery'],
  ] as const)('%s → %s', (text, path) => {
    expect(pathChoice(text)).toBe(path);
  });

  it.each(['keep it brief', 'begin', 'a full write-up of our conversation, or a short summary?', 'the rules are fine'])('%s names no single path', (text) => {
    expect(pathChoice(text)).toBeNull();
  });
});
