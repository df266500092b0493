/**
 * Python's str()/repr() of JSON values, so that bdm-lab's messages read exactly like Nova's
 * ("Invalid input for field/attribute boot_index. Value: abc. 'abc' does not match ...").
 */
export function pyRepr(v: unknown, floatRaw?: string): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return pyNumber(v, floatRaw);
  if (typeof v === 'string') return pyStrRepr(v);
  if (Array.isArray(v)) return '[' + v.map((x) => pyRepr(x)).join(', ') + ']';
  if (typeof v === 'object') {
    return '{' + Object.entries(v as Record<string, unknown>).map(([k, x]) => `${pyStrRepr(k)}: ${pyRepr(x)}`).join(', ') + '}';
  }
  return String(v);
}

/** str(): strings as they are, everything else as repr. */
export function pyStr(v: unknown, floatRaw?: string): string {
  return typeof v === 'string' ? v : pyRepr(v, floatRaw);
}

export function pyNumber(n: number, floatRaw?: string): string {
  const isFloat = floatRaw !== undefined && /[.eE]/.test(floatRaw);
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : n < 0 ? '-inf' : 'nan';
  if (isFloat && Number.isInteger(n) && Math.abs(n) < 1e16) return `${n}.0`;
  if (isFloat && Math.abs(n) >= 1e16) return String(n).replace('e+', 'e+');
  return String(n);
}

export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  // Plain printable ASCII needs only its backslashes and quote escaped (fast for huge values).
  if (/^[\x20-\x7e]*$/.test(s)) return quote + s.replace(/\\/g, '\\\\').split(quote).join('\\' + quote) + quote;
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += '\\' + quote;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (/^[\p{C}\p{Zl}\p{Zp}]$/u.test(ch) || (/^\p{Zs}$/u.test(ch) && ch !== ' ')) {
      out += cp <= 0xff ? '\\x' + cp.toString(16).padStart(2, '0') : cp <= 0xffff ? '\\u' + cp.toString(16).padStart(4, '0') : '\\U' + cp.toString(16).padStart(8, '0');
    } else out += ch;
  }
  return out + quote;
}
