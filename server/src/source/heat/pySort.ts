/**
 * Which comparison of CPython 3.11's list.sort fails first, for items some pairs of which Python
 * cannot order (`lt` throws `Unordered` for them). The sort (Objects/listobject.c, facts only):
 * minrun from the length (all of it below 64; else 32 to 64, so the length over minrun is a power
 * of two or just under one); runs found one after another from the start, each the longest
 * ascending (or strictly descending, then reversed) run, extended to minrun by binary insertion;
 * runs are merged (powersort, with galloping) only once a third run is found. So the comparisons
 * inside the first three runs are made before any merge, in the order followed here; a failure
 * there is Python's first. Past them bdm-lab does not follow the merges: `unknown`.
 */
export class Unordered<T> { constructor(readonly x: T, readonly y: T) {} }

export type SortOutcome<T> = { failed: Unordered<T> } | 'ordered' | 'unknown';

/** CPython's merge_compute_minrun */
export function minrun(n: number): number {
  let r = 0;
  while (n >= 64) { r |= n & 1; n >>= 1; }
  return n + r;
}

/** the first comparison that fails, or `ordered` (the sort ends with no merge), or `unknown` */
export function firstSortFailure<T>(items: readonly T[], lt: (x: T, y: T) => boolean): SortOutcome<T> {
  const a = [...items];
  const min = minrun(a.length);
  let lo = 0;
  let runs = 0;
  try {
    while (lo < a.length) {
      // the comparisons after the third run's are merges, which bdm-lab does not follow
      if (runs === 3) return 'unknown';
      const remaining = a.length - lo;
      // count_run
      let n = 1;
      if (remaining > 1) {
        n = 2;
        const descending = lt(a[lo + 1], a[lo]);
        while (n < remaining && lt(a[lo + n], a[lo + n - 1]) === descending) n++;
        if (descending) a.splice(lo, n, ...a.slice(lo, lo + n).reverse());
      }
      // extended to minrun by binary insertion
      if (n < min) {
        const force = Math.min(remaining, min);
        for (let start = lo + n; start < lo + force; start++) {
          const pivot = a[start];
          let l = lo;
          let r = start;
          do {
            const p = l + ((r - l) >> 1);
            if (lt(pivot, a[p])) r = p;
            else l = p + 1;
          } while (l < r);
          a.splice(start, 1);
          a.splice(l, 0, pivot);
        }
        n = force;
      }
      lo += n;
      runs++;
    }
  } catch (e) {
    if (e instanceof Unordered) return { failed: e as Unordered<T> };
    throw e;
  }
  // one run: sorted with no merge; two or three: merged next, which bdm-lab does not follow
  return runs <= 1 ? 'ordered' : 'unknown';
}
