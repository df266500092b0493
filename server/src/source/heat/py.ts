/**
 * Python's str() and repr() of a value as Heat holds it (a YAML 1.1 value: str, int, float, bool,
 * None, list, dict), for Heat's messages that print values ("Value 'x' is not an integer").
 */
import { byCodePoints } from '../../parse/pyrepr';

function reprNumber(v: number, float: boolean): string {
  if (!float && Number.isInteger(v)) return String(v);
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return `${v}.0`;
  const s = String(v);
  return s.includes('e') ? s.replace(/e([+-])(\d)$/, 'e$10$2') : s;
}

function reprString(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch === q) out += `\\${q}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f) out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return q + out + q;
}

/** Python's repr() */
export function pyRepr(v: unknown, float = false): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return reprNumber(v, float);
  if (typeof v === 'string') return reprString(v);
  if (Array.isArray(v)) return `[${v.map((x) => pyRepr(x)).join(', ')}]`;
  return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${reprString(k)}: ${pyRepr(x)}`).join(', ')}}`;
}

/** Python's str() */
export function pyStr(v: unknown, float = false): string {
  return typeof v === 'string' ? v : pyRepr(v, float);
}

/**
 * Python's json.dumps (", " and ": " separators, non-ASCII escaped), as oslo's jsonutils.dumps
 * writes a value; `sortKeys`: json.dumps(sort_keys=True), as Heat's list_join and str_replace write
 * a map or list they are given
 */
export function pyJsonDumps(v: unknown, sortKeys = false): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  if (typeof v === 'string') return JSON.stringify(v).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (Array.isArray(v)) return `[${v.map((x) => pyJsonDumps(x, sortKeys)).join(', ')}]`;
  const entries = Object.entries(v as Record<string, unknown>);
  if (sortKeys) entries.sort(([a], [b]) => byCodePoints(a, b));
  return `{${entries.map(([k, x]) => `${pyJsonDumps(k)}: ${pyJsonDumps(x, sortKeys)}`).join(', ')}}`;
}
