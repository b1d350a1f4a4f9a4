// A clock tests move by hand.
import type { Clock } from '@loomworks/core';

export type FakeClock = Clock & { advance(milliseconds: number): void };

export function createFakeClock(start = Date.parse('2026-01-15T09:00:00.000Z')): FakeClock {
  let now = start;
  return {
    now: () => now,
    advance(milliseconds) {
      now += milliseconds;
    },
  };
}
