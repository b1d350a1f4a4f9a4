// The id seam: ULIDs by default (time-ordered, 26 Crockford base-32 characters), injectable for tests.
import { randomFillSync } from 'node:crypto';
import { systemClock, type Clock } from './clock';

export interface IdGenerator {
  /** A new unique id. Ids created later by the same generator sort after earlier ones. */
  newId(): string;
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function encodeTime(time: number): string {
  let out = '';
  let remaining = time;
  for (let index = 0; index < 10; index += 1) {
    out = ALPHABET[remaining % 32] + out;
    remaining = Math.floor(remaining / 32);
  }
  return out;
}

/** A monotonic ULID generator: within one millisecond the random part is incremented. */
export function createUlidGenerator(options: { clock?: Clock; random?: (bytes: Uint8Array) => void } = {}): IdGenerator {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? ((bytes: Uint8Array) => void randomFillSync(bytes));
  let lastTime = -1;
  const digits = new Array<number>(16).fill(0);
  return {
    newId() {
      const time = Math.max(clock.now(), lastTime);
      if (time === lastTime) {
        // Increment the 80-bit random part so ids stay ordered within the millisecond.
        let index = 15;
        while (index >= 0 && digits[index] === 31) digits[index--] = 0;
        if (index >= 0) digits[index] = (digits[index] ?? 0) + 1;
      } else {
        const bytes = new Uint8Array(16);
        random(bytes);
        for (let index = 0; index < 16; index += 1) digits[index] = (bytes[index] ?? 0) & 31;
        // Leave headroom so increments within one millisecond never overflow.
        digits[0] = (digits[0] ?? 0) & 15;
        lastTime = time;
      }
      return encodeTime(time) + digits.map((digit) => ALPHABET[digit]).join('');
    },
  };
}

/** Deterministic ids for tests: `prefix-000001`, `prefix-000002`, … */
export function createSequentialIds(prefix = 'id'): IdGenerator {
  let counter = 0;
  return { newId: () => `${prefix}-${String(++counter).padStart(6, '0')}` };
}
