/**
 * Output-wide redaction: every secret a run handled (CHAP passwords, keyrings and their
 * keys, the auth token) is replaced by "***" in every string of the result, including the
 * log lines and the BDM's connection_info JSON text, where it may appear JSON-escaped.
 */
export function redactDeep<T>(value: T, secrets: Iterable<string>): T {
  const forms: string[] = [];
  for (const s of secrets) {
    if (!s) continue;
    forms.push(s, JSON.stringify(s).slice(1, -1), JSON.stringify(JSON.stringify(s).slice(1, -1)).slice(1, -1));
  }
  const uniq = [...new Set(forms)];
  if (uniq.length === 0) return value;
  // (a text that comes back many times is scanned each time: the scan reads a character in
  // several, where a map of the texts done would hash every character of each)
  const fix = secretReplacer(uniq);
  // Copy on write: an object or array is copied only when something inside it changed (most
  // log lines carry no secret), which keeps a 2 000-step result cheap.
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return fix(v);
    if (Array.isArray(v)) {
      let copy: unknown[] | null = null;
      for (let i = 0; i < v.length; i++) {
        const x = walk(v[i]);
        if (x !== v[i]) (copy ??= v.slice())[i] = x;
      }
      return copy ?? v;
    }
    if (v !== null && typeof v === 'object') {
      let copy: Record<string, unknown> | null = null;
      for (const k of Object.keys(v)) {
        const before = (v as Record<string, unknown>)[k];
        const x = walk(before);
        if (x !== before) (copy ??= { ...(v as Record<string, unknown>) })[k] = x;
      }
      return copy ?? v;
    }
    return v;
  };
  return walk(value) as T;
}

/**
 * A function replacing every occurrence of any of the words by "***", scanning left to right,
 * the longest word where several start at the same place. One pass per text whatever the number
 * of words (a boot with thousands of volumes has a CHAP password each), and most characters of
 * a text are never read: the scan looks at the last two characters of an `m`-character window
 * (m: the shortest word's length, at most 32) and moves the window by as much as no word allows
 * to start inside it (a shift table of those character pairs, as Wu and Manber's multi-pattern
 * search does). Only a window whose last pair ends the head of some word is checked, by a hash
 * of its first `width` characters naming the few words that can start there.
 */
export function secretReplacer(words: string[], mask = '***'): (text: string) => string {
  const list = [...new Set(words.filter((w) => w.length > 0))];
  if (!list.length) return (t) => t;
  const width = Math.min(8, ...list.map((w) => w.length));
  const B = 31;
  const hashAt = (t: string, at: number): number => {
    let h = 0;
    for (let i = 0; i < width; i++) h = (Math.imul(h, B) + t.charCodeAt(at + i)) | 0;
    return h;
  };
  const byHash = new Map<number, string[]>();
  for (const w of list) {
    const h = hashAt(w, 0);
    const l = byHash.get(h);
    if (l) l.push(w);
    else byHash.set(h, [w]);
  }
  for (const l of byHash.values()) l.sort((a, b) => b.length - a.length);
  // the window: the first m characters of any word; its last `pair` (1 or 2) characters are read
  const m = Math.min(32, ...list.map((w) => w.length));
  const pair = m >= 2 ? 2 : 1;
  const pairAt = pair === 2 ? (t: string, end: number) => (Math.imul(t.charCodeAt(end - 1), 31) ^ t.charCodeAt(end)) & 0xffff : (t: string, end: number) => t.charCodeAt(end) & 0xffff;
  // how far the window may move when its last characters fold to a value: m - pair + 1 where no
  // word's head holds such a pair, less where one does (0: a word may start at the window)
  const shift = new Uint8Array(0x10000).fill(m - pair + 1);
  for (const w of list) {
    for (let j = pair - 1; j < m; j++) {
      const f = pairAt(w, j);
      if (m - 1 - j < shift[f]) shift[f] = m - 1 - j;
    }
  }
  const wordAt = (t: string, i: number): string | undefined => {
    const cands = byHash.get(hashAt(t, i));
    if (cands) for (const w of cands) if (t.startsWith(w, i)) return w;
    return undefined;
  };
  return (t: string): string => {
    if (t.length < m) return t;
    let out: string[] | null = null;
    let from = 0; // start of the text not yet copied to out
    let end = m - 1; // the window's last character: the window is [end - m + 1, end]
    while (end < t.length) {
      const s = shift[pairAt(t, end)];
      if (s > 0) {
        end += s;
        continue;
      }
      const i = end - m + 1;
      const hit = wordAt(t, i);
      if (hit) {
        (out ??= []).push(t.slice(from, i), mask);
        from = i + hit.length;
        end = from + m - 1;
      } else end++;
    }
    if (!out) return t;
    out.push(t.slice(from));
    return out.join('');
  };
}
