/**
 * Growth checks without absolute times: the same work is timed at size n and at size 2n in the
 * same run, interleaved (so both sizes see the same machine load), several times each, and the
 * ratio of the medians is returned. Linear work gives about 2, quadratic about 4, cubic about 8;
 * tests assert e.g. `ratio < 3`. Absolute speed goals live in `npm run bench`, not in tests.
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full collection before each sample: one sample's garbage (a 2n input's) is then not
 * collected inside the next one's time, which on a loaded machine made linear work read as
 * superlinear. The collector is exposed for a fresh context only (the test's own is unchanged).
 * `npm run bench` collects so before each of its rows (bench/peers.ts).
 */
export const collect: () => void = (() => {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : () => {};
  } catch {
    return () => {};
  }
})();

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface Growth {
  /** median time at 2n over median time at n */
  ratio: number;
  msN: number;
  ms2N: number;
}

/**
 * `make(n)` builds the input (not timed), `work(input)` is timed. One warm-up run of each size
 * first (JIT), then `reps` interleaved runs of each.
 */
export function growthRatio<T>(make: (n: number) => T, work: (input: T) => unknown, n: number, reps = 5): Growth {
  const small = make(n);
  const big = make(2 * n);
  // a sample shorter than a few milliseconds is mostly timer and scheduler noise on a shared
  // machine: repeat the work k times per sample, k chosen so the small input takes about 10 ms
  let k = 1;
  const time = (x: T) => {
    collect();
    const t0 = performance.now();
    for (let i = 0; i < k; i++) work(x);
    return performance.now() - t0;
  };
  const once = Math.max(time(small), 1e-3);
  time(big);
  k = Math.min(1000, Math.max(1, Math.ceil(10 / once)));
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < reps; i++) {
    a.push(time(small));
    b.push(time(big));
  }
  const msN = median(a);
  const ms2N = median(b);
  return { ratio: ms2N / Math.max(msN, 1e-3), msN, ms2N };
}

export function describeGrowth(what: string, n: number, g: Growth): string {
  return `${what}: n=${n} ${g.msN.toFixed(1)} ms, 2n ${g.ms2N.toFixed(1)} ms, ratio ${g.ratio.toFixed(2)}`;
}

/**
 * growthRatio, measured again (up to `attempts` times) while the ratio is at or above `limit`;
 * returns the smallest ratio seen. A burst of load on a shared machine can spoil one measurement,
 * but superlinear work stays above the limit on every attempt (quadratic ≈ 4, cubic ≈ 8).
 */
export function bestGrowth<T>(make: (n: number) => T, work: (input: T) => unknown, n: number, limit: number, attempts = 5, reps = 5): Growth {
  let best = growthRatio(make, work, n, reps);
  for (let i = 1; i < attempts && best.ratio >= limit; i++) {
    const g = growthRatio(make, work, n, reps);
    if (g.ratio < best.ratio) best = g;
  }
  return best;
}
