/**
 * A JSON path as the messages print it: `server.block_device_mapping_v2[0].boot_index`.
 *
 * A big body has a path per finding, kept for the whole analysis; `a + b` of a long result is a
 * rope (one object pointing at its halves), so a path is written as few ropes over shared pieces:
 * the first two keys' head and each `.key` are made once, an index's `[n]` is one short string.
 */
export function pathString(segments: ReadonlyArray<string | number>): string {
  const n = segments.length;
  if (n === 0) return '';
  const first = segments[0];
  let s: string;
  let i: number;
  if (n >= 2 && typeof first === 'string' && first !== '' && typeof segments[1] === 'string') {
    s = headOf(first, segments[1] as string);
    i = 2;
  } else {
    s = typeof first === 'number' ? `[${first}]` : first;
    i = 1;
  }
  for (; i < n; i++) {
    const seg = segments[i];
    // (a key after nothing printed yet, such as after an empty first key, takes no dot)
    s = s === '' && typeof seg === 'string' ? seg : s + segmentText(seg);
  }
  return s;
}

/** One segment as a path prints it after what comes before: `[n]` or `.key` (shared). */
export function segmentText(seg: string | number): string {
  return typeof seg === 'number' ? `[${seg}]` : keySuffix(seg);
}

const HEADS = new Map<string, Map<string, string>>();
/** `a.b`, one string per pair of first keys (a few: `server.block_device_mapping_v2` and such) */
function headOf(a: string, b: string): string {
  let byB = HEADS.get(a);
  if (byB === undefined) {
    if (HEADS.size >= 64) return a + keySuffix(b);
    HEADS.set(a, (byB = new Map()));
  }
  let s = byB.get(b);
  if (s === undefined) {
    s = a + keySuffix(b);
    if (byB.size < 64) byB.set(b, s);
  }
  return s;
}

const SUFFIXES = new Map<string, string>();
/** `.key`, one string per key name (the schemas' and Nova's field names; bounded for any other) */
export function keySuffix(key: string): string {
  let s = SUFFIXES.get(key);
  if (s === undefined) {
    s = `.${key}`;
    if (SUFFIXES.size < 1024) SUFFIXES.set(key, s);
  }
  return s;
}
