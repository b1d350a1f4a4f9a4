import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { counterAdvances } from './counter-advances';

describe('counterAdvances', () => {
  it('accepts a growing counter and 0 after 0 (synced passkeys), and nothing else', () => {
    expect(counterAdvances(0, 0)).toBe(true);
    expect(counterAdvances(0, 1)).toBe(true);
    expect(counterAdvances(5, 6)).toBe(true);
    expect(counterAdvances(5, 5)).toBe(false);
    expect(counterAdvances(5, 4)).toBe(false);
    expect(counterAdvances(5, 0)).toBe(false);
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (stored, reported) => counterAdvances(stored, reported) === (reported > stored || (stored === 0 && reported === 0))),
      { numRuns: 200 },
    );
  });
});
