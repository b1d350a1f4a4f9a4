import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '.';

/** A double from its IEEE-754 bits, as RFC 8785 Appendix B lists them. */
function fromBits(hex: string): number {
  return Buffer.from(hex, 'hex').readDoubleBE(0);
}

/** A copy of a JSON value with every object's keys inserted in a shuffled order. */
function reorderKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((item) => reorderKeys(item, random));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  for (let index = entries.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [entries[index], entries[other]] = [entries[other] as [string, unknown], entries[index] as [string, unknown]];
  }
  return Object.fromEntries(entries.map(([key, item]) => [key, reorderKeys(item, random)]));
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

describe('canonicalJson (RFC 8785)', () => {
  it('reproduces the RFC 8785 §3.2.2 example byte for byte', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}'
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}'
    );
  });

  it('sorts keys by UTF-16 code units, so an astral character sorts before U+FB33 (RFC 8785 §3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const keys = Object.keys(JSON.parse(canonicalJson(input)) as object);
    // JSON.parse puts integer-like keys first, so read the order from the text instead.
    const order = [...canonicalJson(input).matchAll(/"((?:[^"\\]|\\.)*)":/g)].map((match) => JSON.parse(`"${match[1]}"`) as string);
    expect(order).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
    expect(new Set(keys)).toEqual(new Set(Object.keys(input)));
  });

  it('sorts nested object keys and keeps array order', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: 2 }, 1], a: { d: null, c: 'x' } })).toBe('{"a":{"c":"x","d":null},"b":[3,{"a":2,"z":1},1]}');
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serialises the double with bits %s as %s (RFC 8785 Appendix B)', (bits, expected) => {
    expect(canonicalJson(fromBits(bits))).toBe(expected);
  });

  it('writes numbers in ECMAScript form whatever their source spelling', () => {
    expect(canonicalJson([1e21, -0, 0.000001, 1e-7, 1e-6, 100, 1.5e3, 2e-3])).toBe('[1e+21,0,0.000001,1e-7,0.000001,100,1500,0.002]');
  });

  it('escapes strings as JSON.stringify does: short escapes, lowercase \\u00xx for other controls, / and non-ASCII as is', () => {
    expect(canonicalJson('"\\/\b\t\n\f\r\u0000\u001f\u007fé€😀')).toBe('"\\"\\\\/\\b\\t\\n\\f\\r\\u0000\\u001f\u007fé€😀"');
    // A lone surrogate cannot be written as UTF-8; it is escaped so the text stays well-formed and stable.
    expect(canonicalJson('\ud800')).toBe('"\\ud800"');
  });

  it('writes no whitespace', () => {
    expect(canonicalJson({ a: [1, { b: true }], c: 'd e' })).toBe('{"a":[1,{"b":true}],"c":"d e"}');
  });

  it.each([
    ['undefined at the top level', undefined],
    ['an undefined property', { a: 1, b: undefined }],
    ['an undefined array item', [1, undefined]],
    ['a hole in a sparse array', [1, , 3]],
    ['a function', { run: () => 1 }],
    ['a symbol', [Symbol('s')]],
    ['a bigint', { big: 10n }],
    ['NaN', NaN],
    ['Infinity', { value: Number.POSITIVE_INFINITY }],
    ['-Infinity', [Number.NEGATIVE_INFINITY]],
    ['a Date', { at: new Date(0) }],
    ['a Map', new Map([['a', 1]])],
  ])('throws a TypeError for %s instead of silently dropping or altering it', (_label, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('throws a TypeError on cycles but accepts a value shared between two places', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(TypeError);
    const cyclicArray: unknown[] = [];
    cyclicArray.push({ back: cyclicArray });
    expect(() => canonicalJson(cyclicArray)).toThrow(TypeError);
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
  });

  it('accepts objects with a null prototype', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { b: 1, a: 2 });
    expect(canonicalJson(bare)).toBe('{"a":2,"b":1}');
  });

  it('is the same text whatever order the keys were inserted in, and parses back to the same data', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
        const text = canonicalJson(value);
        expect(canonicalJson(reorderKeys(value, seededRandom(seed)))).toBe(text);
        const parsed: unknown = JSON.parse(text);
        expect(parsed).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(parsed)).toBe(text);
      }),
      { numRuns: 300 }
    );
  });
});
