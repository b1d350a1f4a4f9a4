import { describe, expect, it } from 'vitest';
import { createSequentialIds, createUlidGenerator } from '.';

describe('createUlidGenerator', () => {
  it('makes 26-character Crockford base-32 ids that sort in creation order, even within one millisecond', () => {
    let now = 1_764_150_000_000;
    const ids = createUlidGenerator({ clock: { now: () => now } });
    const made: string[] = [];
    for (let index = 0; index < 1000; index += 1) {
      if (index % 100 === 0) now += 1;
      made.push(ids.newId());
    }
    for (const id of made) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
  });

  it('stays ordered when the clock steps backwards', () => {
    let now = 2_000_000;
    const ids = createUlidGenerator({ clock: { now: () => now } });
    const first = ids.newId();
    now -= 1000;
    expect(ids.newId() > first).toBe(true);
  });

  it('encodes the timestamp in the first ten characters', () => {
    const ids = createUlidGenerator({ clock: { now: () => 0 }, random: (bytes) => bytes.fill(0) });
    expect(ids.newId()).toBe('0000000000' + '0'.repeat(16));
  });
});

describe('createSequentialIds', () => {
  it('numbers ids for readable test output', () => {
    const ids = createSequentialIds('eng');
    expect([ids.newId(), ids.newId()]).toEqual(['eng-000001', 'eng-000002']);
  });
});
