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
  const replace = secretReplacer(uniq);
  // the same log line or state string comes back many times in a run: scan each text once
  const done = new Map<string, string>();
  const fix = (s: string): string => {
    let r = done.get(s);
    if (r === undefined) done.set(s, (r = replace(s)));
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

/**
 * A function replacing every occurrence of any of the words by "***", scanning left to right,
 * the longest word where several start at the same place. One pass per text whatever the number
 * of words (a boot with thousands of volumes has a CHAP password each): a rolling hash over the
 * first `width` characters picks the few words that can start at a place.
 */
export function secretReplacer(words: string[], mask = '***'): (text: string) => string {
  const list = [...new Set(words.filter((w) => w.length > 0))];
  if (!list.length) return (t) => t;
  const width = Math.min(8, ...list.map((w) => w.length));
  const B = 31;
  let top = 1; // B^(width-1) mod 2^32
  for (let i = 1; i < width; i++) top = Math.imul(top, B);
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
  // A bit per 16-bit fold of the hashes in use: most places of most texts start no word, and a
  // typed-array read answers that more cheaply than a Map lookup (1 000 attaches at once redact
  // megabytes of log text).
  const fold = (h: number) => (h ^ (h >>> 16)) & 0xffff;
  const maybe = new Uint8Array(0x10000);
  for (const h of byHash.keys()) maybe[fold(h)] = 1;
  const wordAt = (t: string, i: number, h: number): string | undefined => {
    const cands = byHash.get(h);
    if (cands) for (const w of cands) if (t.startsWith(w, i)) return w;
    return undefined;
  };
  return (t: string): string => {
    if (t.length < width) return t;
    let out: string[] | null = null;
    let from = 0; // start of the text not yet copied to out
    let i = 0;
    let h = hashAt(t, 0);
    const last = t.length - width;
    while (i <= last) {
      const hit = maybe[fold(h)] === 1 ? wordAt(t, i, h) : undefined;
      if (hit) {
        (out ??= []).push(t.slice(from, i), mask);
        i += hit.length;
        from = i;
        if (i <= last) h = hashAt(t, i);
        continue;
      }
      if (i < last) h = (Math.imul(h - Math.imul(t.charCodeAt(i), top), B) + t.charCodeAt(i + width)) | 0;
      i++;
    }
    if (!out) return t;
    out.push(t.slice(from));
    return out.join('');
  };
}
