/**
 * The ansible-oracle's answers as scripts/ansible-difftest.ts reads them: one JSON object {id:
 * answer} or the `--batch` output (JSON lines, each with its `id`), both as Python's json module
 * writes them, where a float the task computed may be the bare word NaN, Infinity or -Infinity.
 */
import type { AnsibleLabel } from '../test/fixtures/ansible/compare';

/** Python's json.loads for what json.dumps writes: JSON plus the bare words NaN, Infinity, -Infinity */
export function parsePythonJson(text: string): unknown {
  const MARK = '\u0000py:';
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      // copy a string whole (its escapes included)
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const word = /^(?:-?Infinity|NaN)/.exec(text.slice(i, i + 9));
    if (word) { out += JSON.stringify(MARK + word[0]); i += word[0].length; continue; }
    out += c;
    i++;
  }
  const NUM: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };
  return JSON.parse(out, (_k, v: unknown) => (typeof v === 'string' && v.startsWith(MARK) ? NUM[v.slice(MARK.length)] : v));
}

/** the oracle's answers by id, from one JSON object or from JSON lines */
export function readOracle(text: string): Record<string, AnsibleLabel> {
  const t = text.trim();
  const first = t.split('\n', 1)[0]!;
  let lines = false;
  try { lines = 'stage' in (parsePythonJson(first) as object); } catch { /* a first line that is not a whole object: one document */ }
  if (!lines) return parsePythonJson(t) as Record<string, AnsibleLabel>;
  const all: Record<string, AnsibleLabel> = {};
  for (const line of t.split('\n')) {
    if (!line.trim()) continue;
    const o = parsePythonJson(line) as AnsibleLabel & { id: string };
    all[o.id] = o;
  }
  return all;
}
