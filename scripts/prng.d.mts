/** A seeded PRNG (mulberry32): a value in [0, 1) per call. */
export function rng(seed: number): () => number;
