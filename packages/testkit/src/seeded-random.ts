/**
 * A small seeded generator (mulberry32): numbers in [0, 1), the same sequence for the same seed, so a run that
 * draws from it (a simulated Operator's slips, a crash test's kill points, a benchmark's corpus) can be
 * replayed exactly from its seed.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}
