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
  const uniq = [...new Set(forms)].sort((a, b) => b.length - a.length);
  if (uniq.length === 0) return value;
  // One alternation, longest form first, so a string is scanned once whatever the number of
  // secrets (a 50-volume boot carries a CHAP password per volume).
  const pattern = new RegExp(uniq.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const fix = (s: string): string => s.replace(pattern, '***');
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return fix(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) o[k] = walk(x);
      return o;
    }
    return v;
  };
  return walk(value) as T;
}
