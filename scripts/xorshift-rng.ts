/**
 * The xorshift32 generator of the Heat hunts' case makers (scripts/heat-hunt25-values.ts,
 * scripts/heat-hunt26-yaql-cases.ts and the generators that import `rng` from them): the same
 * seed, the same values. Seed 0 is taken as 1 (xorshift never leaves 0).
 */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >> 17;
    s ^= s << 5; s >>>= 0;
    return s / 0x100000000;
  };
}
