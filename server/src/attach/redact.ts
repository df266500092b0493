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
  // One pattern, so a string is scanned once whatever the number of secrets (a 50-volume boot
  // carries a CHAP password per volume), shaped as a trie: at each place only the secrets that
  // start with the character there are tried, longest match first.
  const pattern = new RegExp(triePattern(uniq), 'g');
  const shortest = Math.min(...uniq.map((f) => f.length));
  // the same log line or state string comes back many times in a run: scan each text once
  const done = new Map<string, string>();
  const fix = (s: string): string => {
    if (s.length < shortest) return s;
    let r = done.get(s);
    if (r === undefined) done.set(s, (r = s.replace(pattern, '***')));
    return r;
  };
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

interface Trie { end: boolean; next: Map<string, Trie> }

/** A regex source matching any of the words, the longest one where several start at a place. */
export function triePattern(words: string[]): string {
  const root: Trie = { end: false, next: new Map() };
  for (const w of words) {
    let t = root;
    for (const ch of w) {
      let n = t.next.get(ch);
      if (!n) t.next.set(ch, (n = { end: false, next: new Map() }));
      t = n;
    }
    t.end = true;
  }
  const esc = (ch: string) => ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  const emit = (t: Trie): string => {
    const branches = [...t.next].map(([ch, n]) => esc(ch) + emit(n));
    if (branches.length === 0) return '';
    const body = branches.length === 1 ? branches[0] : `(?:${branches.join('|')})`;
    // deeper first: a word that continues wins over one that ends here
    return t.end ? `(?:${body})?` : body;
  };
  return emit(root);
}
