// One seeded PRNG for every generator and fuzzer (mulberry32): small, fast, good enough for test
// generation, and identical on every platform, so a seed names the same run everywhere.
/** @param {number} seed @returns {() => number} a value in [0, 1) per call */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
